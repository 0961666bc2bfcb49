import { z } from 'zod';
import type { AttemptRow, CardRow } from '../db/schema.js';
import type { Catalog, CatalogQuestion } from '../questions/catalog.js';
import { budgetMinutes, type TrackPreset } from '../scheduling/presets.js';
import { CardState, newCard, retrievability, review, type CardFields, type GradeValue } from '../scheduling/fsrs.js';
import type { SettingsRepository } from '../settings/settings.repository.js';
import type { Clock } from '../shared/clock.js';
import { dayDiff, isoWeekday, localDay, type DayOptions } from '../shared/days.js';
import { AppError, createConflictError, createNotFoundError } from '../shared/errors.js';
import type { Track } from '../shared/validation.js';
import type { DrillsRepository } from './drills.repository.js';
import { suggestGrade } from './grading.js';

export type DrillUser = { id: number } & DayOptions;

/** Learning cards due within this window are served early when nothing else is left (as Anki's learn-ahead). */
export const LEARN_AHEAD_MS = 20 * 60_000;
export const MAX_CODE_LENGTH = 100_000;
export const MAX_NOTES_LENGTH = 20_000;

// Browsers submit textareas with CRLF line endings; store Python as it would be on disk.
const lf = (s: string) => s.replace(/\r\n?/g, '\n');
export const answerSchema = z.object({
  code: z.string({ message: 'code must be text' }).max(MAX_CODE_LENGTH, `code can be at most ${MAX_CODE_LENGTH} characters`).default('').transform(lf),
  notes: z.string({ message: 'notes must be text' }).max(MAX_NOTES_LENGTH, `notes can be at most ${MAX_NOTES_LENGTH} characters`).default('').transform(lf),
});
export const submitSchema = answerSchema.extend({
  outcome: z.enum(['solved', 'partial', 'failed'], { message: 'pick an outcome: solved, partial or failed' }),
});
export const gradeSchema = z.object({
  grade: z.coerce.number({ message: 'pick a grade' }).int().min(1, 'grade must be 1 (Again) to 4 (Easy)').max(4, 'grade must be 1 (Again) to 4 (Easy)'),
});

/**
 * While an interview date is set and still ahead, no interval may reach past it: everything seen
 * comes back before the day. Undefined means no cap.
 */
export function interviewCapDays({ now, user, interviewDate }: { now: Date; user: DayOptions; interviewDate: string | null }): number | undefined {
  if (!interviewDate) return undefined;
  let left = dayDiff(localDay(now, user), interviewDate);
  if (left <= 0) return undefined;
  // Whole days from now can still cross the day start when a DST switch falls in between.
  while (left > 1 && localDay(new Date(now.getTime() + left * 86_400_000), user) > interviewDate) left--;
  return left;
}

const cardFields = (c: CardRow): CardFields => ({
  due: c.due,
  stability: c.stability,
  difficulty: c.difficulty,
  scheduledDays: c.scheduledDays,
  learningSteps: c.learningSteps,
  reps: c.reps,
  lapses: c.lapses,
  state: c.state,
  lastReview: c.lastReview,
});

export type TrackQueue = {
  track: Track;
  today: string;
  isDrillDay: boolean;
  learningDue: CardRow[];
  reviewsDue: CardRow[];
  reviewsDueTotal: number;
  reviewsLeftToday: number;
  newLeftToday: number;
  newIds: string[];
  learningSoon: CardRow[];
  doneToday: number;
  preset: TrackPreset;
};

export function createDrillsService({
  drillsRepository,
  settingsRepository,
  catalog,
  clock,
  fuzz,
}: {
  drillsRepository: DrillsRepository;
  settingsRepository: SettingsRepository;
  catalog: Catalog;
  clock: Clock;
  fuzz: boolean;
}) {
  /**
   * `serving`: only the next question matters, so new questions are looked up (one) only when no
   * learning or review card is due. Looking them up for a long-time user scans the whole track's
   * bank, which showed in the submit benchmark's profile.
   */
  function queue({ user, track, now, serving = false }: { user: DrillUser; track: Track; now: Date; serving?: boolean }): TrackQueue {
    const preset = settingsRepository.getPreset({ userId: user.id, track });
    const today = localDay(now, user);
    const isDrillDay = preset.drillDays.includes(isoWeekday(today));
    const counts = drillsRepository.countsForDay({ userId: user.id, track, day: today });
    const t = now.getTime();
    const candidates = drillsRepository.dueCards({ userId: user.id, track, until: t + LEARN_AHEAD_MS });
    const learningDue: CardRow[] = [];
    const learningSoon: CardRow[] = [];
    const reviews: { card: CardRow; r: number }[] = [];
    for (const c of candidates) {
      if (c.state === CardState.Learning || c.state === CardState.Relearning) {
        (c.due <= t ? learningDue : learningSoon).push(c);
      } else if (c.due <= t) {
        reviews.push({ card: c, r: retrievability({ card: cardFields(c), now }) });
      }
    }
    learningDue.sort((a, b) => a.due - b.due);
    learningSoon.sort((a, b) => a.due - b.due);
    // Lowest retrievability first: the card most likely to be forgotten is served first.
    reviews.sort((a, b) => a.r - b.r || a.card.due - b.card.due);
    const reviewsLeftToday = Math.max(0, preset.reviewsPerDay - counts.reviewsDone);
    const newLeftToday = isDrillDay ? Math.max(0, preset.newPerDay - counts.newDone) : 0;
    const reviewsDue = reviews.slice(0, reviewsLeftToday).map((r) => r.card);
    const servedBeforeNew = learningDue.length > 0 || reviewsDue.length > 0;
    return {
      track,
      today,
      isDrillDay,
      learningDue,
      reviewsDue,
      reviewsDueTotal: reviews.length,
      reviewsLeftToday,
      newLeftToday,
      newIds:
        newLeftToday > 0 && !(serving && servedBeforeNew)
          ? drillsRepository.nextNewQuestionIds({ userId: user.id, track, limit: serving ? 1 : newLeftToday })
          : [],
      learningSoon,
      doneToday: counts.graded,
      preset,
    };
  }

  function nextQuestionId(q: TrackQueue): string | undefined {
    return q.learningDue[0]?.questionId ?? q.reviewsDue[0]?.questionId ?? q.newIds[0] ?? q.learningSoon[0]?.questionId;
  }

  function ownedAttempt(user: DrillUser, attemptId: number): AttemptRow {
    const attempt = drillsRepository.findAttempt({ userId: user.id, attemptId });
    if (!attempt) throw createNotFoundError('attempt');
    return attempt;
  }

  function questionOf(attempt: AttemptRow): CatalogQuestion {
    const question = catalog.get(attempt.questionId);
    if (!question) throw new AppError({ code: 'questions.missing', message: 'Question missing from the catalog', statusCode: 500, isInternal: true });
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
          reviewsDue: q.reviewsDueTotal + q.learningDue.length,
          reviewsAvailable: Math.min(q.reviewsDueTotal, q.reviewsLeftToday) + q.learningDue.length,
          newAvailable: q.newIds.length,
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
    startOrContinue({ user, track }: { user: DrillUser; track: Track }):
      | { step: 'question' | 'grade'; attempt: AttemptRow }
      | { step: 'done'; drillId: number | null } {
      // Continuing an open attempt only reads: skip the write lock. Opening one re-checks inside
      // the immediate transaction, which is what keeps two tabs from opening two.
      const already = drillsRepository.findOpenAttempt({ userId: user.id, track });
      if (already) return { step: already.submittedAt === null ? 'question' : 'grade', attempt: already };
      return drillsRepository.transaction(() => {
        const open = drillsRepository.findOpenAttempt({ userId: user.id, track });
        if (open) return { step: open.submittedAt === null ? ('question' as const) : ('grade' as const), attempt: open };
        const now = clock.now();
        const q = queue({ user, track, now, serving: true });
        const questionId = nextQuestionId(q);
        const drill = drillsRepository.findOpenDrill({ userId: user.id, track, day: q.today });
        if (!questionId) {
          if (drill) drillsRepository.finishDrill({ drillId: drill.id, now: now.getTime() });
          const last = drill ?? drillsRepository.latestDrill({ userId: user.id, track });
          return { step: 'done' as const, drillId: last && last.localDay === q.today ? last.id : null };
        }
        const question = catalog.get(questionId);
        if (!question) throw new AppError({ code: 'questions.missing', message: `Question ${questionId} is not in the catalog`, statusCode: 500, isInternal: true });
        const currentDrill = drill ?? drillsRepository.createDrill({ userId: user.id, track, day: q.today, now: now.getTime() });
        const budgetSeconds = budgetMinutes(q.preset, question.difficulty, question.timeBudgetMinutes) * 60;
        const attempt = drillsRepository.createAttempt({
          userId: user.id,
          questionId,
          track,
          drillId: currentDrill.id,
          servedAt: now.getTime(),
          deadlineAt: now.getTime() + budgetSeconds * 1000,
          budgetSeconds,
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
      if (attempt.submittedAt !== null) throw createConflictError('This attempt was already submitted; the draft was not changed.');
      drillsRepository.saveDraft({ attemptId, code, notes, now: clock.now().getTime() });
      return { savedAt: clock.now().getTime() };
    },

    revealHint({ user, attemptId, code, notes }: { user: DrillUser; attemptId: number; code: string; notes: string }) {
      return drillsRepository.transaction(() => {
        const attempt = ownedAttempt(user, attemptId);
        const question = questionOf(attempt);
        if (attempt.submittedAt !== null) throw createConflictError('This attempt was already submitted.');
        const now = clock.now().getTime();
        drillsRepository.saveDraft({ attemptId, code, notes, now });
        if (attempt.hintsUsed < question.hints.length) {
          drillsRepository.recordHint({ attemptId, hintsUsed: attempt.hintsUsed + 1, revealedAt: [...attempt.hintRevealedAt, now] });
        }
        return { hintsUsed: Math.min(question.hints.length, attempt.hintsUsed + 1), hintsHtml: question.hintsHtml.slice(0, attempt.hintsUsed + 1) };
      });
    },

    /** Exactly once: a second submit of the same attempt changes nothing and returns the first. */
    submit({ user, attemptId, code, notes, outcome }: { user: DrillUser; attemptId: number } & z.infer<typeof submitSchema>) {
      return drillsRepository.transaction(() => {
        const attempt = ownedAttempt(user, attemptId);
        if (attempt.submittedAt !== null) return { attempt, repeated: true };
        const now = clock.now().getTime();
        // Elapsed time is the server's: from when the question was served to now.
        const durationSeconds = Math.max(0, Math.round((now - attempt.servedAt) / 1000));
        const { grade, reason } = suggestGrade({ outcome, durationSeconds, budgetSeconds: attempt.budgetSeconds, hintsUsed: attempt.hintsUsed });
        drillsRepository.markSubmitted({
          attemptId,
          code,
          notes,
          submittedAt: now,
          durationSeconds,
          overtime: now > attempt.deadlineAt,
          outcome,
          suggestedGrade: grade,
          gradeReason: reason,
        });
        return { attempt: ownedAttempt(user, attemptId), repeated: false };
      });
    },

    /** Confirm or override the grade; reschedules the card once, with the attempt row, in one transaction. */
    grade({ user, attemptId, grade }: { user: DrillUser; attemptId: number; grade: number }) {
      return drillsRepository.transaction(() => {
        const attempt = ownedAttempt(user, attemptId);
        if (attempt.submittedAt === null) throw createConflictError('Submit your answer before grading it.');
        if (attempt.gradedAt !== null) return { attempt, repeated: true };
        const now = clock.now();
        const existing = drillsRepository.findCard({ userId: user.id, questionId: attempt.questionId });
        const before = existing ? cardFields(existing) : newCard(now);
        const preset = settingsRepository.getPreset({ userId: user.id, track: attempt.track });
        const today = localDay(now, user);
        const maximumIntervalDays = interviewCapDays({ now, user, interviewDate: settingsRepository.getInterviewDate({ userId: user.id }) });
        const after = review({
          card: before,
          now,
          grade: grade as GradeValue,
          options: { desiredRetention: preset.desiredRetention, fuzz, ...(maximumIntervalDays === undefined ? {} : { maximumIntervalDays }) },
        });
        const changed = drillsRepository.markGraded({ attemptId, finalGrade: grade, gradedAt: now.getTime(), localDay: today, before, after });
        if (changed !== 1) throw createConflictError('This attempt was graded meanwhile.');
        drillsRepository.saveCard({ userId: user.id, questionId: attempt.questionId, track: attempt.track, fields: after, now: now.getTime() });
        return { attempt: ownedAttempt(user, attemptId), repeated: false };
      });
    },

    earlierAttempts({ user, questionId, excludeId }: { user: DrillUser; questionId: string; excludeId: number }) {
      return drillsRepository.questionHistory({ userId: user.id, questionId, limit: 21 }).filter((a) => a.id !== excludeId).slice(0, 20);
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
