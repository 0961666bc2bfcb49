import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { fixedLimit } from '../db/fixed-limit.js';
import { type RunRow, runs } from '../db/schema.js';

const p = sql.placeholder;

export function createRunsRepository({ db }: { db: Db }) {
  const latestStmt = db
    .select()
    .from(runs)
    .where(and(eq(runs.attemptId, p('attemptId')), eq(runs.userId, p('userId'))))
    .orderBy(desc(runs.id))
    .limit(fixedLimit(1))
    .prepare();
  const insertStmt = db
    .insert(runs)
    .values({
      attemptId: p('attemptId'),
      userId: p('userId'),
      scope: p('scope'),
      code: p('code'),
      passed: p('passed'),
      total: p('total'),
      results: p('results'),
      durationMs: p('durationMs'),
      createdAt: p('createdAt'),
    })
    .returning()
    .prepare();

  return {
    latestForAttempt({ attemptId, userId }: { attemptId: number; userId: number }): RunRow | undefined {
      return latestStmt.get({ attemptId, userId });
    },

    insert(values: Omit<RunRow, 'id'>): RunRow {
      // drizzle encodes the JSON column for a placeholder value too.
      const row = insertStmt.get(values);
      if (!row) throw new Error('insert into runs returned no row');
      return row;
    },

    forAttempt({ attemptId }: { attemptId: number }): RunRow[] {
      return db.select().from(runs).where(eq(runs.attemptId, attemptId)).orderBy(runs.id).all();
    },
  };
}
export type RunsRepository = ReturnType<typeof createRunsRepository>;
