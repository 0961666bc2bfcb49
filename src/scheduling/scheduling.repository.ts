import { and, count, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { fixedLimit } from '../db/fixed-limit.js';
import { attempts, cards, type OptimizerRunRow, optimizerRuns } from '../db/schema.js';
import type { Track } from '../shared/validation.js';

export function createSchedulingRepository({ db }: { db: Db }) {
  // Only attempts that moved their card are reviews to FSRS: practice kept as practice is not.
  const reviewed = and(
    eq(attempts.userId, sql.placeholder('userId')),
    isNotNull(attempts.gradedAt),
    eq(attempts.rescheduled, true),
  );
  const reviewsStmt = db
    .select({
      questionId: attempts.questionId,
      track: attempts.track,
      at: sql<number>`${attempts.gradedAt}`,
      grade: sql<number>`${attempts.finalGrade}`,
    })
    .from(attempts)
    .where(reviewed)
    .orderBy(attempts.questionId, attempts.gradedAt, attempts.id)
    .prepare();
  const countStmt = db.select({ n: count() }).from(attempts).where(reviewed).prepare();

  return {
    reviewCount({ userId }: { userId: number }): number {
      return countStmt.get({ userId })?.n ?? 0;
    },

    reviews({ userId }: { userId: number }) {
      return reviewsStmt.all({ userId });
    },

    latestRun({ userId }: { userId: number }): OptimizerRunRow | undefined {
      return db
        .select()
        .from(optimizerRuns)
        .where(eq(optimizerRuns.userId, userId))
        .orderBy(desc(optimizerRuns.id))
        .limit(fixedLimit(1))
        .get();
    },

    startRun({
      userId,
      status,
      reviews,
      message,
      now,
    }: {
      userId: number;
      status: 'running' | 'waiting';
      reviews: number;
      message: string;
      now: number;
    }): OptimizerRunRow {
      const row = db
        .insert(optimizerRuns)
        .values({ userId, status, reviews, message, createdAt: now, finishedAt: status === 'waiting' ? now : null })
        .returning()
        .get();
      if (!row) throw new Error('insert into optimizer_runs returned no row');
      return row;
    },

    finishRun({
      runId,
      ...values
    }: {
      runId: number;
      status: 'done' | 'failed';
      message: string;
      finishedAt: number;
      logLossBefore?: number | null;
      rmseBefore?: number | null;
      logLossAfter?: number | null;
      rmseAfter?: number | null;
      weights?: number[] | null;
    }) {
      db.update(optimizerRuns).set(values).where(eq(optimizerRuns.id, runId)).run();
    },

    /** Runs left "running" by a process that stopped: they will never finish. */
    failStaleRuns({ now }: { now: number }) {
      db.update(optimizerRuns)
        .set({ status: 'failed', message: 'the server restarted while it ran', finishedAt: now })
        .where(eq(optimizerRuns.status, 'running'))
        .run();
    },

    reviewCards({ userId, track }: { userId: number; track: Track }) {
      return db
        .select()
        .from(cards)
        .where(and(eq(cards.userId, userId), eq(cards.track, track), eq(cards.state, 2)))
        .all();
    },

    updateMemory({
      cardId,
      stability,
      difficulty,
      due,
      scheduledDays,
    }: {
      cardId: number;
      stability: number;
      difficulty: number;
      due: number;
      scheduledDays: number;
    }) {
      db.update(cards).set({ stability, difficulty, due, scheduledDays }).where(eq(cards.id, cardId)).run();
    },

    transaction<T>(fn: () => T): T {
      return db.transaction(() => fn(), { behavior: 'immediate' });
    },
  };
}
export type SchedulingRepository = ReturnType<typeof createSchedulingRepository>;
