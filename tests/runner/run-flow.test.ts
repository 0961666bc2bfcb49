import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQuestionFile } from '../../src/questions/bank.loader.js';
import { attemptIdFrom, createTestApp, csrfFrom, rowCount, signUp, startDrill } from '../helpers/app.js';
import { REPO_DIR } from '../helpers/server-process.js';

const twoSum = readQuestionFile(path.join(REPO_DIR, 'questions'), 'algorithm', 'two-sum');
// Right on the examples (the cases marked example: true) only.
const WRONG_ON_HIDDEN =
  'def two_sum(nums, target):\n    return {(2, 7, 11, 15): [0, 1], (3, 2, 4): [1, 2], (3, 3): [0, 1]}.get(tuple(nums), [1, 2])\n';
const TOTAL = twoSum.harness.cases.length;
const EXAMPLES = twoSum.harness.cases.filter((c) => 'example' in c && c.example).length;

type RunJson = {
  run: {
    passed: number;
    total: number;
    scope: string;
    cases: { name: string; visible: boolean; verdict: string; input?: string; expected?: string; actual?: string }[];
  };
};

/** An app whose bank is two-sum only, a signed-in candidate and the open attempt. */
async function open(runner: 'sandbox' | 'bare' | 'off' = 'sandbox', config = {}) {
  const ctx = createTestApp({
    // A Monday, so the algorithm track serves new questions.
    start: '2026-03-02T10:00:00Z',
    bank: { scripting: 1, algorithm: 0, copy: ['algorithm/two-sum'] },
    runner,
    config,
  });
  const { agent } = await signUp(ctx.app);
  const page = await startDrill(agent, 'algorithm');
  expect(page.status).toBe(200);
  return { ...ctx, agent, page: page.text, id: attemptIdFrom(page.text), csrf: csrfFrom(page.text) };
}

describe('running the candidate’s code', () => {
  it('runs the examples in the sandbox and answers JSON or the drill page', async () => {
    const { agent, id, csrf, db, page } = await open();
    expect(page).toContain('Run examples');
    expect(page).not.toContain('name="outcome"');
    const empty = await agent
      .post(`/attempts/${id}/run`)
      .set('accept', 'application/json')
      .type('form')
      .send({ _csrf: csrf, code: '', scope: 'examples' });
    expect(empty.status).toBe(200);
    const emptyRun = (empty.body as RunJson).run;
    expect(emptyRun).toMatchObject({ scope: 'examples', passed: 0, total: EXAMPLES });
    expect(emptyRun.cases[0]).toMatchObject({ visible: true, verdict: 'error', input: 'two_sum([2, 7, 11, 15], 9)' });

    const good = await agent
      .post(`/attempts/${id}/run`)
      .set('accept', 'application/json')
      .type('form')
      .send({ _csrf: csrf, code: twoSum?.solution, scope: 'examples' });
    expect((good.body as RunJson).run).toMatchObject({ passed: EXAMPLES, total: EXAMPLES });
    // The code was kept as the draft, and every run is on record.
    expect(db.$client.prepare('select code from attempts where id = ?').get(id)).toEqual({ code: twoSum?.solution });
    expect(rowCount(db, 'runs')).toBe(2);

    // Without JavaScript: a form post, then the drill page with the results.
    const plain = await agent
      .post(`/attempts/${id}/run`)
      .type('form')
      .send({ _csrf: csrf, code: 'def two_sum(nums, target):\n    return [9, 9]\n', scope: 'examples' });
    expect(plain.status).toBe(303);
    expect(plain.headers.location).toBe('/drills/algorithm#run-results');
    const after = await agent.get('/drills/algorithm');
    expect(after.text).toContain(`0 of ${EXAMPLES} examples passed`);
    expect(after.text).toContain('[9, 9]');
  });

  it('submits through every case: the outcome and the suggested grade come from the tests', async () => {
    const { agent, id, csrf, db, clock } = await open();
    clock.advance({ minutes: 12 });
    const res = await agent
      .post(`/attempts/${id}/submit`)
      .type('form')
      .send({ _csrf: csrf, code: WRONG_ON_HIDDEN, outcome: 'solved' });
    expect(res.status).toBe(303);
    const row = db.$client
      .prepare(
        'select outcome, cases_passed, cases_total, case_results, grade_reason, suggested_grade from attempts where id = ?',
      )
      .get(id) as Record<string, unknown>;
    const total = TOTAL;
    // The self-reported "solved" is ignored: the tests decide.
    expect(row).toMatchObject({ outcome: 'partial', cases_passed: EXAMPLES, cases_total: total, suggested_grade: 2 });
    expect(row.grade_reason).toBe(`${EXAMPLES}/${total} cases in 12 of 20 min, no hints -> Hard`);
    expect((JSON.parse(row.case_results as string) as { verdict: string }[]).map((c) => c.verdict)).toEqual([
      ...Array(EXAMPLES).fill('passed'),
      ...Array(TOTAL - EXAMPLES).fill('failed'),
    ]);
    // After submit the first failing hidden case is shown in full; the others only by verdict.
    const gradePage = await agent.get(`/attempts/${id}`);
    expect(gradePage.text).toContain(`${EXAMPLES} of ${TOTAL} cases passed`);
    expect(gradePage.text).toContain('two_sum([-4, 8, 0, 5, -1], -5)');
    expect(gradePage.text).not.toContain('two_sum([0, 4, 3, 0], 0)');
    // The override is recorded with its reason.
    await agent
      .post(`/attempts/${id}/grade`)
      .type('form')
      .send({ _csrf: csrf, grade: '3', overrideReason: 'the hidden case was a typo' });
    expect(db.$client.prepare('select final_grade, override_reason from attempts where id = ?').get(id)).toEqual({
      final_grade: 3,
      override_reason: 'the hidden case was a typo',
    });
  });

  it('gives the reference solution every case and an empty answer none', async () => {
    for (const [code, passed, outcome] of [
      [twoSum.solution, TOTAL, 'solved'],
      ['', 0, 'failed'],
    ] as const) {
      const { agent, id, csrf, db } = await open('bare');
      await agent.post(`/attempts/${id}/submit`).type('form').send({ _csrf: csrf, code });
      expect(
        db.$client.prepare('select outcome, cases_passed, cases_total from attempts where id = ?').get(id),
      ).toEqual({
        outcome,
        cases_passed: passed,
        cases_total: TOTAL,
      });
    }
  });

  it('a double click submits once and runs the cases once', async () => {
    const { agent, id, csrf, db } = await open('bare');
    const send = () => agent.post(`/attempts/${id}/submit`).type('form').send({ _csrf: csrf, code: twoSum?.solution });
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(rowCount(db, 'runs')).toBe(1);
    expect(db.$client.prepare('select count(*) as n from attempts where submitted_at is not null').get()).toEqual({
      n: 1,
    });
  });

  it('answers 503 with Retry-After when the queue is full, and keeps the code', async () => {
    const { agent, id, csrf, db, app, clock, runQueue } = await open('bare', {
      runner: {
        mode: 'bwrap',
        workers: 1,
        maxWaiting: 0,
        runsPerMinute: 100,
        memoryMb: 512,
        python: '/usr/bin/python3',
      },
    });
    // A second candidate occupies the only worker with a slow run.
    const other = await signUp(app, 'bob');
    const otherPage = await startDrill(other.agent, 'algorithm');
    const slow = other.agent
      .post(`/attempts/${attemptIdFrom(otherPage.text)}/run`)
      .set('accept', 'application/json')
      .type('form')
      .send({
        _csrf: csrfFrom(otherPage.text),
        code: 'import time\ndef two_sum(nums, target):\n    time.sleep(1.5)\n',
      })
      // supertest sends on then(): start it now.
      .then((r) => r);
    // Wait until the worker is taken (a readiness signal, not a sleep).
    while (runQueue?.stats().busy !== 1) await new Promise((r) => setTimeout(r, 10));
    const busy = await agent
      .post(`/attempts/${id}/run`)
      .set('accept', 'application/json')
      .type('form')
      .send({ _csrf: csrf, code: '# my work in progress\n' });
    expect(busy.status).toBe(503);
    expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
    expect(busy.body).toMatchObject({ error: { code: 'runner.busy' } });
    expect(db.$client.prepare('select code from attempts where id = ?').get(id)).toEqual({
      code: '# my work in progress\n',
    });
    // The page (no JS) says so and keeps what was typed.
    const page = await agent.post(`/attempts/${id}/submit`).type('form').send({ _csrf: csrf, code: '# still mine\n' });
    expect(page.status).toBe(503);
    expect(page.text).toContain('The code runner is busy. Try again in');
    expect(page.text).toContain('# still mine');
    expect(db.$client.prepare('select submitted_at from attempts where id = ?').get(id)).toEqual({
      submitted_at: null,
    });
    await slow;
    clock.advance({ seconds: 1 });
  });

  it('refuses another user’s attempt, a bad scope and a submitted attempt, writing nothing', async () => {
    const { agent, id, csrf, db, app } = await open('bare');
    const mallory = await signUp(app, 'mallory');
    const stolen = await mallory.agent
      .post(`/attempts/${id}/run`)
      .set('accept', 'application/json')
      .type('form')
      .send({ _csrf: mallory.csrf, code: 'x' });
    expect(stolen.status).toBe(404);
    const badScope = await agent
      .post(`/attempts/${id}/run`)
      .type('form')
      .send({ _csrf: csrf, code: 'x', scope: 'hidden' });
    expect(badScope.status).toBe(400);
    const huge = await agent
      .post(`/attempts/${id}/run`)
      .type('form')
      .send({ _csrf: csrf, code: 'x'.repeat(100_001) });
    expect(huge.status).toBe(400);
    expect(rowCount(db, 'runs')).toBe(0);
    await agent.post(`/attempts/${id}/submit`).type('form').send({ _csrf: csrf, code: '' });
    const late = await agent
      .post(`/attempts/${id}/run`)
      .set('accept', 'application/json')
      .type('form')
      .send({ _csrf: csrf, code: 'x' });
    expect(late.status).toBe(409);
    expect(rowCount(db, 'runs')).toBe(1);
  });

  it('without a runner, says so and takes the self-reported outcome as before', async () => {
    const { agent, id, csrf, db, page } = await open('off');
    expect(page).toContain('Running code is unavailable on this server');
    expect(page).toContain('name="outcome"');
    const run = await agent
      .post(`/attempts/${id}/run`)
      .set('accept', 'application/json')
      .type('form')
      .send({ _csrf: csrf, code: 'x' });
    expect(run.status).toBe(503);
    expect(run.body).toMatchObject({ error: { code: 'runner.unavailable' } });
    const missing = await agent.post(`/attempts/${id}/submit`).type('form').send({ _csrf: csrf, code: 'x' });
    expect(missing.status).toBe(400);
    await agent.post(`/attempts/${id}/submit`).type('form').send({ _csrf: csrf, code: 'x', outcome: 'solved' });
    expect(db.$client.prepare('select outcome, cases_total from attempts where id = ?').get(id)).toEqual({
      outcome: 'solved',
      cases_total: null,
    });
  });
});
