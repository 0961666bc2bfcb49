import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../src/db/database.js';
import { bankProgress, prepareBank } from '../../src/questions/bank.sync.js';
import { createFixedClock } from '../../src/shared/clock.js';
import { writeFixtureBank } from '../helpers/bank.js';

describe('bank sync progress', () => {
  it('prints a line at each quarter of the files, quietly when no log is given', () => {
    const dir = writeFixtureBank({ scripting: 6, algorithm: 6 });
    const clock = createFixedClock('2026-03-02T10:00:00Z');
    const lines: string[] = [];
    const db = openDatabase(':memory:');
    migrateDatabase(db);
    try {
      const { catalog } = prepareBank({ db, questionsDir: dir, clock, log: (l) => lines.push(l), elapsedMs: () => 0 });
      expect(catalog.all()).toHaveLength(12);
      expect(lines).toEqual([
        'syncing question bank: 3/12',
        'syncing question bank: 6/12',
        'syncing question bank: 9/12',
        'syncing question bank: 12/12',
      ]);
      // Without a log (as in tests and scripts) nothing is printed and nothing fails.
      const quiet = openDatabase(':memory:');
      migrateDatabase(quiet);
      expect(prepareBank({ db: quiet, questionsDir: dir, clock }).sync.added).toBe(12);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('also prints once a second on a slow start, and never more often', () => {
    const lines: { at: number; line: string }[] = [];
    let ms = 0;
    const progress = bankProgress({ log: (line) => lines.push({ at: ms, line }), elapsedMs: () => ms });
    for (let done = 1; done <= 349; done++) {
      ms += 50; // 50 ms a file: about 17 s in all
      progress?.(done, 349);
    }
    const quarters = ['88/349', '175/349', '262/349', '349/349'].map((n) => `syncing question bank: ${n}`);
    for (const q of quarters) expect(lines.map((l) => l.line)).toContain(q);
    // Between quarters, a line after each second without one, never two within a second.
    for (const [i, l] of lines.entries()) {
      if (i === 0 || quarters.includes(l.line)) continue;
      expect(l.at - (lines[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    }
    expect(lines.length).toBeGreaterThanOrEqual(17);
    expect(lines.length).toBeLessThanOrEqual(21);
    expect(bankProgress({})).toBeUndefined();
  });
});
