import Database from 'better-sqlite3';
import type { AttemptFilter, AttemptListRow, AttemptQuery, AttemptScope } from '../attempts/attempt-query.js';
import type { Db } from '../db/database.js';

export type ReviewLogRow = { cardId: number; reviewTime: number; rating: number; state: number; durationSeconds: number | null };
export type Cursor<T> = { rows: Iterable<T>; close: () => void };

const REVIEW_LOG_SQL = `select c.id as cardId, a.graded_at as reviewTime, a.final_grade as rating, a.state_before as state, a.duration_seconds as durationSeconds
   from attempts a join cards c on c.user_id = a.user_id and c.question_id = a.question_id
  where a.user_id = ? and a.graded_at is not null order by a.graded_at, a.id`;

export function createExportRepository({ db, attemptQuery }: { db: Db; attemptQuery: AttemptQuery }) {
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
    return { conn, close: () => conn.close() };
  }

  function cursor<T>(text: string, params: (string | number)[]): Cursor<T> {
    const { conn, close } = reader();
    const iterator = conn.prepare<unknown[], T>(text).iterate(...params);
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
    attempts({ scope, filter }: { scope: AttemptScope; filter: AttemptFilter }): Cursor<AttemptListRow> {
      const { text, params } = attemptQuery.exportSql({ scope, filter });
      return cursor<AttemptListRow>(text, params);
    },

    reviewLog({ userId }: { userId: number }): Cursor<ReviewLogRow> {
      return cursor<ReviewLogRow>(REVIEW_LOG_SQL, [userId]);
    },
  };
}
export type ExportRepository = ReturnType<typeof createExportRepository>;
