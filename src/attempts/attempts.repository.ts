import { and, desc, eq, isNotNull, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { attempts, type AttemptRow } from '../db/schema.js';
import type { Track } from '../shared/validation.js';

export function createAttemptsRepository({ db }: { db: Db }) {
  return {
    /** Graded attempts, newest first, keyset-paginated by id. */
    list({ userId, track, beforeId, limit }: { userId: number; track?: Track; beforeId?: number; limit: number }): AttemptRow[] {
      const where: SQL[] = [eq(attempts.userId, userId), isNotNull(attempts.gradedAt)];
      if (track) where.push(eq(attempts.track, track));
      if (beforeId) where.push(lt(attempts.id, beforeId));
      return db.select().from(attempts).where(and(...where)).orderBy(desc(attempts.id)).limit(limit).all();
    },
  };
}
export type AttemptsRepository = ReturnType<typeof createAttemptsRepository>;
