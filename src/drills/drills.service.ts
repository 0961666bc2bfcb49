import { z } from 'zod';
import type { AttemptRow, RunRow } from '../db/schema.js';
import type { Catalog, CatalogQuestion } from '../questions/catalog.js';
import type { CaseVerdict, RunReport } from '../questions/harness/harness.js';
import { createRunnerUnavailableError } from '../runner/runner.errors.js';
import { caseViews, type RunnerService, type RunScope, type RunView, storedResults } from '../runner/runner.service.js';
import type { RunsRepository } from '../runner/runs.repository.js';
import { cardFieldsOf, type GradeValue, newCard, review } from '../scheduling/fsrs.js';
import { budgetMinutes, type TrackPreset } from '../scheduling/presets.js';
import type { SettingsRepository } from '../settings/settings.repository.js';
import type { Clock } from '../shared/clock.js';
import { type DayOptions, dayDiff, isoWeekday, localDay } from '../shared/days.js';
import { AppError, createConflictError, createNotFoundError, createValidationError } from '../shared/errors.js';
import type { Track } from '../shared/validation.js';
import type { DrillsRepository } from './drills.repository.js';
import { type Outcome, outcomeFromTests, suggestGrade } from './grading.js';

export type DrillUser = { id: number } & DayOptions;

/** Learning cards due within this window are served early when nothing else is left (as Anki's learn-ahead). */
export const LEARN_AHEAD_MS = 20 * 60_000;
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

/**
 * While an interview date is set and still ahead, no interval may reach past it: everything seen
 * comes back before the day. Undefined means no cap.
 */
export function interviewCapDays({
  now,
  user,
  interviewDate,
}: {
  now: Date;
  user: DayOptions;
  interviewDate: string | null;
}): number | undefined {
  if (!interviewDate) return undefined;
  let left = dayDiff(localDay(now, user), interviewDate);
  if (left <= 0) return undefined;
  // Whole days from now can still cross the day start when a DST switch falls in between.
  while (left > 1 && localDay(new Date(now.getTime() + left * 86_400_000), user) > interviewDate) left--;
  return left;
}

export type TrackQueue = {
  track: Track;
  today: string;
  isDrillDay: boolean;
  /** Learning or relearning cards due now. */
  learningDue: number;
  /** Review cards due now (before the daily review limit). */
  reviewsDueTotal: number;
  reviewsLeftToday: number;
  newLeftToday: number;
  /** Learning cards due within the learn-ahead window. */
  learningSoon: number;
  doneToday: number;
  preset: TrackPreset;
};

/** A run as the candidate sees it; once the attempt is submitted, its first failing hidden case too. */
export function runView(run: RunRow, { submitted }: { submitted: boolean }): RunView {
  const cases = run.results as CaseVerdict[];
  const firstHiddenFailure = cases.find((c) => !c.example && c.index >= 0 && c.verdict !== 'passed');
  const reveal = new Set(submitted && firstHiddenFailure ? [firstHiddenFailure.index] : []);
  return { id: run.id, scope: run.scope, passed: run.passed, total: run.total, cases: caseViews(cases, reveal) };
}

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

  /** Today's limits for a track under its own preset: what is left of the new and review quotas. */
  function limits({ user, track, now }: { user: DrillUser; track: Track; now: Date }) {
    const preset = settingsRepository.getPreset({ userId: user.id, track });
    const today = localDay(now, user);
    const isDrillDay = preset.drillDays.includes(isoWeekday(today));
    const counts = drillsRepository.countsForDay({ userId: user.id, track, day: today });
    return {
      track,
      today,
      isDrillDay,
      reviewsLeftToday: Math.max(0, preset.reviewsPerDay - counts.reviewsDone),
      newLeftToday: isDrillDay ? Math.max(0, preset.newPerDay - counts.newDone) : 0,
      doneToday: counts.graded,
      preset,
    };
  }

  /** How much of a track is due for a user right now (the Today page); serving needs only limits. */
  function queue({ user, track, now }: { user: DrillUser; track: Track; now: Date }): TrackQueue {
    const due = drillsRepository.dueCounts({
      userId: user.id,
      track,
      now: now.getTime(),
      learnAheadUntil: now.getTime() + LEARN_AHEAD_MS,
    });
    return {
      ...limits({ user, track, now }),
      learningDue: due.learningDue,
      reviewsDueTotal: due.reviewsDue,
      learningSoon: due.learningSoon,
    };
  }

  /**
   * The next question of a track, in order: a due learning card; a due review, lowest
   * retrievability first (within the review limit); a new question in bank order (within the new
   * limit); a learning card due within the learn-ahead window. Each step is one indexed query
   * with LIMIT 1, so serving costs the same for a user with ten cards or a thousand.
   */
  function nextQuestionId({
    user,
    q,
    now,
  }: {
    user: DrillUser;
    q: ReturnType<typeof limits>;
    now: Date;
  }): string | undefined {
    const t = now.getTime();
    const base = { userId: user.id, track: q.track };
    return (
      drillsRepository.nextLearningCard({ ...base, until: t }) ??
      (q.reviewsLeftToday > 0 ? drillsRepository.nextReviewCard({ ...base, now: t }) : undefined) ??
      (q.newLeftToday > 0 ? drillsRepository.nextNewQuestionIds({ ...base, limit: 1 })[0] : undefined) ??
      drillsRepository.nextLearningCard({ ...base, until: t + LEARN_AHEAD_MS })
    );
  }

  function ownedAttempt(user: DrillUser, attemptId: number): AttemptRow {
    const attempt = drillsRepository.findAttempt({ userId: user.id, attemptId });
    if (!attempt) throw createNotFoundError('attempt');
    return attempt;
  }

  function questionOf(attempt: AttemptRow): CatalogQuestion {
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

  return {
    queue,

    /** Today's overview for both tracks, each computed from its own preset only. */
    today({ user }: { user: DrillUser }) {
      const now = clock.now();
      return (['scripting', 'algorithm'] as const).map((track) => {
        const q = queue({ user, track, now });
        return {
          track,
          today: q.today,
          isDrillDay: q.isDrillDay,
          reviewsDue: q.reviewsDueTotal + q.learningDue,
          reviewsAvailable: Math.min(q.reviewsDueTotal, q.reviewsLeftToday) + q.learningDue,
          newAvailable:
            q.newLeftToday > 0
              ? drillsRepository.nextNewQuestionIds({ userId: user.id, track, limit: q.newLeftToday }).length
              : 0,
          newLeftToday: q.newLeftToday,
          unseen: drillsRepository.unseenCount({ userId: user.id, track }),
          doneToday: q.doneToday,
          openAttempt: drillsRepository.findOpenAttempt({ userId: user.id, track }),
          preset: q.preset,
        };
      });
    },

    /**
     * GET /drills/:track: continue the open attempt, or open the next one. Runs in one immediate
     * transaction so two tabs (or two processes) cannot open two attempts for one track.
     */
    startOrContinue({
      user,
      track,
    }: {
      user: DrillUser;
      track: Track;
    }): { step: 'question' | 'grade'; attempt: AttemptRow } | { step: 'done'; drillId: number | null } {
      // Continuing an open attempt only reads: skip the write lock. Opening one re-checks inside
      // the immediate transaction, which is what keeps two tabs from opening two.
      const already = drillsRepository.findOpenAttempt({ userId: user.id, track });
      if (already) return { step: already.submittedAt === null ? 'question' : 'grade', attempt: already };
      return drillsRepository.transaction(() => {
        const open = drillsRepository.findOpenAttempt({ userId: user.id, track });
        if (open)
          return { step: open.submittedAt === null ? ('question' as const) : ('grade' as const), attempt: open };
        const now = clock.now();
        const q = limits({ user, track, now });
        const questionId = nextQuestionId({ user, q, now });
        const drill = drillsRepository.findOpenDrill({ userId: user.id, track, day: q.today });
        if (!questionId) {
          if (drill) drillsRepository.finishDrill({ drillId: drill.id, now: now.getTime() });
          const last = drill ?? drillsRepository.latestDrill({ userId: user.id, track });
          return { step: 'done' as const, drillId: last && last.localDay === q.today ? last.id : null };
        }
        const question = catalog.get(questionId);
        if (!question)
          throw new AppError({
            code: 'questions.missing',
            message: `Question ${questionId} is not in the catalog`,
            statusCode: 500,
            isInternal: true,
          });
        const currentDrill =
          drill ?? drillsRepository.createDrill({ userId: user.id, track, day: q.today, now: now.getTime() });
        const budgetSeconds = budgetMinutes(q.preset, question.difficulty, question.timeBudgetMinutes) * 60;
        const attempt = drillsRepository.createAttempt({
          userId: user.id,
          questionId,
          track,
          drillId: currentDrill.id,
          servedAt: now.getTime(),
          deadlineAt: now.getTime() + budgetSeconds * 1000,
          budgetSeconds,
          code: question.starter,
        });
        return { step: 'question' as const, attempt };
      });
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
          drillsRepository.markSubmitted({
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
          return { attempt: ownedAttempt(user, attemptId), repeated: false };
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

    /** Confirm or override the grade; reschedules the card once, with the attempt row, in one transaction. */
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
      return drillsRepository.transaction(() => {
        const attempt = ownedAttempt(user, attemptId);
        if (attempt.submittedAt === null) throw createConflictError('Submit your answer before grading it.');
        if (attempt.gradedAt !== null) return { attempt, repeated: true };
        const now = clock.now();
        const existing = drillsRepository.findCard({ userId: user.id, questionId: attempt.questionId });
        const before = existing ? cardFieldsOf(existing) : newCard(now);
        const preset = settingsRepository.getPreset({ userId: user.id, track: attempt.track });
        const today = localDay(now, user);
        const maximumIntervalDays = interviewCapDays({
          now,
          user,
          interviewDate: settingsRepository.getInterviewDate({ userId: user.id }),
        });
        const after = review({
          card: before,
          now,
          grade: grade as GradeValue,
          options: {
            desiredRetention: preset.desiredRetention,
            fuzz,
            ...(maximumIntervalDays === undefined ? {} : { maximumIntervalDays }),
          },
        });
        const changed = drillsRepository.markGraded({
          attemptId,
          finalGrade: grade,
          gradedAt: now.getTime(),
          localDay: today,
          before,
          after,
          // Recorded only when the candidate chose another grade than the one suggested.
          overrideReason: grade !== attempt.suggestedGrade && overrideReason ? overrideReason : null,
        });
        if (changed !== 1) throw createConflictError('This attempt was graded meanwhile.');
        drillsRepository.saveCard({
          userId: user.id,
          questionId: attempt.questionId,
          track: attempt.track,
          fields: after,
          now: now.getTime(),
        });
        return { attempt: ownedAttempt(user, attemptId), repeated: false };
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
