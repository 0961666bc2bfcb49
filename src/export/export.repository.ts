import Database from 'better-sqlite3';
import { and, asc, desc, eq, fillPlaceholders, isNotNull, type SQL, sql } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/sqlite-core';
import { type AttemptFilter, type AttemptScope, attemptConditions } from '../attempts/attempt-query.js';
import type { Db } from '../db/database.js';
import { attempts, cards, feedback, questions, users } from '../db/schema.js';
import type { Cell } from './csv.js';

export type Cursor = { rows: Iterable<Cell[]>; close: () => void };
export type Include = { code: boolean; notes: boolean };

const bool = (condition: SQL) => sql`case when ${condition} then 'true' else 'false' end`;

/**
 * Each CSV column and the SQL that yields its cell exactly as written, so rows stream out as
 * arrays with no per-row work in JS (building an object per row was the export's largest cost).
 * strftime's %f matches toISOString() to the millisecond (checked on millions of instants).
 * json_each walks the topics array in order; topics are always a JSON array of strings (bank sync).
 */
const ATTEMPT_FIELDS = {
  attempt_id: sql`${attempts.id}`,
  submitted_at: sql`strftime('%Y-%m-%dT%H:%M:%fZ', coalesce(${attempts.submittedAt}, ${attempts.servedAt}) / 1000.0, 'unixepoch')`,
  local_date: sql`${attempts.localDay}`,
  username: sql`${users.username}`,
  track: sql`${attempts.track}`,
  question_id: sql`${attempts.questionId}`,
  title: sql`${questions.title}`,
  difficulty: sql`${questions.difficulty}`,
  topics: sql`(select group_concat(t.value, '; ') from json_each(${questions.topics}) t)`,
  outcome: sql`${attempts.outcome}`,
  // The runner's test results; empty when no code ran (a self-reported outcome).
  cases_passed: sql`${attempts.casesPassed}`,
  cases_total: sql`${attempts.casesTotal}`,
  suggested_grade: sql`${attempts.suggestedGrade}`,
  final_grade: sql`${attempts.finalGrade}`,
  duration_seconds: sql`${attempts.durationSeconds}`,
  budget_seconds: sql`${attempts.budgetSeconds}`,
  overtime: bool(sql`${attempts.overtime} = 1`),
  hints_used: sql`${attempts.hintsUsed}`,
  has_feedback: bool(sql`exists (select 1 from ${feedback} where ${feedback.attemptId} = ${attempts.id})`),
  // drill, practice or mock (one question of a mock interview; mock_id links it to its round).
  kind: sql`${attempts.kind}`,
  mock_id: sql`${attempts.mockId}`,
};
const OPTIONAL_FIELDS = {
  code: sql`${attempts.code}`,
  notes: sql`${attempts.notes}`,
};

export const ATTEMPT_COLUMNS = Object.keys(ATTEMPT_FIELDS);

/** The columns of an attempts export, in file order. */
export function attemptColumns(include: Include): string[] {
  return [...ATTEMPT_COLUMNS, ...(['code', 'notes'] as const).filter((name) => include[name])];
}

/** Every column is aliased to its CSV name, so `sqlite3 -csv -header` writes the same header. */
const aliased = (fields: Record<string, SQL>) =>
  Object.fromEntries(Object.entries(fields).map(([name, expr]) => [name, expr.as(name)]));

/** The select list of an attempts export, in file order (bench/drizzle-vs-raw.ts runs it through drizzle too). */
export function attemptSelection(include: Include) {
  return aliased({
    ...ATTEMPT_FIELDS,
    ...(include.code ? { code: OPTIONAL_FIELDS.code } : {}),
    ...(include.notes ? { notes: OPTIONAL_FIELDS.notes } : {}),
  });
}

const qb = new QueryBuilder();

/**
 * The export's whole query: the history filters (shared with the history pages), newest first,
 * as SQL text and its parameters. The benchmark runs this same text through `sqlite3 -csv` as
 * its baseline.
 */
export function attemptExportSql({
  scope,
  filter,
  include,
}: {
  scope: AttemptScope;
  filter: AttemptFilter;
  include: Include;
}): { text: string; params: unknown[] } {
  const { where, values } = attemptConditions(scope, filter);
  const query = qb
    .select(attemptSelection(include))
    .from(attempts)
    .innerJoin(questions, eq(questions.id, attempts.questionId))
    .innerJoin(users, eq(users.id, attempts.userId))
    .where(where)
    .orderBy(desc(attempts.id))
    .toSQL();
  return { text: query.sql, params: fillPlaceholders(query.params, values) };
}

export const REVIEW_LOG_COLUMNS = [
  'card_id',
  'review_time',
  'review_rating',
  'review_state',
  'review_duration',
  'rescheduled',
  'time_zone',
  'day_start_hour',
  'kind',
] as const;

/**
 * The FSRS optimizer's layout: times in ms, state before the review (0 New .. 3 Relearning). Then
 * what it also needs: `rescheduled` is false for practice that did not move the card (the
 * optimizer should skip those rows), and the user's time zone and day-start hour, which make its
 * days the user's days. `kind` marks reviews from mock interviews ('mock') apart from drills and practice.
 */
function reviewLogSql(userId: number): { text: string; params: unknown[] } {
  const query = qb
    .select(
      aliased({
        card_id: sql`${cards.id}`,
        review_time: sql`${attempts.gradedAt}`,
        review_rating: sql`${attempts.finalGrade}`,
        review_state: sql`${attempts.stateBefore}`,
        review_duration: sql`coalesce(${attempts.durationSeconds}, 0) * 1000`,
        rescheduled: sql`case when ${attempts.rescheduled} then 'true' else 'false' end`,
        time_zone: sql`${users.timeZone}`,
        day_start_hour: sql`${users.dayStartHour}`,
        kind: sql`${attempts.kind}`,
      }),
    )
    .from(attempts)
    .innerJoin(cards, and(eq(cards.userId, attempts.userId), eq(cards.questionId, attempts.questionId)))
    .innerJoin(users, eq(users.id, attempts.userId))
    .where(and(eq(attempts.userId, userId), isNotNull(attempts.gradedAt)))
    .orderBy(asc(attempts.gradedAt), asc(attempts.id))
    .toSQL();
  return { text: query.sql, params: query.params };
}

export function createExportRepository({ db }: { db: Db }) {
  /**
   * An export reads through a connection of its own: while a better-sqlite3 `.iterate()` is
   * open, its connection refuses writes, and a long download must not block everyone's drills.
   * WAL lets this reader see one consistent snapshot while writers go on. An in-memory database
   * (tests) cannot be opened twice, so it reads through the main connection.
   *
   * Raw better-sqlite3 on purpose (the SQL policy's one raw place outside src/db): drizzle's
   * driver has no iterator, and its `.all()`/`.values()` hold all the rows before the first byte
   * goes out, so RSS grows with the export (bench/RESULTS.md, "Drizzle vs raw"). The SQL itself is
   * built by drizzle from the same conditions as the history pages.
   */
  function reader(): { conn: Database.Database; close: () => void } {
    const main = db.$client;
    if (main.memory) return { conn: main, close: () => undefined };
    const conn = new Database(main.name, { readonly: true, fileMustExist: true });
    conn.pragma('busy_timeout = 5000');
    // better-sqlite3's 16 MB default page cache, and as much again for the ORDER BY sorter, would
    // be RSS held for the whole download; 2 MB (sqlite3's own default) reads as fast here.
    conn.pragma('cache_size = -2000');
    return { conn, close: () => conn.close() };
  }

  function cursor({ text, params }: { text: string; params: unknown[] }): Cursor {
    const { conn, close } = reader();
    let iterator: IterableIterator<Cell[]>;
    try {
      // Raw rows: arrays in column order, no object with named fields per row.
      iterator = conn
        .prepare<unknown[], Cell[]>(text)
        .raw(true)
        .iterate(...params);
    } catch (err) {
      close();
      throw err;
    }
    let closed = false;
    return {
      rows: iterator,
      close: () => {
        if (closed) return;
        closed = true;
        // Ends the statement if the download stopped early; a no-op once it is exhausted.
        iterator.return?.();
        close();
      },
    };
  }

  return {
    attempts({ scope, filter, include }: { scope: AttemptScope; filter: AttemptFilter; include: Include }): Cursor {
      return cursor(attemptExportSql({ scope, filter, include }));
    },

    reviewLog({ userId }: { userId: number }): Cursor {
      return cursor(reviewLogSql(userId));
    },
  };
}
export type ExportRepository = ReturnType<typeof createExportRepository>;
