import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ATTEMPT_COLUMNS } from '../../src/export/export.service.js';
import { createGroup, gradedAttempt, inviteCode, join, person } from '../groups/fixtures.js';
import { createTestApp } from '../helpers/app.js';

// The runner's test results stored on each attempt, in both attempts exports.

describe('test results in the CSV exports', () => {
  it('gives cases_passed and cases_total of each attempt in the own and the group export', async () => {
    const { app, db, clock } = createTestApp({
      start: '2026-03-02T10:00:00Z',
      bank: { scripting: 0, algorithm: 0, copy: ['scripting/access-log-top-ips'] },
      runner: 'bare',
    });
    const coach = await person(app, db, 'coach');
    const member = await person(app, db, 'member');
    const groupId = await createGroup(coach);
    await join(member, inviteCode(db, groupId));
    // Prints the header only: right where a file is empty, wrong everywhere else.
    const id = await gradedAttempt(member, clock, {
      code: 'import sys\nprint(f"top {sys.argv[2]} clients:")\nprint("status codes:")\nprint("malformed lines: 0")\n',
    });
    const stored = db.$client.prepare('select cases_passed, cases_total from attempts where id = ?').get(id) as {
      cases_passed: number;
      cases_total: number;
    };
    expect(stored.cases_passed).toBeGreaterThan(0);
    expect(stored.cases_passed).toBeLessThan(stored.cases_total);

    const header = [...ATTEMPT_COLUMNS];
    expect(header.slice(header.indexOf('outcome'), header.indexOf('outcome') + 3)).toEqual([
      'outcome',
      'cases_passed',
      'cases_total',
    ]);
    for (const [who, url] of [
      [member, '/me/attempts.csv'],
      [coach, `/groups/${groupId}/attempts.csv`],
      [coach, `/groups/${groupId}/attempts.csv?member=${member.id}`],
    ] as const) {
      const res = await who.agent.get(url);
      expect(res.status, url).toBe(200);
      const [head, ...rows] = parse(res.text) as string[][];
      expect(head, url).toEqual(header);
      expect(rows, url).toHaveLength(1);
      const cell = (name: string) => rows[0]?.[header.indexOf(name)];
      expect(cell('attempt_id')).toBe(String(id));
      expect(cell('cases_passed'), url).toBe(String(stored.cases_passed));
      expect(cell('cases_total'), url).toBe(String(stored.cases_total));
    }
  });
});
