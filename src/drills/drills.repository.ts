import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, notExists, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { fixedLimit } from '../db/fixed-limit.js';
import {
  type AttemptRow,
  attempts,
  type CardRow,
  cards,
  type DrillRow,
  drills,
  questions,
  type StoredCaseResult,
} from '../db/schema.js';
import type { CardFields } from '../scheduling/fsrs.js';
import type { Track } from '../shared/validation.js';

const p = sql.placeholder;

/** A preset's budgets per difficulty, for the minutes a question takes. */
export type BudgetMinutes = { easy: number; medium: number; hard: number };

/** The card fields as insert/update values (the row's own ids come from the caller). */
const cardValues = (f: CardFields) => ({
  due: f.due,
  stability: f.stability,
  difficulty: f.difficulty,
  scheduledDays: f.scheduledDays,
  learningSteps: f.learningSteps,
  reps: f.reps,
  lapses: f.lapses,
  state: f.state,
  lastReview: f.lastReview,
});

export function createDrillsRepository({ db }: { db: Db }) {
  // Every statement of a drill request is prepared once: drizzle then costs what a raw prepared
  // statement costs (bench/RESULTS.md, "Drizzle vs raw").
  const activeQuestion = and(eq(questions.id, cards.questionId), isNull(questions.retiredAt));
  const openAttemptStmt = db
    .select()
    .from(attempts)
    .where(
      and(
        eq(attempts.userId, p('userId')),
        eq(attempts.track, p('track')),
        isNull(attempts.gradedAt),
        // A mock's questions are open while it runs, beside the day's drill, never as part of it.
        // A literal, not a bound parameter: only then can SQLite use the partial unique index
        // (graded_at IS NULL AND kind <> 'mock'); with a parameter it scans the user's history.
        sql`${attempts.kind} <> 'mock'`,
      ),
    )
    .prepare();
  const attemptByIdStmt = db
    .select()
    .from(attempts)
    .where(and(eq(attempts.id, p('id')), eq(attempts.userId, p('userId'))))
    .prepare();
  const cardStmt = db
    .select()
    .from(cards)
    .where(and(eq(cards.userId, p('userId')), eq(cards.questionId, p('questionId'))))
    .prepare();
  // What one question takes, in minutes: its own budget, or its difficulty's under the preset.
  const minutesOf = sql<number>`coalesce(${questions.timeBudgetMinutes}, case ${questions.difficulty} when 'Easy' then ${p('easy')} when 'Medium' then ${p('medium')} else ${p('hard')} end)`;
  // A learning step is served with half the question's time (see drills.service openAttempt).
  // The one due rule (see src/scheduling/day-rule.ts): a learning card is due at its instant; a
  // review is due for the whole user day it falls on (due before the next rollover), unless it
  // was already reviewed today (only the interview cap schedules a review for the same day).
  const learningDueNow = sql`${cards.state} in (1, 3) and ${cards.due} <= ${p('now')}`;
  const reviewDueToday = sql`${cards.state} = 2 and ${cards.due} < ${p('nextDayStart')} and coalesce(${cards.lastReview}, 0) < ${p('dayStart')}`;
  const dueCountsStmt = db
    .select({
      learningDue: sql<number>`coalesce(sum(case when ${learningDueNow} then 1 else 0 end), 0)`,
      learningDueMinutes: sql<number>`coalesce(sum(case when ${learningDueNow} then ${minutesOf} / 2.0 else 0 end), 0)`,
      learningLater: sql<number>`coalesce(sum(case when ${cards.state} in (1, 3) and ${cards.due} > ${p('now')} and ${cards.due} < ${p('nextDayStart')} then 1 else 0 end), 0)`,
      learningLaterMinutes: sql<number>`coalesce(sum(case when ${cards.state} in (1, 3) and ${cards.due} > ${p('now')} and ${cards.due} < ${p('nextDayStart')} then ${minutesOf} / 2.0 else 0 end), 0)`,
      nextLearningAt: sql<
        number | null
      >`min(case when ${cards.state} in (1, 3) and ${cards.due} > ${p('now')} then ${cards.due} end)`,
      learningSoon: sql<number>`coalesce(sum(case when ${cards.state} in (1, 3) and ${cards.due} <= ${p('until')} then 1 else 0 end), 0)`,
      reviewsDue: sql<number>`coalesce(sum(case when ${reviewDueToday} then 1 else 0 end), 0)`,
      reviewsDueMinutes: sql<number>`coalesce(sum(case when ${reviewDueToday} then ${minutesOf} else 0 end), 0)`,
      // The long-run review minutes a day of the cards already learned: each review card costs its
      // minutes once per interval.
      dailyLoad: sql<number>`coalesce(sum(case when ${cards.state} = 2 then ${minutesOf} * 1.0 / max(${cards.scheduledDays}, 1) else 0 end), 0)`,
      overdue: sql<number>`coalesce(sum(case when ${cards.state} = 2 and ${cards.due} < ${p('dayStart')} then 1 else 0 end), 0)`,
      overdueMinutes: sql<number>`coalesce(sum(case when ${cards.state} = 2 and ${cards.due} < ${p('dayStart')} then ${minutesOf} else 0 end), 0)`,
    })
    .from(cards)
    .innerJoin(questions, activeQuestion)
    .where(and(eq(cards.userId, p('userId')), eq(cards.track, p('track')), eq(cards.suspended, false)))
    .prepare();
  const nextLearningStmt = db
    .select({ questionId: cards.questionId })
    .from(cards)
    .innerJoin(questions, activeQuestion)
    .where(
      and(
        eq(cards.userId, p('userId')),
        eq(cards.track, p('track')),
        inArray(cards.state, [1, 3]),
        lte(cards.due, p('until')),
        eq(cards.suspended, false),
      ),
    )
    .orderBy(asc(cards.due), asc(cards.id))
    .limit(fixedLimit(1))
    .prepare();
  // While catching up (overdueFirst = 1), reviews due before today come first, the oldest due
  // day first (Anki's default order): ordered by retrievability alone, a long-interval review
  // left after a break loses every day to short-interval ones that fell due since (the relearned
  // ones among them), and the backlog took a week to drain. Day index from today's start in whole
  // days of 24 h (a DST day moves the boundary by an hour: it only reorders reviews due within
  // that hour). Otherwise, and within a day: FSRS retrievability is (1 + f * t / S)^-d with
  // weights shared by every card, so it falls as elapsed time over stability grows: ordering by
  // t / S descending is lowest retrievability first.
  const nextReviewStmt = db
    .select({ questionId: cards.questionId })
    .from(cards)
    .innerJoin(questions, activeQuestion)
    .where(
      and(
        eq(cards.userId, p('userId')),
        eq(cards.track, p('track')),
        eq(cards.state, 2),
        lt(cards.due, p('nextDayStart')),
        sql`coalesce(${cards.lastReview}, 0) < ${p('dayStart')}`,
        eq(cards.suspended, false),
      ),
    )
    .orderBy(
      asc(
        sql`case when ${p('overdueFirst')} = 1 and ${cards.due} < ${p('dayStart')} then -((${p('dayStart')} - ${cards.due} - 1) / 86400000) - 1 else 0 end`,
      ),
      desc(sql`(${p('now')} - ${cards.lastReview}) / max(${cards.stability}, 0.01)`),
      asc(cards.due),
      asc(cards.id),
    )
    .limit(fixedLimit(1))
    .prepare();
  // Minutes of reviews due per due instant in a window: load balancing reads the days ahead.
  const loadStmt = db
    .select({ due: cards.due, minutes: sql<number>`sum(${minutesOf})` })
    .from(cards)
    .innerJoin(questions, activeQuestion)
    .where(
      and(
        eq(cards.userId, p('userId')),
        eq(cards.track, p('track')),
        eq(cards.state, 2),
        gte(cards.due, p('from')),
        lt(cards.due, p('to')),
        eq(cards.suspended, false),
      ),
    )
    .groupBy(cards.due)
    .prepare();
  const countsTodayStmt = db
    .select({
      newDone: sql<number>`coalesce(sum(case when ${attempts.stateBefore} = 0 and ${attempts.rescheduled} then 1 else 0 end), 0)`,
      reviewsDone: sql<number>`coalesce(sum(case when ${attempts.stateBefore} = 2 and ${attempts.rescheduled} then 1 else 0 end), 0)`,
      graded: sql<number>`count(*)`,
      // Practice that left the card alone is extra: it does not use the day's minutes.
      minutesDone: sql<number>`coalesce(sum(case when ${attempts.rescheduled} then ${attempts.budgetSeconds} else 0 end), 0) / 60.0`,
      // The time it really took (served to submitted); an answer without one counts its budget.
      minutesSpent: sql<number>`coalesce(sum(case when ${attempts.rescheduled} then coalesce(${attempts.durationSeconds}, ${attempts.budgetSeconds}) else 0 end), 0) / 60.0`,
      // Reviews done today that were due before today: with those still waiting, the day's backlog.
      overdueDone: sql<number>`coalesce(sum(case when ${attempts.stateBefore} = 2 and ${attempts.rescheduled} and ${attempts.dueBefore} < ${p('dayStart')} then 1 else 0 end), 0)`,
    })
    .from(attempts)
    .where(
      and(
        eq(attempts.userId, p('userId')),
        eq(attempts.track, p('track')),
        eq(attempts.localDay, p('day')),
        isNotNull(attempts.gradedAt),
      ),
    )
    .prepare();
  // The latest answers' time over their budget: the candidate's pace (src/scheduling/budget.ts).
  const paceQuery = (limit: number) =>
    db
      .select({ ratio: sql<number>`1.0 * ${attempts.durationSeconds} / ${attempts.budgetSeconds}` })
      .from(attempts)
      .where(
        and(
          eq(attempts.userId, p('userId')),
          eq(attempts.track, p('track')),
          isNotNull(attempts.gradedAt),
          isNotNull(attempts.durationSeconds),
          sql`${attempts.budgetSeconds} > 0`,
        ),
      )
      .orderBy(desc(attempts.gradedAt))
      .limit(fixedLimit(limit))
      .prepare();
  // One statement per window size: a bound LIMIT would make SQLite prepare it again on every run.
  const paceStmts = new Map<number, ReturnType<typeof paceQuery>>();
  const unseen = notExists(
    db
      .select({ one: sql`1` })
      .from(cards)
      .where(and(eq(cards.userId, p('userId')), eq(cards.questionId, questions.id))),
  );
  const unseenCountStmt = db
    .select({ n: sql<number>`count(*)` })
    .from(questions)
    .where(and(eq(questions.track, p('track')), isNull(questions.retiredAt), unseen))
    .prepare();
  const seenStmt = db
    .select({ questionId: cards.questionId })
    .from(cards)
    .where(and(eq(cards.userId, p('userId')), eq(cards.track, p('track'))))
    .prepare();
  const drillOfDayStmt = db
    .select()
    .from(drills)
    .where(and(eq(drills.userId, p('userId')), eq(drills.track, p('track')), eq(drills.localDay, p('day'))))
    .orderBy(desc(drills.id))
    .limit(fixedLimit(1))
    .prepare();
  const openDrillStmt = db
    .select()
    .from(drills)
    .where(
      and(
        eq(drills.userId, p('userId')),
        eq(drills.track, p('track')),
        eq(drills.localDay, p('day')),
        isNull(drills.finishedAt),
      ),
    )
    .orderBy(desc(drills.id))
    .prepare();
  const createDrillStmt = db
    .insert(drills)
    .values({ userId: p('userId'), track: p('track'), localDay: p('day'), startedAt: p('now') })
    .returning()
    .prepare();

  // The writes of every drill (open, submit, grade, save the card), prepared once like the reads.
  const placeholders = <K extends string>(keys: readonly K[]) =>
    Object.fromEntries(keys.map((k) => [k, p(k)])) as unknown as Record<K, ReturnType<typeof p>>;
  // drizzle wraps a placeholder in an update's set with the column's encoder, as it does for an
  // insert's values (JSON and boolean columns are encoded when the statement runs); only its types
  // leave placeholders out of set().
  const settable = <T>(values: Record<string, ReturnType<typeof p>>) => values as unknown as Partial<T>;
  const CARD_KEYS = [
    'due',
    'stability',
    'difficulty',
    'scheduledDays',
    'learningSteps',
    'reps',
    'lapses',
    'state',
    'lastReview',
  ] as const satisfies readonly (keyof CardFields)[];
  const createAttemptStmt = db
    .insert(attempts)
    .values({
      ...placeholders([
        'userId',
        'questionId',
        'track',
        'kind',
        'drillId',
        'servedAt',
        'deadlineAt',
        'budgetSeconds',
        'code',
      ] as const),
      hintRevealedAt: [],
    })
    .returning()
    .prepare();
  const SUBMIT_KEYS = [
    'code',
    'notes',
    'submittedAt',
    'durationSeconds',
    'overtime',
    'outcome',
    'suggestedGrade',
    'gradeReason',
    'casesPassed',
    'casesTotal',
    'caseResults',
  ] as const;
  const markSubmittedStmt = db
    .update(attempts)
    .set(settable<typeof attempts.$inferInsert>(placeholders(SUBMIT_KEYS)))
    .where(and(eq(attempts.id, p('attemptId')), isNull(attempts.submittedAt)))
    .returning()
    .prepare();
  const GRADE_KEYS = [
    'finalGrade',
    'gradedAt',
    'localDay',
    'rescheduled',
    'cardBefore',
    'overrideReason',
    'stateBefore',
    'stabilityBefore',
    'difficultyBefore',
    'dueBefore',
    'lastReviewBefore',
    'stateAfter',
    'stabilityAfter',
    'difficultyAfter',
    'dueAfter',
    'scheduledDaysAfter',
  ] as const;
  const markGradedStmt = db
    .update(attempts)
    .set(settable<typeof attempts.$inferInsert>(placeholders(GRADE_KEYS)))
    .where(and(eq(attempts.id, p('attemptId')), isNotNull(attempts.submittedAt), isNull(attempts.gradedAt)))
    .returning()
    .prepare();
  const saveCardStmt = db
    .insert(cards)
    .values({ ...placeholders(['userId', 'questionId', 'track', 'createdAt', ...CARD_KEYS] as const) })
    .onConflictDoUpdate({
      target: [cards.userId, cards.questionId],
      set: settable<typeof cards.$inferInsert>(placeholders(CARD_KEYS)),
    })
    .prepare();

  return {
    findOpenAttempt({ userId, track }: { userId: number; track: Track }): AttemptRow | undefined {
      return openAttemptStmt.get({ userId, track });
    },

    findAttempt({ userId, attemptId }: { userId: number; attemptId: number }): AttemptRow | undefined {
      return attemptByIdStmt.get({ id: attemptId, userId });
    },

    findCard({ userId, questionId }: { userId: number; questionId: string }): CardRow | undefined {
      return cardStmt.get({ userId, questionId });
    },

    /** Due counts for a track: learning now, learning within the learn-ahead window, reviews now. */
    dueCounts({
      learnAheadUntil,
      ...params
    }: {
      userId: number;
      track: Track;
      now: number;
      learnAheadUntil: number;
      dayStart: number;
      nextDayStart: number;
    } & BudgetMinutes) {
      const row = dueCountsStmt.get({ ...params, until: learnAheadUntil });
      return (
        row ?? {
          learningDue: 0,
          learningDueMinutes: 0,
          learningLater: 0,
          learningLaterMinutes: 0,
          nextLearningAt: null,
          learningSoon: 0,
          reviewsDue: 0,
          reviewsDueMinutes: 0,
          dailyLoad: 0,
          overdue: 0,
          overdueMinutes: 0,
        }
      );
    },

    /** Minutes of reviews per stored due instant in [from, to): the days ahead, for load balancing. */
    loadByDue(params: { userId: number; track: Track; from: number; to: number } & BudgetMinutes) {
      return loadStmt.all(params);
    },

    seenQuestionIds({ userId, track }: { userId: number; track: Track }): Set<string> {
      return new Set(seenStmt.all({ userId, track }).map((r) => r.questionId));
    },

    findDrillOfDay({ userId, track, day }: { userId: number; track: Track; day: string }): DrillRow | undefined {
      return drillOfDayStmt.get({ userId, track, day });
    },

    /** Custom study on today's drill row (created if needed): extra new target, study-ahead days. */
    setCustomStudy({
      userId,
      track,
      day,
      now,
      extraNew,
      aheadDays,
    }: {
      userId: number;
      track: Track;
      day: string;
      now: number;
      extraNew?: number;
      aheadDays?: number;
    }) {
      const drill = drillOfDayStmt.get({ userId, track, day }) ?? createDrillStmt.get({ userId, track, day, now });
      if (!drill) throw new Error('insert into drills returned no row');
      db.update(drills)
        .set({
          ...(extraNew === undefined ? {} : { extraNew }),
          ...(aheadDays === undefined ? {} : { aheadDays }),
          finishedAt: null,
        })
        .where(eq(drills.id, drill.id))
        .run();
    },

    nextLearningCard({ userId, track, until }: { userId: number; track: Track; until: number }): string | undefined {
      return nextLearningStmt.get({ userId, track, until })?.questionId;
    },

    /** The next due review: lowest retrievability first, or the oldest due day first with overdueFirst. */
    nextReviewCard({
      overdueFirst = false,
      ...params
    }: {
      userId: number;
      track: Track;
      now: number;
      dayStart: number;
      nextDayStart: number;
      overdueFirst?: boolean;
    }): string | undefined {
      return nextReviewStmt.get({ ...params, overdueFirst: overdueFirst ? 1 : 0 })?.questionId;
    },

    countsForDay({ userId, track, day, dayStart }: { userId: number; track: Track; day: string; dayStart: number }): {
      newDone: number;
      reviewsDone: number;
      graded: number;
      minutesDone: number;
      minutesSpent: number;
      overdueDone: number;
    } {
      return (
        countsTodayStmt.get({ userId, track, day, dayStart }) ?? {
          newDone: 0,
          reviewsDone: 0,
          graded: 0,
          minutesDone: 0,
          minutesSpent: 0,
          overdueDone: 0,
        }
      );
    },

    /** Time spent over time budget of the latest graded answers of a track, newest first. */
    paceRatios({ userId, track, limit }: { userId: number; track: Track; limit: number }): number[] {
      let stmt = paceStmts.get(limit);
      if (!stmt) {
        stmt = paceQuery(limit);
        paceStmts.set(limit, stmt);
      }
      return stmt.all({ userId, track }).map((r) => r.ratio);
    },

    unseenCount({ userId, track }: { userId: number; track: Track }): number {
      return unseenCountStmt.get({ track, userId })?.n ?? 0;
    },

    findOpenDrill({ userId, track, day }: { userId: number; track: Track; day: string }): DrillRow | undefined {
      return openDrillStmt.get({ userId, track, day });
    },

    createDrill({ userId, track, day, now }: { userId: number; track: Track; day: string; now: number }): DrillRow {
      const drill = createDrillStmt.get({ userId, track, day, now });
      if (!drill) throw new Error('insert into drills returned no row');
      return drill;
    },

    finishDrill({ drillId, now }: { drillId: number; now: number }) {
      db.update(drills)
        .set({ finishedAt: now })
        .where(and(eq(drills.id, drillId), isNull(drills.finishedAt)))
        .run();
    },

    findDrill({ userId, drillId }: { userId: number; drillId: number }): DrillRow | undefined {
      return db
        .select()
        .from(drills)
        .where(and(eq(drills.id, drillId), eq(drills.userId, userId)))
        .get();
    },

    latestDrill({ userId, track }: { userId: number; track: Track }): DrillRow | undefined {
      return db
        .select()
        .from(drills)
        .where(and(eq(drills.userId, userId), eq(drills.track, track)))
        .orderBy(desc(drills.id))
        .get();
    },

    createAttempt(values: {
      userId: number;
      questionId: string;
      track: Track;
      kind: 'drill' | 'practice';
      drillId: number;
      servedAt: number;
      deadlineAt: number;
      budgetSeconds: number;
      code: string;
    }): AttemptRow {
      const row = createAttemptStmt.get(values);
      if (!row) throw new Error('insert into attempts returned no row');
      return row;
    },

    saveDraft({ attemptId, code, notes, now }: { attemptId: number; code: string; notes: string; now: number }) {
      return db
        .update(attempts)
        .set({ code, notes, draftSavedAt: now })
        .where(and(eq(attempts.id, attemptId), isNull(attempts.submittedAt)))
        .run().changes;
    },

    recordHint({ attemptId, hintsUsed, revealedAt }: { attemptId: number; hintsUsed: number; revealedAt: number[] }) {
      db.update(attempts)
        .set({ hintsUsed, hintRevealedAt: revealedAt })
        .where(and(eq(attempts.id, attemptId), isNull(attempts.submittedAt)))
        .run();
    },

    markSubmitted({
      attemptId,
      ...values
    }: {
      attemptId: number;
      code: string;
      notes: string;
      submittedAt: number;
      durationSeconds: number;
      overtime: boolean;
      outcome: 'solved' | 'partial' | 'failed';
      suggestedGrade: number;
      gradeReason: string;
      casesPassed: number | null;
      casesTotal: number | null;
      caseResults: StoredCaseResult[] | null;
    }): AttemptRow | undefined {
      return markSubmittedStmt.get({ attemptId, ...values });
    },

    markGraded({
      attemptId,
      before,
      after,
      ...values
    }: {
      attemptId: number;
      finalGrade: number;
      gradedAt: number;
      localDay: string;
      before: CardFields;
      after: CardFields;
      rescheduled: boolean;
      cardBefore: Record<string, number | null> | null;
      overrideReason: string | null;
    }): AttemptRow | undefined {
      return markGradedStmt.get({
        attemptId,
        ...values,
        stateBefore: before.state,
        stabilityBefore: before.stability,
        difficultyBefore: before.difficulty,
        dueBefore: before.due,
        lastReviewBefore: before.lastReview,
        stateAfter: after.state,
        stabilityAfter: after.stability,
        difficultyAfter: after.difficulty,
        dueAfter: after.due,
        scheduledDaysAfter: after.scheduledDays,
      });
    },

    saveCard({
      userId,
      questionId,
      track,
      fields,
      now,
    }: {
      userId: number;
      questionId: string;
      track: Track;
      fields: CardFields;
      now: number;
    }) {
      saveCardStmt.run({ userId, questionId, track, ...cardValues(fields), createdAt: now });
    },

    /** Restore a card to a saved state (undo of a grade). */
    restoreCard({
      userId,
      questionId,
      fields,
    }: {
      userId: number;
      questionId: string;
      fields: CardFields & { leechKeptAt?: number | null };
    }) {
      db.update(cards)
        .set({ ...cardValues(fields), leechKeptAt: fields.leechKeptAt ?? null })
        .where(and(eq(cards.userId, userId), eq(cards.questionId, questionId)))
        .run();
    },

    /** Forget a card: the question is new again (its attempts stay). */
    deleteCard({ userId, questionId }: { userId: number; questionId: string }) {
      db.delete(cards)
        .where(and(eq(cards.userId, userId), eq(cards.questionId, questionId)))
        .run();
    },

    setSuspended({ cardId, suspended }: { cardId: number; suspended: boolean }) {
      db.update(cards).set({ suspended }).where(eq(cards.id, cardId)).run();
    },

    keepLeech({ cardId, lapses }: { cardId: number; lapses: number }) {
      db.update(cards).set({ leechKeptAt: lapses }).where(eq(cards.id, cardId)).run();
    },

    /**
     * Cards flagged as leeches: at least `threshold` lapses, not suspended, and when the candidate
     * chose "keep", flagged again only after half as many more.
     */
    leeches({ userId, track, threshold }: { userId: number; track: Track; threshold: number }) {
      return db
        .select({ questionId: cards.questionId, lapses: cards.lapses })
        .from(cards)
        .innerJoin(questions, activeQuestion)
        .where(
          and(
            eq(cards.userId, userId),
            eq(cards.track, track),
            eq(cards.suspended, false),
            gte(cards.lapses, threshold),
            sql`(${cards.leechKeptAt} is null or ${cards.lapses} >= ${cards.leechKeptAt} + max(1, (${threshold} + 1) / 2))`,
          ),
        )
        .orderBy(desc(cards.lapses), asc(cards.questionId))
        .limit(fixedLimit(20))
        .all();
    },

    /** Put a graded attempt back to its grade step (undo). */
    clearGrade({ attemptId }: { attemptId: number }) {
      db.update(attempts)
        .set({
          finalGrade: null,
          gradedAt: null,
          localDay: null,
          stateBefore: null,
          stabilityBefore: null,
          difficultyBefore: null,
          dueBefore: null,
          lastReviewBefore: null,
          stateAfter: null,
          stabilityAfter: null,
          difficultyAfter: null,
          dueAfter: null,
          scheduledDaysAfter: null,
          rescheduled: true,
          cardBefore: null,
          overrideReason: null,
        })
        .where(eq(attempts.id, attemptId))
        .run();
    },

    latestGradedAttempt({ userId, track }: { userId: number; track: Track }): AttemptRow | undefined {
      return db
        .select()
        .from(attempts)
        .where(and(eq(attempts.userId, userId), eq(attempts.track, track), isNotNull(attempts.gradedAt)))
        .orderBy(desc(attempts.gradedAt), desc(attempts.id))
        .limit(fixedLimit(1))
        .get();
    },

    drillAttempts({ userId, drillId }: { userId: number; drillId: number }): AttemptRow[] {
      return db
        .select()
        .from(attempts)
        .where(and(eq(attempts.userId, userId), eq(attempts.drillId, drillId)))
        .orderBy(asc(attempts.id))
        .all();
    },

    questionHistory({
      userId,
      questionId,
      limit,
    }: {
      userId: number;
      questionId: string;
      limit: number;
    }): AttemptRow[] {
      return db
        .select()
        .from(attempts)
        .where(and(eq(attempts.userId, userId), eq(attempts.questionId, questionId), isNotNull(attempts.gradedAt)))
        .orderBy(desc(attempts.id))
        .limit(fixedLimit(limit))
        .all();
    },

    transaction<T>(fn: () => T): T {
      return db.transaction(() => fn(), { behavior: 'immediate' });
    },

    /**
     * Reads that make one page, in one read transaction: one snapshot, and one round of file
     * locks instead of one per query (each cost about 6 µs on its own, bench/FINDINGS.md).
     */
    read<T>(fn: () => T): T {
      return db.transaction(() => fn(), { behavior: 'deferred' });
    },
  };
}
export type DrillsRepository = ReturnType<typeof createDrillsRepository>;
