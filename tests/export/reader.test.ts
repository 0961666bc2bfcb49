import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../src/db/database.js';
import { ATTEMPT_COLUMNS, createExportRepository } from '../../src/export/export.repository.js';
import { tempDir } from '../helpers/tmp.js';

describe('export reader', () => {
  it('reads a file database through its own connection, so writes go on during a long download', () => {
    const file = path.join(tempDir('export'), 'db.sqlite');
    const db = openDatabase(file);
    migrateDatabase(db);
    const c = db.$client;
    c.prepare(`insert into users (username, password_hash, created_at) values ('u', 'x', 0)`).run();
    c.prepare(`insert into questions (id, track, title, difficulty, topics, priority, hints, prompt_md, examples_md, approach_md, solution, meta, content_hash, updated_at)
      values ('q', 'scripting', 'Q', 'Easy', '["logs"]', 1, '[]', '', '', '', '', '{}', 'h', 0)`).run();
    c.prepare(
      `insert into drills (user_id, track, local_day, started_at) values (1, 'scripting', '2026-03-02', 0)`,
    ).run();
    const insert =
      c.prepare(`insert into attempts (user_id, question_id, track, drill_id, served_at, deadline_at, budget_seconds, hint_revealed_at, submitted_at,
      duration_seconds, overtime, outcome, suggested_grade, final_grade, graded_at, local_day, state_before) values (1, 'q', 'scripting', 1, ?, 0, 60, '[]', ?, 5, 0, 'solved', 3, 3, ?, '2026-03-02', 0)`);
    c.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run(i, i, i);
    })();

    const repo = createExportRepository({ db });
    const include = { code: false, notes: false };
    const cursor = repo.attempts({ scope: { userId: 1 }, filter: { page: 1 }, include });
    const it = cursor.rows[Symbol.iterator]();
    const first = it.next().value;
    expect(first?.[ATTEMPT_COLUMNS.indexOf('username')]).toBe('u');
    expect(first?.[ATTEMPT_COLUMNS.indexOf('title')]).toBe('Q');
    // Mid-download, the app's own connection can still write (it could not if the export held it).
    expect(() => c.prepare(`update users set time_zone = 'Europe/Berlin' where id = 1`).run()).not.toThrow();
    let n = 1;
    while (!it.next().done) n++;
    expect(n).toBe(500);
    cursor.close();
    // Stopping early releases the reader too.
    const early = repo.attempts({ scope: { userId: 1 }, filter: { page: 1 }, include });
    early.rows[Symbol.iterator]().next();
    early.close();
    expect(() => c.prepare('delete from attempts where id = 1').run()).not.toThrow();
    db.$client.close();
  });
});
