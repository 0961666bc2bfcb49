import Database from 'better-sqlite3';

/**
 * True when a write failed on a UNIQUE or PRIMARY KEY constraint: the driver's SqliteError by
 * class and extended code, not by message text. The cause chain is walked too, since drizzle-orm
 * may hand a driver error on wrapped (DrizzleQueryError keeps it as `cause`).
 */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof Database.SqliteError)
      return e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  }
  return false;
}
