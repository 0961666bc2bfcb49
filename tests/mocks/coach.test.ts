import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { createMocksRepository } from '../../src/mocks/mocks.repository.js';
import type { FixedClock } from '../../src/shared/clock.js';
import { createGroup, inviteCode, join, type Person, person } from '../groups/fixtures.js';
import { createTestApp, rowCount } from '../helpers/app.js';

const RUBRIC = {
  understanding: '3',
  correctness: '4',
  complexity: '2',
  quality: '3',
  testing: '1',
  communication: '4',
  wouldAdvance: 'yes',
  summary: 'Clear plan; test the empty input next time.',
};

/** A group with a coach and a consenting member, plus a coach of another group the member is not in. */
async function cohort() {
  const ctx = createTestApp();
  const { app, db } = ctx;
  const coach = await person(app, db, 'coach');
  const cand = await person(app, db, 'cand');
  const otherCoach = await person(app, db, 'coach2');
  const groupId = await createGroup(coach, 'Cohort');
  const otherGroupId = await createGroup(otherCoach, 'Other');
  await join(cand, inviteCode(db, groupId));
  return { ...ctx, coach, cand, otherCoach, groupId, otherGroupId };
}

/** A running mock of the candidate, as the candidate's start makes it (the clock starts now). */
function runningMock(db: Db, clock: FixedClock, userId: number, questionIds: string[]) {
  const now = clock.now().getTime();
  return createMocksRepository({ db }).createMock({
    userId,
    format: 'loop',
    status: 'running',
    scheduledBy: null,
    groupId: null,
    questionChoice: 'scheduler',
    durationSeconds: 75 * 60,
    createdAt: now,
    startedAt: now,
    endsAt: now + 75 * 60_000,
    questionIds,
  });
}

const post = (p: Person, path: string, body: Record<string, string> = {}) =>
  p.agent
    .post(path)
    .type('form')
    .send({ _csrf: p.csrf, ...body });

describe('a coach schedules a mock for a member', () => {
  it('schedules with the scheduler picking later, or with the coach’s questions in the format’s order', async () => {
    const { db, catalog, coach, cand, groupId } = await cohort();
    const page = await coach.agent.get(`/groups/${groupId}/members/${cand.id}/mocks`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Schedule a mock interview');

    const byScheduler = await post(coach, `/groups/${groupId}/members/${cand.id}/mocks`, {
      format: 'algorithm',
      choice: 'scheduler',
    });
    expect(byScheduler.status).toBe(303);
    const scripting = catalog.active('scripting')[0]?.id ?? '';
    const algorithm = catalog.active('algorithm')[0]?.id ?? '';
    const byCoach = await post(coach, `/groups/${groupId}/members/${cand.id}/mocks`, {
      format: 'loop',
      choice: 'coach',
      q0: scripting,
      q1: algorithm,
    });
    expect(byCoach.status).toBe(303);

    const rows = db.$client
      .prepare(
        'select id, user_id, format, status, scheduled_by, group_id, question_choice, duration_seconds, started_at from mocks order by id',
      )
      .all();
    expect(rows).toEqual([
      {
        id: 1,
        user_id: cand.id,
        format: 'algorithm',
        status: 'scheduled',
        scheduled_by: coach.id,
        group_id: groupId,
        question_choice: 'scheduler',
        duration_seconds: 45 * 60,
        started_at: null,
      },
      {
        id: 2,
        user_id: cand.id,
        format: 'loop',
        status: 'scheduled',
        scheduled_by: coach.id,
        group_id: groupId,
        question_choice: 'coach',
        duration_seconds: 75 * 60,
        started_at: null,
      },
    ]);
    expect(db.$client.prepare('select mock_id, position, question_id, attempt_id from mock_questions').all()).toEqual([
      { mock_id: 2, position: 0, question_id: scripting, attempt_id: null },
      { mock_id: 2, position: 1, question_id: algorithm, attempt_id: null },
    ]);
    // No attempt exists before the candidate starts: nothing is served, nothing counts yet.
    expect(rowCount(db, 'attempts')).toBe(0);
    const list = await coach.agent.get(`/groups/${groupId}/members/${cand.id}/mocks`);
    expect(list.text).toContain('not started yet');
    expect(list.text).toContain('chosen by the scheduler when they start');
  });

  it('gets its questions from the scheduler when the candidate starts it, hidden until then', async () => {
    const { db, coach, cand, groupId } = await cohort();
    await post(coach, `/groups/${groupId}/members/${cand.id}/mocks`, { format: 'loop', choice: 'scheduler' });
    const { id } = db.$client.prepare('select id from mocks').get() as { id: number };
    const today = await cand.agent.get('/today');
    expect(today.text).toContain('Mock interviews your coach scheduled');
    expect(today.text).toContain(`<a href="/mocks/${id}">Full loop</a>`);
    expect(today.text).toContain('from coach');
    const ready = await cand.agent.get(`/mocks/${id}`);
    expect(ready.status).toBe(200);
    expect(ready.text).toContain('Start the mock');
    expect(rowCount(db, 'mock_questions')).toBe(0);
    expect((await post(cand, `/mocks/${id}/start`)).status).toBe(303);
    const questions = db.$client
      .prepare(
        'select q.position, a.track, a.kind from mock_questions q join attempts a on a.id = q.attempt_id where q.mock_id = ? order by q.position',
      )
      .all(id);
    expect(questions).toEqual([
      { position: 0, track: 'scripting', kind: 'mock' },
      { position: 1, track: 'algorithm', kind: 'mock' },
    ]);
    expect(db.$client.prepare('select status from mocks where id = ?').get(id)).toEqual({ status: 'running' });
    expect((await cand.agent.get('/today')).text).not.toContain('Mock interviews your coach scheduled');
  });

  it('refuses bad choices with a clear 400 that keeps the form, and changes nothing', async () => {
    const { db, catalog, coach, cand, groupId } = await cohort();
    const scripting = catalog.active('scripting').map((q) => q.id);
    const algorithm = catalog.active('algorithm').map((q) => q.id);
    const cases: [Record<string, string>, string][] = [
      [{ format: 'marathon', choice: 'scheduler' }, 'pick a format'],
      [{ format: 'loop', choice: 'whoever' }, 'pick who chooses'],
      [
        { format: 'loop', choice: 'coach', q0: algorithm[0] ?? '', q1: algorithm[1] ?? '' },
        'pick a scripting question',
      ],
      [{ format: 'algorithm', choice: 'coach', q0: algorithm[0] ?? '', q1: algorithm[0] ?? '' }, 'two different'],
      [{ format: 'algorithm', choice: 'coach', q0: algorithm[0] ?? '' }, 'question 2: pick an algorithm question'],
      [{ format: 'scripting', choice: 'coach', q0: 'no-such-question' }, 'there is no question'],
      [{ format: 'scripting', choice: 'coach', q0: 'x'.repeat(5000) }, 'not a question id'],
    ];
    for (const [body, message] of cases) {
      const res = await post(coach, `/groups/${groupId}/members/${cand.id}/mocks`, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.text).toContain(message.replace(/’/g, '&#39;'));
    }
    // The form comes back with what was chosen.
    const kept = await post(coach, `/groups/${groupId}/members/${cand.id}/mocks`, {
      format: 'loop',
      choice: 'coach',
      q0: scripting[0] ?? '',
      q1: '',
    });
    expect(kept.status).toBe(400);
    expect(kept.text).toMatch(new RegExp(`value="${scripting[0]}" selected`));
    expect(kept.text).toMatch(/value="loop" checked/);
    expect(rowCount(db, 'mocks')).toBe(0);
  });

  it('is for the coaches of the member’s group only', async () => {
    const { app, db, coach, cand, otherCoach, groupId, otherGroupId } = await cohort();
    const stranger = await person(app, db, 'stranger');
    const path = `/groups/${groupId}/members/${cand.id}/mocks`;
    for (const p of [cand, otherCoach, stranger]) {
      expect((await p.agent.get(path)).status).toBe(404);
      expect((await post(p, path, { format: 'loop', choice: 'scheduler' })).status).toBe(404);
      // A bad body does not make the refusal differ.
      expect((await post(p, path, { format: 'bad' })).status).toBe(404);
    }
    // A coach cannot schedule through their own group for someone who is not in it.
    expect(
      (
        await post(otherCoach, `/groups/${otherGroupId}/members/${cand.id}/mocks`, {
          format: 'loop',
          choice: 'scheduler',
        })
      ).status,
    ).toBe(404);
    // Nor for a fellow coach.
    expect(
      (await post(coach, `/groups/${groupId}/members/${coach.id}/mocks`, { format: 'loop', choice: 'scheduler' }))
        .status,
    ).toBe(404);
    expect(rowCount(db, 'mocks')).toBe(0);
  });
});

describe('the coach sits in', () => {
  it('writes private notes stamped with the mock clock; the candidate never sees them', async () => {
    const { db, clock, catalog, coach, cand } = await cohort();
    const mock = runningMock(db, clock, cand.id, [catalog.active('scripting')[0]?.id ?? '']);
    clock.advance({ minutes: 4, seconds: 10 });
    expect(
      (await post(coach, `/mocks/${mock.id}/interviewer-notes`, { body: 'Asked about empty logs: good.' })).status,
    ).toBe(303);
    clock.advance({ minutes: 7 });
    expect((await post(coach, `/mocks/${mock.id}/interviewer-notes`, { body: 'Went quiet <b>here</b>.' })).status).toBe(
      303,
    );
    expect(db.$client.prepare('select author_id, at_seconds, body from mock_notes order by id').all()).toEqual([
      { author_id: coach.id, at_seconds: 250, body: 'Asked about empty logs: good.' },
      { author_id: coach.id, at_seconds: 670, body: 'Went quiet <b>here</b>.' },
    ]);
    const page = await coach.agent.get(`/mocks/${mock.id}/watch`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<strong>4:10</strong>');
    expect(page.text).toContain('<strong>11:10</strong>');
    expect(page.text).toContain('Went quiet &lt;b&gt;here&lt;/b&gt;.');
    // The candidate cannot open the live view, and no page of theirs carries the notes.
    expect((await cand.agent.get(`/mocks/${mock.id}/watch`)).status).toBe(404);
    expect((await post(cand, `/mocks/${mock.id}/interviewer-notes`, { body: 'self-praise' })).status).toBe(404);
    expect(rowCount(db, 'mock_notes')).toBe(2);
  });

  it('refuses empty and huge notes, and notes before the mock starts', async () => {
    const { db, clock, coach, cand, groupId } = await cohort();
    const mock = runningMock(db, clock, cand.id, []);
    for (const body of ['', '   ', 'x'.repeat(4001)]) {
      const res = await post(coach, `/mocks/${mock.id}/interviewer-notes`, { body });
      expect(res.status).toBe(400);
    }
    const huge = await post(coach, `/mocks/${mock.id}/interviewer-notes`, { body: 'y'.repeat(4001) });
    expect(huge.text).toContain('at most 4000 characters');
    // What was typed comes back to be shortened, not lost.
    expect(huge.text).toContain('y'.repeat(4001));
    await post(coach, `/groups/${groupId}/members/${cand.id}/mocks`, { format: 'loop', choice: 'scheduler' });
    const scheduled = db.$client.prepare("select id from mocks where status = 'scheduled'").get() as { id: number };
    const early = await post(coach, `/mocks/${scheduled.id}/interviewer-notes`, { body: 'too soon' });
    expect(early.status).toBe(409);
    expect(early.text).toContain('has not started yet');
    expect(rowCount(db, 'mock_notes')).toBe(0);
  });

  it('fills the rubric, releases it after the mock, and the candidate reads it (without the notes)', async () => {
    const { db, clock, coach, cand } = await cohort();
    const mock = runningMock(db, clock, cand.id, []);
    await post(coach, `/mocks/${mock.id}/interviewer-notes`, { body: 'PRIVATE-NOTE' });

    // Out of range, missing, wrong type: 400, nothing saved, the choices kept.
    for (const bad of [
      { correctness: '5' },
      { testing: '0' },
      { quality: 'great' },
      { wouldAdvance: 'maybe' },
      { communication: '' },
    ]) {
      const res = await post(coach, `/mocks/${mock.id}/interviewer-scorecard`, { ...RUBRIC, ...bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    const tooLong = await post(coach, `/mocks/${mock.id}/interviewer-scorecard`, {
      ...RUBRIC,
      summary: 's'.repeat(4001),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toMatch(/name="understanding" value="3" checked/);
    expect(rowCount(db, 'mock_scorecards')).toBe(0);

    expect((await post(coach, `/mocks/${mock.id}/interviewer-scorecard`, RUBRIC)).status).toBe(303);
    // Not before the mock ends: the card would judge half a round.
    const early = await post(coach, `/mocks/${mock.id}/interviewer-scorecard/release`);
    expect(early.status).toBe(409);
    expect((await cand.agent.get(`/mocks/${mock.id}/scorecard`)).text).not.toContain('Clear plan');

    createMocksRepository({ db }).markFinished({
      mockId: mock.id,
      finishedAt: clock.now().getTime(),
      finishReason: 'submitted',
    });
    expect((await post(coach, `/mocks/${mock.id}/interviewer-scorecard/release`)).status).toBe(303);
    const card = db.$client
      .prepare('select role, author_id, scores, would_advance, released_at from mock_scorecards')
      .get() as Record<string, unknown>;
    expect(card).toMatchObject({
      role: 'coach',
      author_id: coach.id,
      would_advance: 1,
      released_at: clock.now().getTime(),
    });
    expect(JSON.parse(card.scores as string)).toEqual({
      understanding: 3,
      correctness: 4,
      complexity: 2,
      quality: 3,
      testing: 1,
      communication: 4,
    });
    expect(db.$client.prepare("select count(*) as n from mock_events where kind = 'released'").get()).toEqual({ n: 1 });

    const read = await cand.agent.get(`/mocks/${mock.id}/scorecard`);
    expect(read.status).toBe(200);
    expect(read.text).toContain('Clear plan; test the empty input next time.');
    expect(read.text).toMatch(/Your coach(&#39;|’|')s scorecard/);
    expect(read.text).not.toContain('PRIVATE-NOTE');
    // Released means frozen; a second release changes nothing.
    expect((await post(coach, `/mocks/${mock.id}/interviewer-scorecard`, { ...RUBRIC, correctness: '1' })).status).toBe(
      409,
    );
    expect((await post(coach, `/mocks/${mock.id}/interviewer-scorecard/release`)).status).toBe(303);
    expect(db.$client.prepare("select count(*) as n from mock_events where kind = 'released'").get()).toEqual({ n: 1 });
  });

  it('keeps one interviewer scorecard per mock: a second coach adds notes instead', async () => {
    const { app, db, clock, coach, cand, groupId } = await cohort();
    const second = await person(app, db, 'coach3');
    await join(second, inviteCode(db, groupId));
    await post(coach, `/groups/${groupId}/members/${second.id}/promote`);
    const mock = runningMock(db, clock, cand.id, []);
    expect((await post(coach, `/mocks/${mock.id}/interviewer-scorecard`, RUBRIC)).status).toBe(303);
    const other = await post(second, `/mocks/${mock.id}/interviewer-scorecard`, { ...RUBRIC, correctness: '1' });
    expect(other.status).toBe(409);
    expect(other.text).toContain('coach has written');
    expect((await post(second, `/mocks/${mock.id}/interviewer-notes`, { body: 'from the second coach' })).status).toBe(
      303,
    );
  });

  it('stops at once when the candidate leaves the group', async () => {
    const { db, clock, coach, cand, groupId } = await cohort();
    const mock = runningMock(db, clock, cand.id, []);
    expect((await coach.agent.get(`/mocks/${mock.id}/watch`)).status).toBe(200);
    await post(cand, `/groups/${groupId}/leave`);
    expect((await coach.agent.get(`/mocks/${mock.id}/watch`)).status).toBe(404);
    expect((await coach.agent.get(`/mocks/${mock.id}/live`)).status).toBe(404);
    expect((await post(coach, `/mocks/${mock.id}/interviewer-notes`, { body: 'late' })).status).toBe(404);
    expect(rowCount(db, 'mock_notes')).toBe(0);
  });
});
