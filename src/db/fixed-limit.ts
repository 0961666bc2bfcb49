import { sql } from 'drizzle-orm';

/**
 * A LIMIT written into the SQL text, for `.limit(fixedLimit(20))`. drizzle binds `.limit(20)` as a
 * parameter, and SQLite (3.47 and later) plans with the value of a bound LIMIT, so every run
 * rebinds it, expires the statement and prepares it again: a prepared query with `limit ?` ran at
 * a quarter of the speed of the same query with `limit 20` (bench/RESULTS.md, "Drizzle vs raw").
 * drizzle writes an SQL chunk in place of the number; its types only name number and Placeholder.
 */
export function fixedLimit(rows: number): number {
  if (!Number.isSafeInteger(rows) || rows < 0) throw new Error(`a LIMIT is a row count, not ${rows}`);
  return sql.raw(String(rows)) as unknown as number;
}
