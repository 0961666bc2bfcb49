import fs from 'node:fs';
import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrateDatabase, openDatabase } from '../../src/db/database.js';
import { tempDir } from '../helpers/tmp.js';

/** migrations/ as it was before the mocks: 0000..0006. */
function migrationsBeforeMocks(): string {
  const dir = path.join(tempDir('mig'), 'migrations');
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= 6);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

describe('the mocks migrations', () => {
  it('rebuild attempts without losing its runs, feedback or the drill link', () => {
    const db = openDatabase(':memory:');
    migrate(db, { migrationsFolder: migrationsBeforeMocks() });
    const c = db.$client;
    c.exec(`
      insert into users (id, username, password_hash, created_at) values (1, 'ann', 'x', 0);
      insert into questions (id, track, title, difficulty, topics, priority, hints, prompt_md, examples_md, approach_md, solution, meta, content_hash, updated_at)
        values ('q1', 'scripting', 'Q', 'Easy', '[]', 1, '[]', '', '', '', '', '{}', 'h', 0);
      insert into drills (id, user_id, track, local_day, started_at) values (7, 1, 'scripting', '2026-03-02', 0);
      insert into attempts (id, user_id, question_id, track, drill_id, served_at, deadline_at, budget_seconds, code, hint_revealed_at)
        values (3, 1, 'q1', 'scripting', 7, 0, 1, 60, 'print(1)', '[]');
      insert into runs (attempt_id, user_id, scope, code, passed, total, results, duration_ms, created_at)
        values (3, 1, 'examples', 'print(1)', 1, 2, '[]', 5, 0);
    `);

    migrateDatabase(db);

    expect(c.prepare('select count(*) as n from runs where attempt_id = 3').get()).toEqual({ n: 1 });
    expect(c.prepare('select drill_id, kind, mock_id, code from attempts where id = 3').get()).toEqual({
      drill_id: 7,
      kind: 'drill',
      mock_id: null,
      code: 'print(1)',
    });
    expect(c.pragma('foreign_keys', { simple: true })).toBe(1);
    // A mock attempt has no drill, and does not take the track's one open drill attempt.
    c.exec(`
      insert into mocks (id, user_id, format, status, question_choice, duration_seconds, created_at)
        values (1, 1, 'scripting', 'running', 'scheduler', 2700, 0);
      insert into attempts (user_id, question_id, track, kind, mock_id, served_at, deadline_at, budget_seconds, hint_revealed_at)
        values (1, 'q1', 'scripting', 'mock', 1, 0, 1, 60, '[]');
    `);
    expect(c.prepare('select count(*) as n from attempts where graded_at is null').get()).toEqual({ n: 2 });
    // Still one running mock per user.
    expect(() =>
      c.exec(`insert into mocks (user_id, format, status, question_choice, duration_seconds, created_at)
        values (1, 'loop', 'running', 'scheduler', 4500, 0)`),
    ).toThrow(/UNIQUE/);
  });
});
