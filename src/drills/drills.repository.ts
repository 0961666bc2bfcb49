import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { attempts, cards, drills, questions, type AttemptRow, type CardRow, type DrillRow } from '../db/schema.js';
import type { Track } from '../shared/validation.js';
import type { CardFields } from '../scheduling/fsrs.js';

const p = sql.placeholder;

export function createDrillsRepository({ db }: { db: Db }) {
  // Hot paths (every drill page) are prepared once.
  const openAttemptStmt = db
    .select()
    .from(attempts)
    .where(and(eq(attempts.userId, p('userId')), eq(attempts.track, p('track')), isNull(attempts.gradedAt)))
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
  const dueCardsStmt = db
    .select({ card: cards })
    .from(cards)
    .innerJoin(questions, eq(questions.id, cards.questionId))
    .where(and(eq(cards.userId, p('userId')), eq(cards.track, p('track')), sql`${cards.due} <= ${p('until')}`, isNull(questions.retiredAt)))
    .prepare();
  const countsTodayStmt = db.$client.prepare(
    `select
       coalesce(sum(case when state_before = 0 then 1 else 0 end), 0) as newDone,
       coalesce(sum(case when state_before = 2 then 1 else 0 end), 0) as reviewsDone,
       count(*) as graded
     from attempts where user_id = ? and track = ? and local_day = ? and graded_at is not null`,
  );
  const nextNewStmt = db.$client.prepare(
    `select q.id from questions q
      where q.track = ? and q.retired_at is null
        and not exists (select 1 from cards c where c.user_id = ? and c.question_id = q.id)
      order by q.priority, q.id limit ?`,
  );
  const unseenCountStmt = db.$client.prepare(
    `select count(*) as n from questions q
      where q.track = ? and q.retired_at is null
        and not exists (select 1 from cards c where c.user_id = ? and c.question_id = q.id)`,
  );

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

    dueCards({ userId, track, until }: { userId: number; track: Track; until: number }): CardRow[] {
      return dueCardsStmt.all({ userId, track, until }).map((r) => r.card);
    },

    countsForDay({ userId, track, day }: { userId: number; track: Track; day: string }): { newDone: number; reviewsDone: number; graded: number } {
      return countsTodayStmt.get(userId, track, day) as { newDone: number; reviewsDone: number; graded: number };
    },

    nextNewQuestionIds({ userId, track, limit }: { userId: number; track: Track; limit: number }): string[] {
      return (nextNewStmt.all(track, userId, limit) as { id: string }[]).map((r) => r.id);
    },

    unseenCount({ userId, track }: { userId: number; track: Track }): number {
      return (unseenCountStmt.get(track, userId) as { n: number }).n;
    },

    findOpenDrill({ userId, track, day }: { userId: number; track: Track; day: string }): DrillRow | undefined {
      return db
        .select()
        .from(drills)
        .where(and(eq(drills.userId, userId), eq(drills.track, track), eq(drills.localDay, day), isNull(drills.finishedAt)))
        .orderBy(desc(drills.id))
        .get();
    },

    createDrill({ userId, track, day, now }: { userId: number; track: Track; day: string; now: number }): DrillRow {
      return db.insert(drills).values({ userId, track, localDay: day, startedAt: now }).returning().get();
    },

    finishDrill({ drillId, now }: { drillId: number; now: number }) {
      db.update(drills).set({ finishedAt: now }).where(and(eq(drills.id, drillId), isNull(drills.finishedAt))).run();
    },

    findDrill({ userId, drillId }: { userId: number; drillId: number }): DrillRow | undefined {
      return db.select().from(drills).where(and(eq(drills.id, drillId), eq(drills.userId, userId))).get();
    },

    latestDrill({ userId, track }: { userId: number; track: Track }): DrillRow | undefined {
      return db.select().from(drills).where(and(eq(drills.userId, userId), eq(drills.track, track))).orderBy(desc(drills.id)).get();
    },

    createAttempt(values: { userId: number; questionId: string; track: Track; drillId: number; servedAt: number; deadlineAt: number; budgetSeconds: number }): AttemptRow {
      return db
        .insert(attempts)
        .values({ ...values, hintRevealedAt: [] })
        .returning()
        .get();
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

    markSubmitted(values: {
      attemptId: number;
      code: string;
      notes: string;
      submittedAt: number;
      durationSeconds: number;
      overtime: boolean;
      outcome: 'solved' | 'partial' | 'failed';
      suggestedGrade: number;
      gradeReason: string;
    }): number {
      const { attemptId, ...rest } = values;
      return db
        .update(attempts)
        .set(rest)
        .where(and(eq(attempts.id, attemptId), isNull(attempts.submittedAt)))
        .run().changes;
    },

    markGraded(values: {
      attemptId: number;
      finalGrade: number;
      gradedAt: number;
      localDay: string;
      before: CardFields;
      after: CardFields;
    }): number {
      const { attemptId, before, after } = values;
      return db
        .update(attempts)
        .set({
          finalGrade: values.finalGrade,
          gradedAt: values.gradedAt,
          localDay: values.localDay,
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
        })
        .where(and(eq(attempts.id, attemptId), isNotNull(attempts.submittedAt), isNull(attempts.gradedAt)))
        .run().changes;
    },

    saveCard({ userId, questionId, track, fields, now }: { userId: number; questionId: string; track: Track; fields: CardFields; now: number }) {
      db.insert(cards)
        .values({ userId, questionId, track, ...fields, createdAt: now })
        .onConflictDoUpdate({ target: [cards.userId, cards.questionId], set: fields })
        .run();
    },

    drillAttempts({ userId, drillId }: { userId: number; drillId: number }): AttemptRow[] {
      return db.select().from(attempts).where(and(eq(attempts.userId, userId), eq(attempts.drillId, drillId))).orderBy(asc(attempts.id)).all();
    },

    questionHistory({ userId, questionId, limit }: { userId: number; questionId: string; limit: number }): AttemptRow[] {
      return db
        .select()
        .from(attempts)
        .where(and(eq(attempts.userId, userId), eq(attempts.questionId, questionId), isNotNull(attempts.gradedAt)))
        .orderBy(desc(attempts.id))
        .limit(limit)
        .all();
    },

    transaction<T>(fn: () => T): T {
      return db.transaction(() => fn(), { behavior: 'immediate' });
    },
  };
}
export type DrillsRepository = ReturnType<typeof createDrillsRepository>;
