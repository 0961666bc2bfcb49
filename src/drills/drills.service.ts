import { z } from 'zod';
import type { AttemptRow, RunRow } from '../db/schema.js';

export type { AttemptRow };

import type { Catalog, CatalogQuestion } from '../questions/catalog.js';
import type { CaseVerdict, RunReport } from '../questions/harness/harness.js';
import { createRunnerUnavailableError } from '../runner/runner.errors.js';
import { caseViews, type RunnerService, type RunScope, type RunView, storedResults } from '../runner/runner.service.js';
import type { RunsRepository } from '../runner/runs.repository.js';
import { firstQuestionOverruns, overBudget } from '../scheduling/budget.js';
import {
  type CardFields,
  CardState,
  cardFieldsOf,
  GRADES,
  type GradeValue,
  newCard,
  nextStates,
} from '../scheduling/fsrs.js';
import { interviewLastAllowedDay } from '../scheduling/interview-cap.js';
import { intervalLabel, type PlannedGrade, planGradesUpTo } from '../scheduling/planner.js';
import { budgetMinutes } from '../scheduling/presets.js';
import type { SettingsRepository } from '../settings/settings.repository.js';
import type { Clock } from '../shared/clock.js';
import {
  type DayOptions,
  dayStart,
  formatInZone,
  isoWeekday,
  localDay,
  nextDrillDay,
  shiftDay,
  WEEKDAY_LONG_NAMES,
} from '../shared/days.js';
import { AppError, createConflictError, createNotFoundError, createValidationError } from '../shared/errors.js';
import { TRACKS, type Track } from '../shared/validation.js';
import type { DrillsRepository } from './drills.repository.js';
import { type Outcome, outcomeFromTests, suggestGrade } from './grading.js';
import { createDrillQueue, type DrillQueue, type NextItem } from './queue.js';

export type DrillUser = { id: number } & DayOptions;
export { LEARN_AHEAD_MS } from './queue.js';
export const MAX_CODE_LENGTH = 100_000;
export const MAX_NOTES_LENGTH = 20_000;

// Browsers submit textareas with CRLF line endings; store Python as it would be on disk.
const lf = (s: string) => s.replace(/\r\n?/g, '\n');
export const answerSchema = z.object({
  code: z
    .string({ message: 'code must be text' })
    .max(MAX_CODE_LENGTH, `code can be at most ${MAX_CODE_LENGTH} characters`)
    .default('')
    .transform(lf),
  notes: z
    .string({ message: 'notes must be text' })
    .max(MAX_NOTES_LENGTH, `notes can be at most ${MAX_NOTES_LENGTH} characters`)
    .default('')
    .transform(lf),
});
export const submitSchema = answerSchema.extend({
  // Only asked when the code cannot run (RUNNER=off): then the candidate says how it went.
  outcome: z
    .enum(['solved', 'partial', 'failed'], { message: 'pick an outcome: solved, partial or failed' })
    .optional(),
});
export const runSchema = answerSchema.extend({
  scope: z.enum(['examples', 'all'], { message: 'scope is examples or all' }).default('examples'),
});
export const gradeSchema = z.object({
  grade: z.coerce
    .number({ message: 'pick a grade' })
    .int()
    .min(1, 'grade must be 1 (Again) to 4 (Easy)')
    .max(4, 'grade must be 1 (Again) to 4 (Easy)'),
  overrideReason: z
    .string({ message: 'the reason must be text' })
    .trim()
    .max(500, 'the reason can be at most 500 characters')
    .default(''),
});

/** A run as the candidate sees it; once the attempt is submitted, its first failing hidden case too. */
export function runView(run: RunRow, { submitted }: { submitted: boolean }): RunView {
  const cases = run.results as CaseVerdict[];
  const firstHiddenFailure = cases.find((c) => !c.example && c.index >= 0 && c.verdict !== 'passed');
  const reveal = new Set(submitted && firstHiddenFailure ? [firstHiddenFailure.index] : []);
  return { id: run.id, scope: run.scope, passed: run.passed, total: run.total, cases: caseViews(cases, reveal) };
}

export type PlannedPreview = {
  grade: GradeValue;
  label: string;
  dueDay: string | null;
  minutes: number | null;
  capped: boolean;
};

export function createDrillsService({
  drillsRepository,
  settingsRepository,
  runsRepository,
  runner,
  catalog,
  clock,
  fuzz,
}: {
  drillsRepository: DrillsRepository;
  settingsRepository: SettingsRepository;
  runsRepository: RunsRepository;
  runner: RunnerService;
  catalog: Catalog;
  clock: Clock;
  fuzz: boolean;
}) {
  // A second submit of an attempt whose tests are still running joins the first (a double click).
  const submitsInFlight = new Map<number, Promise<{ attempt: AttemptRow; repeated: boolean }>>();
  const queue = createDrillQueue({ drillsRepository, settingsRepository, catalog });

  function ownedAttempt(user: DrillUser, attemptId: number): AttemptRow {
    const attempt = drillsRepository.findAttempt({ userId: user.id, attemptId });
    // A mock's open question belongs to the mock page: no hints, runs or submits through a drill.
    if (!attempt || (attempt.kind === 'mock' && attempt.gradedAt === null)) throw createNotFoundError('attempt');
    return attempt;
  }

  function questionOf(attempt: Pick<AttemptRow, 'questionId'>): CatalogQuestion {
    const question = catalog.get(attempt.questionId);
    if (!question)
      throw new AppError({
        code: 'questions.missing',
        message: 'Question missing from the catalog',
        statusCode: 500,
        isInternal: true,
      });
    return question;
  }

  /**
   * What each grade would do to a card reviewed now: FSRS in the user's days, then the due day
   * picked by load within the fuzz range, on a drill day, and capped before the interview.
   */
  function plan({
    user,
    track,
    card,
    questionId,
    now,
    upTo = 4,
  }: {
    user: DrillUser;
    track: Track;
    card: CardFields;
    questionId: string;
    now: Date;
    /** Plan the grades up to this one only (grading needs no better grade's window). */
    upTo?: GradeValue;
  }): PlannedGrade[] {
    const preset = settingsRepository.getPreset({ userId: user.id, track });
    const { weights } = settingsRepository.getScheduling({ userId: user.id });
    const outcomes = nextStates({
      card,
      now,
      user,
      params: { desiredRetention: preset.desiredRetention, weights, fuzz },
    });
    const today = localDay(now, user);
    let horizon = 1;
    for (const grade of GRADES) {
      const o = outcomes[grade];
      if (grade <= upTo && o.kind === 'days') horizon = Math.max(horizon, o.maxDays);
    }
    const loads = fuzz
      ? queue.loadByDay({ user, track, preset, fromDay: shiftDay(today, 1), toDay: shiftDay(today, horizon + 7) })
      : new Map<string, number>();
    // The card being graded leaves its current day: do not count it against itself.
    const ownQuestion = catalog.get(questionId);
    if (card.state === CardState.Review && ownQuestion) {
      const own = localDay(new Date(card.due), user);
      if (loads.has(own)) loads.set(own, Math.max(0, (loads.get(own) ?? 0) - queue.minutesOf(preset, ownQuestion)));
    }
    return planGradesUpTo({
      outcomes,
      user,
      upTo,
      ctx: {
        drillDays: preset.drillDays,
        lastAllowedDay: interviewLastAllowedDay({
          today,
          interviewDate: settingsRepository.getInterviewDate({ userId: user.id }),
        }),
        loadOf: (day) => loads.get(day) ?? 0,
        balance: fuzz,
        dailyMinutes: preset.dailyMinutes,
        ownMinutes: ownQuestion ? queue.minutesOf(preset, ownQuestion) : 0,
      },
    });
  }

  /**
   * Practice moves the card only when FSRS would count it as a review: a new question (its first
   * review), a learning step, or a review due by tomorrow. Otherwise it stays practice.
   */
  function practiceCounts({ card, now, user }: { card: CardFields | undefined; now: Date; user: DrillUser }) {
    if (!card || card.state !== CardState.Review) return true;
    return card.due < dayStart(shiftDay(localDay(now, user), 2), user);
  }

  /** Open an attempt at a question (inside the caller's immediate transaction). */
  function openAttempt({
    user,
    track,
    questionId,
    kind,
    now,
  }: {
    user: DrillUser;
    track: Track;
    questionId: string;
    kind: 'drill' | 'practice';
    now: Date;
  }): AttemptRow {
    const question = catalog.get(questionId);
    if (!question)
      throw new AppError({
        code: 'questions.missing',
        message: `Question ${questionId} is not in the catalog`,
        statusCode: 500,
        isInternal: true,
      });
    const today = localDay(now, user);
    const drill =
      drillsRepository.findOpenDrill({ userId: user.id, track, day: today }) ??
      drillsRepository.createDrill({ userId: user.id, track, day: today, now: now.getTime() });
    const preset = settingsRepository.getPreset({ userId: user.id, track });
    const full = budgetMinutes(preset, question.difficulty, question.timeBudgetMinutes) * 60;
    // A learning step comes back minutes after the candidate read the approach: half the time.
    const card = drillsRepository.findCard({ userId: user.id, questionId });
    const stepping = card !== undefined && (card.state === CardState.Learning || card.state === CardState.Relearning);
    const budgetSeconds = stepping ? Math.max(300, Math.round(full / 2 / 60) * 60) : full;
    return drillsRepository.createAttempt({
      userId: user.id,
      questionId,
      track,
      kind,
      drillId: drill.id,
      servedAt: now.getTime(),
      deadlineAt: now.getTime() + budgetSeconds * 1000,
      budgetSeconds,
      code: question.starter,
    });
  }

  /**
   * Can the grade of this attempt still be undone? While its drill is open (no next question
   * started in the track, not finished), and it is the card's latest review.
   */
  function canUndo({ user, attempt }: { user: DrillUser; attempt: AttemptRow }) {
    if (attempt.gradedAt === null || attempt.drillId === null) return false;
    if (drillsRepository.findOpenAttempt({ userId: user.id, track: attempt.track })) return false;
    const drill = drillsRepository.findDrill({ userId: user.id, drillId: attempt.drillId });
    if (!drill || drill.finishedAt !== null || drill.localDay !== localDay(clock.now(), user)) return false;
    const latest = drillsRepository.latestGradedAttempt({ userId: user.id, track: attempt.track });
    return latest?.id === attempt.id;
  }

  /** Confirm or override a grade (inside the caller's immediate transaction). */
  function applyGrade({
    user,
    attempt,
    grade,
    overrideReason,
  }: {
    user: DrillUser;
    attempt: AttemptRow;
    grade: number;
    overrideReason: string;
  }) {
    const attemptId = attempt.id;
    if (attempt.submittedAt === null) throw createConflictError('Submit your answer before grading it.');
    if (attempt.gradedAt !== null) return { attempt, repeated: true };
    const now = clock.now();
    const existing = drillsRepository.findCard({ userId: user.id, questionId: attempt.questionId });
    const before = existing ? cardFieldsOf(existing) : newCard(now);
    // A mock's question counts as a review, as a drill's does.
    const rescheduled = attempt.kind !== 'practice' || practiceCounts({ card: existing, now, user });
    let after = before;
    if (rescheduled) {
      const planned = plan({
        user,
        track: attempt.track,
        card: before,
        questionId: attempt.questionId,
        now,
        upTo: grade as GradeValue,
      }).find((p) => p.grade === grade);
      if (!planned) throw new Error(`no plan for grade ${grade}`);
      after = planned.fields;
    }
    const graded = drillsRepository.markGraded({
      attemptId,
      finalGrade: grade,
      gradedAt: now.getTime(),
      localDay: localDay(now, user),
      before,
      after,
      rescheduled,
      cardBefore: existing ? { ...cardFieldsOf(existing), leechKeptAt: existing.leechKeptAt } : null,
      // Recorded only when the candidate chose another grade than the one suggested.
      overrideReason: grade !== attempt.suggestedGrade && overrideReason ? overrideReason : null,
    });
    if (!graded) throw createConflictError('This attempt was graded meanwhile.');
    if (rescheduled)
      drillsRepository.saveCard({
        userId: user.id,
        questionId: attempt.questionId,
        track: attempt.track,
        fields: after,
        now: now.getTime(),
      });
    return { attempt: graded, repeated: false };
  }

  type Step =
    | { step: 'question' | 'grade'; attempt: AttemptRow }
    | { step: 'done'; drillId: number | null; back: string | null };

  /**
   * "1 question back at 21:29" (the user's zone): failed questions coming back later today, as
   * the queue will serve them; "back tomorrow" (or "back on Monday" before rest days) when
   * today's minutes will be used up by then: the step waits for the next drill day.
   * Today and the drill page both show this sentence.
   */
  function backLabel({ user, track, now }: { user: DrillUser; track: Track; now: Date }): string | null {
    return backLabelOf(queue.state({ user, track, now }), user);
  }

  /** The same, from a day state already computed (Today has one). */
  function backLabelOf(s: ReturnType<DrillQueue['state']>, user: DrillUser): string | null {
    const count = s.due.learningLater;
    if (count === 0 || s.due.nextLearningAt === null) return null;
    const questions = `${count} question${count === 1 ? '' : 's'}`;
    if (!s.stepsFitToday) {
      const next = nextDrillDay(s.day.day, s.preset.drillDays);
      const when = next === shiftDay(s.day.day, 1) ? 'tomorrow' : `on ${WEEKDAY_LONG_NAMES[isoWeekday(next) - 1]}`;
      return `${questions} back ${when} (your minutes for today are used up)`;
    }
    return `${questions} back at ${formatInZone(s.due.nextLearningAt, user.timeZone).split(', ').pop()}`;
  }

  const stepOf = (open: AttemptRow): Step => ({
    step: open.submittedAt === null ? 'question' : 'grade',
    attempt: open,
  });

  /** POST /drills/:track/start: continue the open attempt, or open the next one. */
  function start({ user, track }: { user: DrillUser; track: Track }): Step {
    // One check, inside the immediate transaction: that is what keeps two tabs from opening two.
    return drillsRepository.transaction((): Step => {
      const open = drillsRepository.findOpenAttempt({ userId: user.id, track });
      if (open) return stepOf(open);
      const now = clock.now();
      const today = localDay(now, user);
      const item = queue.next({ user, track, now });
      if (!item) {
        const drill = drillsRepository.findOpenDrill({ userId: user.id, track, day: today });
        if (drill) drillsRepository.finishDrill({ drillId: drill.id, now: now.getTime() });
        const last = drill ?? drillsRepository.latestDrill({ userId: user.id, track });
        return {
          step: 'done',
          drillId: last && last.localDay === today ? last.id : null,
          back: backLabel({ user, track, now }),
        };
      }
      return {
        step: 'question',
        attempt: openAttempt({ user, track, questionId: item.questionId, kind: item.kind, now }),
      };
    });
  }

  return {
    queue,
    plan,

    /** Today's overview for both tracks, each computed from its own preset only. */
    today({ user }: { user: DrillUser }) {
      const now = clock.now();
      const { leechThreshold } = settingsRepository.getScheduling({ userId: user.id });
      return TRACKS.map((track) => {
        const s = queue.state({ user, track, now });
        const fresh = queue.newQuestions({ user, track, preset: s.preset });
        const allowed = queue.newAllowed(s, fresh.unseen);
        const newMinutes = allowed.reduce((m, q) => m + queue.expectedOf(s, q), 0);
        const expectedMinutes = Math.round(s.plannedMinutes + newMinutes);
        // Today's reviews done and tomorrow already full: the drill serves one of tomorrow's early.
        const earlyAvailable =
          s.due.reviewsDue === 0 && s.tomorrowFull && queue.next({ user, track, now })?.reason === 'review' ? 1 : 0;
        const reviewsAvailable = Math.min(s.due.reviewsDue, s.reviewsLeft) + s.due.learningDue + earlyAvailable;
        return {
          track,
          today: s.day.day,
          isDrillDay: s.isDrillDay,
          reviewsDue: s.due.reviewsDue + s.due.learningDue,
          reviewsAvailable,
          earlyAvailable,
          newAvailable: allowed.length,
          learningLater: s.due.learningLater,
          nextLearningAt: s.due.nextLearningAt,
          backLabel: backLabelOf(s, user),
          unseen: fresh.unseen.length,
          focus: s.preset.focus
            ? { ...s.preset.focus, left: fresh.focusLeft ?? 0, total: fresh.focusTotal ?? 0 }
            : null,
          doneToday: s.done.graded,
          minutesDone: Math.round(s.done.minutesSpent),
          dueMinutes: Math.round(s.dueMinutes),
          expectedMinutes,
          overBudget: overBudget({ plannedMinutes: s.plannedMinutes, dailyMinutes: s.preset.dailyMinutes }),
          firstQuestionOverruns: firstQuestionOverruns({
            plannedMinutes: s.plannedMinutes,
            expectedMinutes,
            dailyMinutes: s.preset.dailyMinutes,
          }),
          // Time spent over time budget on the latest answers (1 until there are enough).
          answerPace: s.pace,
          dailyMinutes: s.preset.dailyMinutes,
          catchingUp: s.catchingUp,
          catchUpDays: queue.catchUpDays(s, user),
          reviewCapMinutes: s.reviewCapMinutes,
          extraNew: s.extraNew,
          aheadDays: s.aheadDays,
          openAttempt: s.open,
          preset: s.preset,
          leeches: drillsRepository
            .leeches({ userId: user.id, track, threshold: leechThreshold })
            .map((l) => ({ ...l, title: catalog.get(l.questionId)?.title ?? l.questionId })),
        };
      });
    },

    /** A page's reads (the step, its latest run, a coach's note) from one snapshot. Nothing in `fn` may write. */
    read: drillsRepository.read,

    /**
     * GET /drills/:track: the open attempt if there is one; otherwise what comes next (nothing is
     * opened and no clock starts: a link from another site cannot start a drill).
     */
    current({
      user,
      track,
    }: {
      user: DrillUser;
      track: Track;
    }): Step | { step: 'ready'; next: { reason: NextItem['reason']; difficulty: string; minutes: number } } {
      const open = drillsRepository.findOpenAttempt({ userId: user.id, track });
      if (open) return stepOf(open);
      const now = clock.now();
      const item = queue.next({ user, track, now });
      if (!item) {
        const today = localDay(now, user);
        const last = drillsRepository.latestDrill({ userId: user.id, track });
        return {
          step: 'done',
          drillId: last && last.localDay === today ? last.id : null,
          back: backLabel({ user, track, now }),
        };
      }
      const q = questionOf(item);
      const preset = settingsRepository.getPreset({ userId: user.id, track });
      return {
        step: 'ready',
        next: { reason: item.reason, difficulty: q.difficulty, minutes: queue.minutesOf(preset, q) },
      };
    },

    start,
    /** The seed and the simulation drive the queue directly: open (or continue) the next attempt. */
    startOrContinue: start,

    /**
     * "Practise now" from a question page: an attempt at that question, outside the day's queue.
     * Grading it moves the card only where FSRS would count a review (see practiceCounts).
     */
    practise({ user, questionId }: { user: DrillUser; questionId: string }): Step {
      const question = catalog.get(questionId);
      if (!question || question.retired) throw createNotFoundError('question');
      const track = question.track;
      return drillsRepository.transaction((): Step => {
        const open = drillsRepository.findOpenAttempt({ userId: user.id, track });
        if (open) {
          if (open.questionId === questionId) return stepOf(open);
          throw createConflictError(
            `Your ${track} drill has a question open. Finish it (or grade it) before practising another ${track} question.`,
          );
        }
        return {
          step: 'question',
          attempt: openAttempt({ user, track, questionId, kind: 'practice', now: clock.now() }),
        };
      });
    },

    /** Custom study on Today: reviews due in the next `days` days, served today as practice. */
    studyAhead({ user, track, days }: { user: DrillUser; track: Track; days: number }) {
      const now = clock.now();
      drillsRepository.setCustomStudy({
        userId: user.id,
        track,
        day: localDay(now, user),
        now: now.getTime(),
        aheadDays: days,
      });
    },

    /** Custom study on Today: `count` new questions beyond today's minutes and limit. */
    extraNew({ user, track, count }: { user: DrillUser; track: Track; count: number }) {
      const now = clock.now();
      const s = queue.state({ user, track, now });
      const planned = queue.newAllowed(
        { ...s, extraNew: 0 },
        queue.newQuestions({ user, track, preset: s.preset }).unseen,
      ).length;
      drillsRepository.setCustomStudy({
        userId: user.id,
        track,
        day: s.day.day,
        now: now.getTime(),
        // The drill row keeps the number of new questions the day should reach.
        extraNew: Math.max(s.extraNew, s.done.newDone + planned) + count,
      });
    },

    /** The interval each grade gives, for the grade buttons ("Good 5d"). */
    previews({ user, attempt }: { user: DrillUser; attempt: AttemptRow }): PlannedPreview[] {
      const now = clock.now();
      const existing = drillsRepository.findCard({ userId: user.id, questionId: attempt.questionId });
      const card = existing ? cardFieldsOf(existing) : newCard(now);
      const counts = attempt.kind === 'drill' || practiceCounts({ card: existing, now, user });
      const plans = plan({ user, track: attempt.track, card, questionId: attempt.questionId, now });
      return plans.map((p) => ({
        grade: p.grade,
        label: counts ? intervalLabel(p) : 'practice',
        dueDay: counts ? p.dueDay : null,
        minutes: counts ? p.minutes : null,
        capped: counts && p.capped,
      }));
    },

    /** What grading a practice attempt does to its card, in a sentence; null for any other attempt. */
    practiceNote({ user, attempt }: { user: DrillUser; attempt: AttemptRow }): string | null {
      if (attempt.kind !== 'practice') return null;
      const card = drillsRepository.findCard({ userId: user.id, questionId: attempt.questionId });
      if (!card || card.state === CardState.New)
        return 'Practice: this question is new to you, so your grade schedules its first review.';
      return practiceCounts({ card, now: clock.now(), user })
        ? 'Practice: this question is due or nearly due, so your grade reschedules it as a review.'
        : 'Practice: this question is not due yet, so your grade is kept as practice and its schedule stays as it is.';
    },

    /** The catalog entry of an attempt the caller already holds (no second read of the row). */
    questionOf,

    getAttempt({ user, attemptId }: { user: DrillUser; attemptId: number }) {
      const attempt = ownedAttempt(user, attemptId);
      return { attempt, question: questionOf(attempt) };
    },

    saveDraft({ user, attemptId, code, notes }: { user: DrillUser; attemptId: number; code: string; notes: string }) {
      const attempt = ownedAttempt(user, attemptId);
      if (attempt.submittedAt !== null)
        throw createConflictError('This attempt was already submitted; the draft was not changed.');
      drillsRepository.saveDraft({ attemptId, code, notes, now: clock.now().getTime() });
      return { savedAt: clock.now().getTime(), track: attempt.track };
    },

    revealHint({ user, attemptId, code, notes }: { user: DrillUser; attemptId: number; code: string; notes: string }) {
      return drillsRepository.transaction(() => {
        const attempt = ownedAttempt(user, attemptId);
        const question = questionOf(attempt);
        if (attempt.submittedAt !== null) throw createConflictError('This attempt was already submitted.');
        const now = clock.now().getTime();
        drillsRepository.saveDraft({ attemptId, code, notes, now });
        if (attempt.hintsUsed < question.hints.length) {
          drillsRepository.recordHint({
            attemptId,
            hintsUsed: attempt.hintsUsed + 1,
            revealedAt: [...attempt.hintRevealedAt, now],
          });
        }
        return {
          track: attempt.track,
          hintsUsed: Math.min(question.hints.length, attempt.hintsUsed + 1),
          hintsHtml: question.hintsHtml.slice(0, attempt.hintsUsed + 1),
        };
      });
    },

    /** Can this attempt's code run here (a runner, and a harness for its question)? */
    canRun(question: CatalogQuestion) {
      return runner.available() && question.harness !== null;
    },

    /** The latest run of an attempt, as its owner may see it. */
    latestRun({ user, attempt }: { user: DrillUser; attempt: AttemptRow }): RunView | null {
      const run = runsRepository.latestForAttempt({ attemptId: attempt.id, userId: user.id });
      return run ? runView(run, { submitted: attempt.submittedAt !== null }) : null;
    },

    /**
     * "Run examples" (or every case) on an open attempt. The code is saved as the draft first, so a
     * refused or failed run loses nothing.
     */
    async run({
      user,
      attemptId,
      code,
      notes,
      scope,
    }: {
      user: DrillUser;
      attemptId: number;
      code: string;
      notes: string;
      scope: RunScope;
    }): Promise<{ run: RunView; track: Track }> {
      const attempt = ownedAttempt(user, attemptId);
      if (attempt.submittedAt !== null) throw createConflictError('This attempt was already submitted.');
      const question = questionOf(attempt);
      if (!runner.available() || !question.harness) throw createRunnerUnavailableError();
      drillsRepository.saveDraft({ attemptId, code, notes, now: clock.now().getTime() });
      const report = await runner.execute({ userId: user.id, question: question.harness, code, scope });
      const run = runsRepository.insert({
        attemptId,
        userId: user.id,
        scope,
        code,
        passed: report.passed,
        total: report.total,
        results: report.cases,
        durationMs: report.ms,
        createdAt: clock.now().getTime(),
      });
      return { run: runView(run, { submitted: false }), track: attempt.track };
    },

    /**
     * Submit an answer. Where the code can run, every case runs first and the outcome comes from
     * the results; otherwise the candidate's own outcome counts. Exactly once: a second submit of
     * the same attempt changes nothing and returns the first.
     */
    async submit({
      user,
      attemptId,
      code,
      notes,
      outcome,
    }: { user: DrillUser; attemptId: number } & z.infer<typeof submitSchema>): Promise<{
      attempt: AttemptRow;
      repeated: boolean;
    }> {
      // Elapsed time is the server's, from when the question was served to when the answer came in
      // (not to when its tests finished).
      const receivedAt = clock.now().getTime();
      const attempt = ownedAttempt(user, attemptId);
      if (attempt.submittedAt !== null) return { attempt, repeated: true };
      const question = questionOf(attempt);
      const finish = (report: RunReport | null, selfReported: Outcome | undefined) =>
        drillsRepository.transaction(() => {
          const current = ownedAttempt(user, attemptId);
          if (current.submittedAt !== null) return { attempt: current, repeated: true };
          const durationSeconds = Math.max(0, Math.round((receivedAt - current.servedAt) / 1000));
          const cases = report ? { passed: report.passed, total: report.total } : undefined;
          const finalOutcome: Outcome = cases ? outcomeFromTests(cases) : (selfReported as Outcome);
          const { grade, reason } = suggestGrade({
            outcome: finalOutcome,
            durationSeconds,
            budgetSeconds: current.budgetSeconds,
            hintsUsed: current.hintsUsed,
            ...(cases ? { cases } : {}),
          });
          if (report) {
            runsRepository.insert({
              attemptId,
              userId: user.id,
              scope: 'all',
              code,
              passed: report.passed,
              total: report.total,
              results: report.cases,
              durationMs: report.ms,
              createdAt: clock.now().getTime(),
            });
          }
          const submitted = drillsRepository.markSubmitted({
            attemptId,
            code,
            notes,
            submittedAt: receivedAt,
            durationSeconds,
            overtime: receivedAt > current.deadlineAt,
            outcome: finalOutcome,
            suggestedGrade: grade,
            gradeReason: reason,
            casesPassed: report ? report.passed : null,
            casesTotal: report ? report.total : null,
            caseResults: report ? storedResults(report.cases) : null,
          });
          // Inside the transaction that just read it unsubmitted: the update cannot miss.
          if (!submitted) throw new Error(`attempt ${attemptId} could not be marked submitted`);
          return { attempt: submitted, repeated: false };
        });

      if (!runner.available() || !question.harness) {
        if (!outcome) throw createValidationError(['pick an outcome: solved, partial or failed']);
        return finish(null, outcome);
      }
      const pending = submitsInFlight.get(attemptId);
      if (pending) return pending;
      drillsRepository.saveDraft({ attemptId, code, notes, now: receivedAt });
      const harness = question.harness;
      const submitting = (async () => {
        const report = await runner.execute({ userId: user.id, question: harness, code, scope: 'all' });
        return finish(report, undefined);
      })();
      submitsInFlight.set(attemptId, submitting);
      try {
        return await submitting;
      } finally {
        submitsInFlight.delete(attemptId);
      }
    },

    /**
     * Confirm or override the grade; reschedules the card once (or keeps practice as practice),
     * with the attempt row, in one transaction.
     */
    grade({
      user,
      attemptId,
      grade,
      overrideReason = '',
    }: {
      user: DrillUser;
      attemptId: number;
      grade: number;
      overrideReason?: string;
    }) {
      return drillsRepository.transaction(() =>
        applyGrade({ user, attempt: ownedAttempt(user, attemptId), grade, overrideReason }),
      );
    },

    /**
     * A mock's question, graded when the mock ends with the grade its tests suggest: a review
     * for its card, like a drill's (inside the caller's immediate transaction).
     */
    gradeMockAttempt({ user, attempt }: { user: DrillUser; attempt: AttemptRow }) {
      if (attempt.kind !== 'mock' || attempt.suggestedGrade === null) throw new Error('not a submitted mock attempt');
      return applyGrade({ user, attempt, grade: attempt.suggestedGrade, overrideReason: '' });
    },

    canUndo,

    /** Undo the last grade: the card goes back to what it was, the attempt back to the grade step. */
    undoGrade({ user, attemptId }: { user: DrillUser; attemptId: number }) {
      return drillsRepository.transaction(() => {
        const attempt = ownedAttempt(user, attemptId);
        if (attempt.gradedAt === null) return { attempt, repeated: true };
        if (!canUndo({ user, attempt }))
          throw createConflictError(
            'This grade can no longer be undone: only the last grade of an open drill, before the next question starts.',
          );
        if (attempt.rescheduled) {
          const before = attempt.cardBefore as (CardFields & { leechKeptAt: number | null }) | null;
          if (before) drillsRepository.restoreCard({ userId: user.id, questionId: attempt.questionId, fields: before });
          else drillsRepository.deleteCard({ userId: user.id, questionId: attempt.questionId });
        }
        drillsRepository.clearGrade({ attemptId });
        return { attempt: ownedAttempt(user, attemptId), repeated: false };
      });
    },

    /** Suspend or unsuspend a question the candidate has seen. */
    setSuspended({ user, questionId, suspended }: { user: DrillUser; questionId: string; suspended: boolean }) {
      const card = drillsRepository.findCard({ userId: user.id, questionId });
      if (!card) throw createNotFoundError('card');
      drillsRepository.setSuspended({ cardId: card.id, suspended });
      return { track: card.track };
    },

    /** The leech flag's actions: suspend it, keep it (flag again after more lapses), or reset it to new. */
    leechAction({
      user,
      questionId,
      action,
    }: {
      user: DrillUser;
      questionId: string;
      action: 'suspend' | 'keep' | 'reset';
    }) {
      return drillsRepository.transaction(() => {
        const card = drillsRepository.findCard({ userId: user.id, questionId });
        if (!card) throw createNotFoundError('card');
        if (drillsRepository.findOpenAttempt({ userId: user.id, track: card.track })?.questionId === questionId)
          throw createConflictError('This question is open in your drill: finish it first.');
        if (action === 'suspend') drillsRepository.setSuspended({ cardId: card.id, suspended: true });
        else if (action === 'keep') drillsRepository.keepLeech({ cardId: card.id, lapses: card.lapses });
        // Reset: the card is forgotten and the question comes back as new; its attempts stay.
        else drillsRepository.deleteCard({ userId: user.id, questionId });
        return { track: card.track };
      });
    },

    earlierAttempts({ user, questionId, excludeId }: { user: DrillUser; questionId: string; excludeId: number }) {
      return drillsRepository
        .questionHistory({ userId: user.id, questionId, limit: 21 })
        .filter((a) => a.id !== excludeId)
        .slice(0, 20);
    },

    summary({ user, drillId }: { user: DrillUser; drillId: number }) {
      const drill = drillsRepository.findDrill({ userId: user.id, drillId });
      if (!drill) throw createNotFoundError('drill');
      const rows = drillsRepository.drillAttempts({ userId: user.id, drillId }).filter((a) => a.gradedAt !== null);
      return {
        drill,
        attempts: rows.map((a) => ({ attempt: a, question: catalog.get(a.questionId) })),
        totalSeconds: rows.reduce((s, a) => s + (a.durationSeconds ?? 0), 0),
      };
    },

    finish({ user, drillId }: { user: DrillUser; drillId: number }) {
      const drill = drillsRepository.findDrill({ userId: user.id, drillId });
      if (!drill) throw createNotFoundError('drill');
      drillsRepository.finishDrill({ drillId, now: clock.now().getTime() });
      return { drill };
    },
  };
}
export type DrillsService = ReturnType<typeof createDrillsService>;
