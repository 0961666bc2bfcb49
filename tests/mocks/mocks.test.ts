import { parse } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Db } from '../../src/db/database.js';
import { MOCK_COLUMNS } from '../../src/mocks/mocks.export.js';
import { silentLogger } from '../../src/shared/logger.js';
import { createGroup, gradedAttempt, inviteCode, join, type Person, person } from '../groups/fixtures.js';
import { createTestApp, csrfFrom, rowCount } from '../helpers/app.js';

const SOLVES = 'def solve(x):\n    return x\n';

type MockRowSql = {
  id: number;
  status: string;
  started_at: number;
  ends_at: number;
  finish_reason: string | null;
  candidate_notes: string;
};
const mockRow = (db: Db, id: number) => db.$client.prepare('select * from mocks where id = ?').get(id) as MockRowSql;
const mockAttempts = (db: Db, id: number) =>
  db.$client
    .prepare(
      `select a.* from mock_questions mq join attempts a on a.id = mq.attempt_id where mq.mock_id = ? order by mq.position`,
    )
    .all(id) as {
    id: number;
    kind: string;
    drill_id: number | null;
    code: string;
    submitted_at: number | null;
    graded_at: number | null;
    cases_passed: number | null;
    cases_total: number | null;
    question_id: string;
    final_grade: number | null;
  }[];

async function startMock(p: Person, format: string) {
  const page = await p.agent.get('/mocks');
  const res = await p.agent
    .post('/mocks')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), format });
  return res;
}

async function startedMock(p: Person, format = 'loop'): Promise<number> {
  const res = await startMock(p, format);
  if (res.status !== 303) throw new Error(`mock not started: ${res.status} ${res.text.slice(0, 400)}`);
  return Number(/\/mocks\/(\d+)$/.exec(res.headers.location ?? '')?.[1]);
}

const remainingOf = (html: string) => Number(/data-remaining="(-?\d+)"/.exec(html)?.[1]);

describe('mock interviews', () => {
  it('starts a loop: two hidden questions, mock attempts outside any drill, one server clock', async () => {
    const { app, db } = createTestApp({ bank: { scripting: 4, algorithm: 6 } });
    const ann = await person(app, db, 'ann');
    const before = await ann.agent.get('/mocks');
    expect(before.status).toBe(200);
    expect(before.text).not.toContain('Scripting task');

    const id = await startedMock(ann, 'loop');
    const rows = mockAttempts(db, id);
    expect(rows.map((r) => [r.kind, r.drill_id])).toEqual([
      ['mock', null],
      ['mock', null],
    ]);
    expect(mockRow(db, id)).toMatchObject({ status: 'running' });
    expect(mockRow(db, id).ends_at - mockRow(db, id).started_at).toBe(75 * 60 * 1000);
    const page = await ann.agent.get(`/mocks/${id}`);
    expect(page.status).toBe(200);
    expect(remainingOf(page.text)).toBe(75 * 60);
    expect(page.text).toContain('role="tablist"');
    expect(page.text).not.toMatch(/Reveal hint|## Solution|return x/);
    // The day's drill is not blocked by the mock's open scripting question.
    const drill = await ann.agent.get('/drills/scripting');
    expect(drill.status).toBe(200);
    expect(drill.text).not.toContain(`data-attempt="${rows[0]?.id}"`);
    // A mock's open question cannot be reached through the drill routes (hints, submit).
    const hint = await ann.agent
      .post(`/attempts/${rows[0]?.id}/hint`)
      .type('form')
      .send({ _csrf: ann.csrf, code: 'x' });
    expect(hint.status).toBe(404);
    expect(mockAttempts(db, id)[0]?.submitted_at).toBeNull();
  });

  it('keeps the clock and the code across a refresh', async () => {
    const { app, db, clock } = createTestApp({ bank: { scripting: 4, algorithm: 6 } });
    const ann = await person(app, db, 'ann');
    const id = await startedMock(ann, 'algorithm');
    clock.advance({ minutes: 10 });
    const saved = await ann.agent
      .post(`/mocks/${id}/draft`)
      .set('accept', 'application/json')
      .type('form')
      .send({ _csrf: ann.csrf, position: '1', code: 'def solve(x):\n    # half way\n', notes: 'Hash map first.' });
    expect(saved.status).toBe(200);
    // Question 1's code saved while question 2's tab is open: no switch.
    await ann.agent
      .post(`/mocks/${id}/draft`)
      .set('accept', 'application/json')
      .type('form')
      .send({ _csrf: ann.csrf, position: '0', active: '1', code: 'def solve(x):\n    pass\n' });
    clock.advance({ seconds: 30 });
    const page = await ann.agent.get(`/mocks/${id}`);
    expect(remainingOf(page.text)).toBe(45 * 60 - 630);
    expect(page.text).toContain('# half way');
    expect(page.text).toContain('Hash map first.');
    expect(page.text).toContain('data-active="1"');
    const events = db.$client.prepare('select kind, position from mock_events where mock_id = ? order by id').all(id);
    expect(events).toEqual([
      { kind: 'start', position: 0 },
      { kind: 'switch', position: 1 },
    ]);
  });

  it('never picks a question graded in the last 7 days, and says so when too few are left', async () => {
    const { app, db, clock } = createTestApp({ bank: { scripting: 2, algorithm: 6 } });
    const ann = await person(app, db, 'ann');
    const first = await gradedAttempt(ann, clock);
    const graded = (
      db.$client.prepare('select question_id as q from attempts where id = ?').get(first) as { q: string }
    ).q;
    clock.advance({ days: 2 });
    const id = await startedMock(ann, 'scripting');
    const picked = mockAttempts(db, id).map((a) => a.question_id);
    expect(picked).not.toContain(graded);
    expect(picked.length).toBeGreaterThan(0);
    await ann.agent.post(`/mocks/${id}/finish`).type('form').send({ _csrf: ann.csrf });
    // Both scripting questions are now graded within 7 days: nothing left to pick.
    const refused = await startMock(ann, 'scripting');
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('not enough questions you have not answered in the last 7 days');
    expect(rowCount(db, 'mocks')).toBe(1);
    // A week later the first one may come back.
    clock.advance({ days: 6 });
    expect((await startMock(ann, 'scripting')).status).toBe(303);
  });

  it('refuses a second running mock with a clear 409 and creates nothing', async () => {
    const { app, db } = createTestApp({ bank: { scripting: 4, algorithm: 6 } });
    const ann = await person(app, db, 'ann');
    const id = await startedMock(ann, 'scripting');
    const attempts = rowCount(db, 'attempts');
    const second = await startMock(ann, 'algorithm');
    expect(second.status).toBe(409);
    expect(second.text).toContain('You already have a mock interview running');
    expect(second.text).toContain(`href="/mocks/${id}"`);
    expect(rowCount(db, 'mocks')).toBe(1);
    expect(rowCount(db, 'attempts')).toBe(attempts);
  });

  it('refuses bad input with a 4xx and changes nothing', async () => {
    const { app, db } = createTestApp({ bank: { scripting: 4, algorithm: 6 } });
    const ann = await person(app, db, 'ann');
    const bob = await person(app, db, 'bob');
    for (const format of ['bogus', '', 'LOOP']) {
      const res = await startMock(ann, format);
      expect(res.status).toBe(400);
      expect(res.text).toContain('pick a format');
    }
    expect(rowCount(db, 'mocks')).toBe(0);

    const id = await startedMock(ann, 'loop');
    const codeBefore = mockAttempts(db, id).map((a) => a.code);
    // Another user's mock: not found, whatever the route.
    expect((await bob.agent.get(`/mocks/${id}`)).status).toBe(404);
    expect((await bob.agent.get(`/mocks/${id}/scorecard`)).status).toBe(404);
    const stolen = await bob.agent
      .post(`/mocks/${id}/draft`)
      .type('form')
      .send({ _csrf: bob.csrf, position: '0', code: 'pwned' });
    expect(stolen.status).toBe(404);
    const stolenSubmit = await bob.agent
      .post(`/mocks/${id}/questions/0/submit`)
      .type('form')
      .send({ _csrf: bob.csrf, code: 'pwned', outcome: 'solved' });
    expect(stolenSubmit.status).toBe(404);
    expect((await bob.agent.post(`/mocks/${id}/finish`).type('form').send({ _csrf: bob.csrf })).status).toBe(404);
    // Huge notes, huge code, a position that does not exist, a non-numeric id.
    const huge = await ann.agent
      .post(`/mocks/${id}/draft`)
      .type('form')
      .send({ _csrf: ann.csrf, position: '0', code: 'x', notes: 'n'.repeat(20_001) });
    expect(huge.status).toBe(400);
    expect(huge.text).toContain('notes can be at most 20000 characters');
    const hugeCode = await ann.agent
      .post(`/mocks/${id}/draft`)
      .type('form')
      .send({ _csrf: ann.csrf, position: '0', code: 'x'.repeat(100_001) });
    expect(hugeCode.status).toBe(400);
    const noSuchQuestion = await ann.agent
      .post(`/mocks/${id}/draft`)
      .type('form')
      .send({ _csrf: ann.csrf, position: '5', code: 'x' });
    expect(noSuchQuestion.status).toBe(404);
    expect((await ann.agent.get('/mocks/abc')).status).toBe(400);
    expect(mockAttempts(db, id).map((a) => a.code)).toEqual(codeBefore);
    expect(mockRow(db, id).candidate_notes).toBe('');
    // The scorecard opens only when the round has ended.
    expect((await ann.agent.get(`/mocks/${id}/scorecard`)).status).toBe(409);
  });

  it('submits everything as it stands when time runs out, loses nothing, and grades each answer as a review', async () => {
    const { app, db, clock } = createTestApp({ bank: { scripting: 4, algorithm: 6 }, runner: 'bare' });
    const ann = await person(app, db, 'ann');
    const id = await startedMock(ann, 'loop');
    const [first, second] = mockAttempts(db, id);
    // A run that fails, then one that passes, on the first question; it is submitted.
    const failing = await ann.agent
      .post(`/mocks/${id}/questions/0/run`)
      .set('accept', 'application/json')
      .type('form')
      .send({ _csrf: ann.csrf, code: 'def solve(x):\n    return 0\n' });
    expect(failing.body.run).toMatchObject({ passed: 0 });
    const passing = await ann.agent
      .post(`/mocks/${id}/questions/0/run`)
      .set('accept', 'application/json')
      .type('form')
      .send({ _csrf: ann.csrf, code: SOLVES });
    expect(passing.body.run.passed).toBe(passing.body.run.total);
    clock.advance({ minutes: 20 });
    const submitted = await ann.agent
      .post(`/mocks/${id}/questions/0/submit`)
      .type('form')
      .send({ _csrf: ann.csrf, code: SOLVES });
    expect(submitted.status).toBe(303);
    expect(submitted.headers.location).toBe(`/mocks/${id}`);
    // The second question is only typed, never submitted: the last autosave is what counts.
    const typed = 'def solve(x):\n    return x  # typed, never submitted\n';
    clock.advance({ minutes: 40 });
    await ann.agent
      .post(`/mocks/${id}/draft`)
      .type('form')
      .send({ _csrf: ann.csrf, position: '1', code: typed, notes: 'Talked through the edge cases.' });
    clock.advance({ minutes: 16 });

    const page = await ann.agent.get(`/mocks/${id}`);
    expect(page.status).toBe(302);
    expect(page.headers.location).toBe(`/mocks/${id}/scorecard`);
    const rows = mockAttempts(db, id);
    expect(rows[0]).toMatchObject({ id: first?.id, code: SOLVES, cases_passed: 1, cases_total: 1 });
    expect(rows[1]).toMatchObject({ id: second?.id, code: typed, cases_passed: 1, cases_total: 1 });
    const row = mockRow(db, id);
    expect(row).toMatchObject({
      status: 'finished',
      finish_reason: 'timeout',
      candidate_notes: 'Talked through the edge cases.',
    });
    // The auto-submitted answer is stamped at the end of the clock, not when it was noticed.
    expect(rows[1]?.submitted_at).toBe(row.ends_at);
    for (const a of rows) expect(a.graded_at).not.toBeNull();
    const cards = db.$client
      .prepare(`select question_id from cards where question_id in (?, ?) order by question_id`)
      .all(rows[0]?.question_id, rows[1]?.question_id);
    expect(cards).toHaveLength(2);
    const kinds = db.$client
      .prepare('select kind from mock_events where mock_id = ? order by id')
      .all(id)
      .map((e) => (e as { kind: string }).kind);
    expect(kinds).toEqual(['start', 'run', 'run', 'submit', 'switch', 'timeout', 'submit', 'finish']);

    // Nothing more can be written to it.
    const late = await ann.agent
      .post(`/mocks/${id}/draft`)
      .type('form')
      .send({ _csrf: ann.csrf, position: '1', code: 'too late' });
    expect(late.status).toBe(409);
    expect(mockAttempts(db, id)[1]?.code).toBe(typed);

    // The review log marks these reviews as mock ones.
    const log = parse((await ann.agent.get('/me/review-log.csv')).text, { bom: true }) as string[][];
    const kindAt = log[0]?.indexOf('kind') ?? -1;
    expect(log.slice(1).map((r) => r[kindAt])).toEqual(['mock', 'mock']);

    const card = await ann.agent.get(`/mocks/${id}/scorecard`);
    expect(card.status).toBe(200);
    expect(card.text).toContain('submitted when time ran out');
    // Runs before the first pass on question 1: one failing run.
    expect(card.text).toMatch(/<td>1 <span class="muted small">\(2 runs\)<\/span><\/td>/);
  });

  it('finishes expired running mocks at startup, without a request', async () => {
    const { app, db, clock, config, catalog } = createTestApp({ bank: { scripting: 4, algorithm: 6 } });
    const ann = await person(app, db, 'ann');
    const id = await startedMock(ann, 'scripting');
    await ann.agent
      .post(`/mocks/${id}/draft`)
      .type('form')
      .send({ _csrf: ann.csrf, position: '0', code: 'print("kept")' });
    clock.advance({ minutes: 50 });
    // A restarted server: the same database, a timer that sweeps once at startup.
    createApp({ db, clock, config, catalog, logger: silentLogger, mockSweepMs: 3_600_000 });
    await vi.waitFor(() => expect(mockRow(db, id).status).toBe('finished'));
    await vi.waitFor(() => expect(mockAttempts(db, id)[0]?.graded_at).not.toBeNull());
    expect(mockAttempts(db, id)[0]?.code).toBe('print("kept")');
  });

  it('keeps the candidate rubric in range and shows what each level means', async () => {
    const { app, db } = createTestApp({ bank: { scripting: 4, algorithm: 6 } });
    const ann = await person(app, db, 'ann');
    const id = await startedMock(ann, 'scripting');
    await ann.agent.post(`/mocks/${id}/finish`).type('form').send({ _csrf: ann.csrf });
    const page = await ann.agent.get(`/mocks/${id}/scorecard`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Clarified inputs, outputs and edge cases before coding');
    const good = {
      understanding: '3',
      correctness: '2',
      complexity: '3',
      quality: '4',
      testing: '1',
      communication: '3',
      wouldAdvance: 'no',
      summary: 'Slow start.',
    };
    for (const bad of [
      { testing: '5' },
      { testing: '0' },
      { quality: 'abc' },
      { wouldAdvance: 'maybe' },
      { summary: 's'.repeat(2001) },
    ]) {
      const res = await ann.agent
        .post(`/mocks/${id}/scorecard`)
        .type('form')
        .send({ _csrf: ann.csrf, ...good, ...bad });
      expect(res.status).toBe(400);
      // What was typed comes back.
      expect(res.text).toContain('summary' in bad ? 's'.repeat(2000) : 'Slow start.');
    }
    expect(rowCount(db, 'mock_scorecards')).toBe(0);
    const saved = await ann.agent
      .post(`/mocks/${id}/scorecard`)
      .type('form')
      .send({ _csrf: ann.csrf, ...good });
    expect(saved.status).toBe(303);
    expect(db.$client.prepare('select role, scores, would_advance from mock_scorecards').get()).toEqual({
      role: 'candidate',
      scores: JSON.stringify({
        understanding: 3,
        correctness: 2,
        complexity: 3,
        quality: 4,
        testing: 1,
        communication: 3,
      }),
      would_advance: 0,
    });
    const list = await ann.agent.get('/mocks');
    expect(list.text).toContain('2.7 / 4 · no advance');
    // Stats: the rubric over time, as a chart and as a table of every dimension.
    const stats = await ann.agent.get('/stats');
    expect(stats.text).toContain('Mock interview rubric over time');
    expect(stats.text).toMatch(
      /<td>You<\/td><td>3<\/td><td>2<\/td><td>3<\/td><td>4<\/td><td>1<\/td><td>3<\/td><td>2.7<\/td>/,
    );
    expect(stats.text).toContain('<title>Yours: 2.7</title>');
  });

  it('exports one CSV row per mock question, to the candidate and to the group coaches only', async () => {
    const { app, db, clock } = createTestApp({ bank: { scripting: 4, algorithm: 6 } });
    const coach = await person(app, db, 'coach');
    const ann = await person(app, db, 'ann');
    const eve = await person(app, db, 'eve');
    const groupId = await createGroup(coach);
    expect((await join(ann, inviteCode(db, groupId))).status).toBe(303);
    const id = await startedMock(ann, 'loop');
    clock.advance({ minutes: 80 });
    await ann.agent.get(`/mocks/${id}`);
    await ann.agent.post(`/mocks/${id}/scorecard`).type('form').send({
      _csrf: ann.csrf,
      understanding: '2',
      correctness: '2',
      complexity: '2',
      quality: '2',
      testing: '2',
      communication: '4',
      wouldAdvance: 'yes',
    });

    const own = await ann.agent.get('/me/mocks.csv');
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toContain('text/csv');
    const rows = parse(own.text, { bom: true }) as string[][];
    expect(rows[0]).toEqual([...MOCK_COLUMNS]);
    expect(rows).toHaveLength(3);
    const header = rows[0] ?? [];
    const cell = (r: string[] | undefined, name: string) => r?.[header.indexOf(name)];
    expect(cell(rows[1], 'format')).toBe('loop');
    expect(cell(rows[1], 'finish_reason')).toBe('timeout');
    expect(cell(rows[1], 'auto_submitted')).toBe('true');
    expect(cell(rows[2], 'candidate_communication')).toBe('4');
    expect(cell(rows[2], 'candidate_would_advance')).toBe('true');
    expect(cell(rows[2], 'coach_would_advance')).toBe('');

    const group = await coach.agent.get(`/groups/${groupId}/mocks.csv`);
    expect(group.status).toBe(200);
    const groupRows = parse(group.text, { bom: true }) as string[][];
    expect(groupRows).toHaveLength(3);
    expect(cell(groupRows[1], 'username')).toBe('ann');
    // Not a coach of the group: a member, an outsider, anonymous.
    expect((await ann.agent.get(`/groups/${groupId}/mocks.csv`)).status).toBe(404);
    expect((await eve.agent.get(`/groups/${groupId}/mocks.csv`)).status).toBe(404);
    const anonymous = await (await import('supertest')).default(app).get(`/groups/${groupId}/mocks.csv`);
    expect([302, 401]).toContain(anonymous.status);
    // Eve's own export holds nothing of Ann's.
    const eves = parse((await eve.agent.get('/me/mocks.csv')).text, { bom: true }) as string[][];
    expect(eves).toHaveLength(1);
  });
});
