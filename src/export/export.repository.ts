import Database from 'better-sqlite3';
import { type AttemptFilter, type AttemptScope, filterSql } from '../attempts/attempt-query.js';
import type { Db } from '../db/database.js';
import type { Cell } from './csv.js';

export type Cursor = { rows: Iterable<Cell[]>; close: () => void };
export type Include = { code: boolean; notes: boolean };

const bool = (expr: string) => `case when ${expr} then 'true' else 'false' end`;

/**
 * Each CSV column and the SQL that yields its cell exactly as written, so rows stream out as
 * arrays with no per-row work in JS (building an object per row was the export's largest cost).
 * strftime's %f matches toISOString() to the millisecond (checked on millions of instants).
 * json_each walks the topics array in order; topics are always a JSON array of strings (bank sync).
 */
const ATTEMPT_FIELDS = [
  ['attempt_id', 'a.id'],
  ['submitted_at', `strftime('%Y-%m-%dT%H:%M:%fZ', coalesce(a.submitted_at, a.served_at) / 1000.0, 'unixepoch')`],
  ['local_date', 'a.local_day'],
  ['username', 'u.username'],
  ['track', 'a.track'],
  ['question_id', 'a.question_id'],
  ['title', 'q.title'],
  ['difficulty', 'q.difficulty'],
  ['topics', `(select group_concat(t.value, '; ') from json_each(q.topics) t)`],
  ['outcome', 'a.outcome'],
  ['suggested_grade', 'a.suggested_grade'],
  ['final_grade', 'a.final_grade'],
  ['duration_seconds', 'a.duration_seconds'],
  ['budget_seconds', 'a.budget_seconds'],
  ['overtime', bool('a.overtime = 1')],
  ['hints_used', 'a.hints_used'],
  ['has_feedback', bool('exists (select 1 from feedback f where f.attempt_id = a.id)')],
  // drill, practice or mock (one question of a mock interview; mock_id links it to its round).
  ['kind', 'a.kind'],
  ['mock_id', 'a.mock_id'],
] as const;
const OPTIONAL_FIELDS = [
  ['code', 'a.code'],
  ['notes', 'a.notes'],
] as const;

export const ATTEMPT_COLUMNS = ATTEMPT_FIELDS.map(([name]) => name);

/** The columns of an attempts export, in file order. */
export function attemptColumns(include: Include): string[] {
  return [...ATTEMPT_COLUMNS, ...OPTIONAL_FIELDS.filter(([name]) => include[name]).map(([name]) => name)];
}

/**
 * The export's whole query: the history filters (shared with the history pages), newest first.
 * The benchmark runs this same text through `sqlite3 -csv` as its baseline.
 */
export function attemptExportSql({
  scope,
  filter,
  include,
}: {
  scope: AttemptScope;
  filter: AttemptFilter;
  include: Include;
}): { text: string; params: (string | number)[] } {
  const { where, params } = filterSql(scope, filter);
  const fields = [...ATTEMPT_FIELDS, ...OPTIONAL_FIELDS.filter(([name]) => include[name])];
  const select = fields.map(([name, expr]) => `${expr} as ${name}`).join(', ');
  return {
    text: `select ${select} from attempts a join questions q on q.id = a.question_id join users u on u.id = a.user_id where ${where} order by a.id desc`,
    params,
  };
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
const REVIEW_LOG_SQL = `select c.id as card_id, a.graded_at as review_time, a.final_grade as review_rating, a.state_before as review_state,
    coalesce(a.duration_seconds, 0) * 1000 as review_duration,
    case when a.rescheduled then 'true' else 'false' end as rescheduled,
    u.time_zone as time_zone, u.day_start_hour as day_start_hour, a.kind as kind
   from attempts a join cards c on c.user_id = a.user_id and c.question_id = a.question_id
   join users u on u.id = a.user_id
  where a.user_id = ? and a.graded_at is not null order by a.graded_at, a.id`;

export function createExportRepository({ db }: { db: Db }) {
  /**
   * An export reads through a connection of its own: while a better-sqlite3 `.iterate()` is
   * open, its connection refuses writes, and a long download must not block everyone's drills.
   * WAL lets this reader see one consistent snapshot while writers go on. An in-memory database
   * (tests) cannot be opened twice, so it reads through the main connection.
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

  function cursor(text: string, params: (string | number)[]): Cursor {
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
      const { text, params } = attemptExportSql({ scope, filter, include });
      return cursor(text, params);
    },

    reviewLog({ userId }: { userId: number }): Cursor {
      return cursor(REVIEW_LOG_SQL, [userId]);
    },
  };
}
export type ExportRepository = ReturnType<typeof createExportRepository>;
