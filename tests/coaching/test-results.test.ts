import { describe, expect, it } from 'vitest';
import { createGroup, gradedAttempt, inviteCode, join, person } from '../groups/fixtures.js';
import { createTestApp } from '../helpers/app.js';

describe("the coach's view of an attempt", () => {
  it('shows the test results next to the submitted code', async () => {
    const { app, db, clock } = createTestApp({
      start: '2026-03-02T10:00:00Z',
      bank: { scripting: 0, algorithm: 0, copy: ['scripting/access-log-top-ips'] },
      runner: 'bare',
    });
    const coach = await person(app, db, 'coach');
    const member = await person(app, db, 'member');
    const groupId = await createGroup(coach);
    const code = inviteCode(db, groupId);
    await join(member, code);
    // Prints the header only: right where a file is empty, wrong everywhere else.
    const id = await gradedAttempt(member, clock, {
      code: 'import sys\nprint(f"top {sys.argv[2]} clients:")\nprint("status codes:")\nprint("malformed lines: 0")\n',
    });
    const { cases_passed: passed, cases_total: total } = db.$client
      .prepare('select cases_passed, cases_total from attempts where id = ?')
      .get(id) as { cases_passed: number; cases_total: number };
    expect(passed).toBeGreaterThan(0);
    expect(passed).toBeLessThan(total);
    const page = await coach.agent.get(`/groups/${groupId}/attempts/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`${passed} of ${total} cases passed`);
    expect(page.text).toContain('empty file');
    expect(page.text).toMatch(/✗ Failed<\/span> basic/);
  });
});
