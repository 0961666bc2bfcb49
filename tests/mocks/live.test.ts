import type { Test } from 'supertest';
import { describe, expect, it } from 'vitest';
import { type Agent, coachWithCandidate, inviteCode, join, type Person, person } from '../groups/fixtures.js';
import { createTestApp, rowCount } from '../helpers/app.js';

type Parsed = { id?: number; event: string; data: unknown };

function parseStream(text: string): Parsed[] {
  const out: Parsed[] = [];
  for (const block of text.split('\n\n').slice(0, -1)) {
    const lines = block.split('\n').filter((l) => l !== '' && !l.startsWith(':') && !l.startsWith('retry:'));
    if (lines.length === 0) continue;
    const parsed: Parsed = { event: 'message', data: undefined };
    for (const line of lines) {
      const at = line.indexOf(': ');
      const field = line.slice(0, at);
      const value = line.slice(at + 2);
      if (field === 'id') parsed.id = Number(value);
      if (field === 'event') parsed.event = value;
      if (field === 'data') parsed.data = JSON.parse(value);
    }
    out.push(parsed);
  }
  return out;
}

/** An SSE request kept open: what arrived so far, waiting on what should arrive, and closing it. */
function openStream(agent: Agent, path: string, headers: Record<string, string> = {}) {
  let text = '';
  let ended = false;
  const req: Test = agent
    .get(path)
    .set(headers)
    .buffer(true)
    .parse((res, callback) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => {
        ended = true;
        callback(null, text);
      });
    });
  const response = req.then(
    (res) => res,
    () => null,
  );
  return {
    response,
    events: () => parseStream(text),
    ended: () => ended,
    async until(what: string, ok: (events: Parsed[]) => boolean, ms = 5000) {
      const deadline = Date.now() + ms;
      while (!ok(parseStream(text))) {
        if (Date.now() > deadline) throw new Error(`stream: no ${what} within ${ms} ms; got ${text.slice(-600)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => req.abort(),
  };
}

const post = (p: Person, path: string, body: Record<string, string> = {}) =>
  p.agent
    .post(path)
    .type('form')
    .set('accept', 'application/json')
    .send({ _csrf: p.csrf, ...body });

async function setUp(config = {}) {
  const ctx = createTestApp({ config });
  const { app, db } = ctx;
  const { coach, cand, groupId } = await coachWithCandidate(app, db, 'Cohort');
  const start = await cand.agent.post('/mocks').type('form').send({ _csrf: cand.csrf, format: 'loop' });
  const mockId = Number(/\/mocks\/(\d+)/.exec(start.headers.location ?? '')?.[1]);
  if (start.status !== 303 || !mockId)
    throw new Error(`mock start failed: ${start.status} ${start.text.slice(0, 300)}`);
  return { ...ctx, coach, cand, groupId, mockId };
}

describe('the live stream of a mock', () => {
  it('sends the code as the candidate saves it, and the events as they happen', async () => {
    const { coach, cand, mockId } = await setUp();
    const page = await coach.agent.get(`/mocks/${mockId}/watch`);
    expect(page.status).toBe(200);
    const after = /data-last-event="(\d+)"/.exec(page.text)?.[1] ?? '0';
    const stream = openStream(coach.agent, `/mocks/${mockId}/live?after=${after}`);
    // On connect: the drafts as they stand (the starters), one per question.
    await stream.until('the drafts on connect', (e) => e.filter((x) => x.event === 'code').length === 2);

    expect((await post(cand, `/mocks/${mockId}/draft`, { position: '0', code: 'print("typed")' })).status).toBe(200);
    await stream.until('the typed code', (e) =>
      e.some((x) => x.event === 'code' && (x.data as { code: string }).code === 'print("typed")'),
    );
    expect((await post(cand, `/mocks/${mockId}/draft`, { position: '1', code: 'def f(): pass' })).status).toBe(200);
    await stream.until(
      'the switch and the second question’s code',
      (e) =>
        e.some((x) => x.event === 'switch') && e.some((x) => (x.data as { code?: string }).code === 'def f(): pass'),
    );
    const sw = stream.events().find((x) => x.event === 'switch');
    expect(sw?.data).toMatchObject({ position: 1 });
    expect(sw?.id).toBeGreaterThan(Number(after));

    // The stream ends with the mock: an end event, then the server closes it.
    expect((await post(cand, `/mocks/${mockId}/finish`)).status).toBeLessThan(400);
    await stream.until('the end', (e) => e.some((x) => x.event === 'end'));
    await stream.response;
    expect(stream.ended()).toBe(true);
    expect(stream.events().at(-1)).toEqual({ event: 'end', data: { reason: 'submitted' } });
    // And a reconnect is told to stop (204: EventSource does not retry).
    expect((await coach.agent.get(`/mocks/${mockId}/live`)).status).toBe(204);
  });

  it('ends every stream when the time runs out, finished by the next request touching the mock', async () => {
    const { coach, clock, db, mockId } = await setUp();
    const stream = openStream(coach.agent, `/mocks/${mockId}/live`);
    await stream.until('connect', (e) => e.length > 0);
    clock.advance({ minutes: 76 });
    // The coach's own page load is such a request (the in-process timer is off in tests).
    expect((await coach.agent.get(`/mocks/${mockId}/watch`)).status).toBe(200);
    await stream.until('the timeout and the end', (e) => e.some((x) => x.event === 'end'));
    const kinds = stream.events().map((x) => x.event);
    expect(kinds.slice(-2)).toEqual(['timeout', 'end']);
    expect(stream.events().at(-1)?.data).toEqual({ reason: 'timeout' });
    await stream.response;
    expect(db.$client.prepare('select status, finish_reason from mocks where id = ?').get(mockId)).toEqual({
      status: 'finished',
      finish_reason: 'timeout',
    });
  });

  it('replays what a reconnecting viewer missed after Last-Event-ID, without repeating what it had', async () => {
    const { coach, cand, mockId, db } = await setUp();
    const first = openStream(coach.agent, `/mocks/${mockId}/live?after=0`);
    await first.until('the start event', (e) => e.some((x) => x.event === 'start'));
    const seen = Math.max(...first.events().map((x) => x.id ?? 0));
    first.close();
    // Missed while away: a switch to question 2 and back.
    await post(cand, `/mocks/${mockId}/draft`, { position: '1', code: 'a' });
    await post(cand, `/mocks/${mockId}/draft`, { position: '0', code: 'b' });
    const stored = db.$client
      .prepare('select id, kind from mock_events where mock_id = ? and id > ? order by id')
      .all(mockId, seen) as { id: number; kind: string }[];
    expect(stored.map((r) => r.kind)).toEqual(['switch', 'switch']);

    const again = openStream(coach.agent, `/mocks/${mockId}/live`, { 'last-event-id': String(seen) });
    await again.until('the missed events', (e) => e.filter((x) => x.id !== undefined).length === 2);
    expect(
      again
        .events()
        .filter((x) => x.id !== undefined)
        .map((x) => x.id),
    ).toEqual(stored.map((r) => r.id));
    // The code is the latest, not the history.
    expect(
      again
        .events()
        .filter((x) => x.event === 'code')
        .map((x) => (x.data as { code: string }).code),
    ).toEqual(['b', 'a']);
    again.close();
    // A bad Last-Event-ID is a clear 400, not a stream.
    const bad = await coach.agent.get(`/mocks/${mockId}/live`).set('last-event-id', 'yesterday');
    expect(bad.status).toBe(400);
  });

  it('bounds the streams per coach and per mock with a clear 429', async () => {
    const { app, db, coach, groupId, mockId } = await setUp({ mockLive: { perCoach: 2, perMock: 3 } });
    const a = openStream(coach.agent, `/mocks/${mockId}/live`);
    const b = openStream(coach.agent, `/mocks/${mockId}/live`);
    await a.until('connect', (e) => e.length > 0);
    await b.until('connect', (e) => e.length > 0);
    const third = await coach.agent.get(`/mocks/${mockId}/live`).set('accept', 'application/json');
    expect(third.status).toBe(429);
    expect(third.body.error.message).toContain('too many tabs');
    const second = await person(app, db, 'coach2');
    await join(second, inviteCode(db, groupId));
    await coach.agent.post(`/groups/${groupId}/members/${second.id}/promote`).type('form').send({ _csrf: coach.csrf });
    const c = openStream(second.agent, `/mocks/${mockId}/live`);
    await c.until('connect', (e) => e.length > 0);
    expect((await second.agent.get(`/mocks/${mockId}/live`)).status).toBe(429);
    // A tab closed frees its place.
    a.close();
    const deadline = Date.now() + 5000;
    let status = 429;
    while (status === 429 && Date.now() < deadline) {
      const s = openStream(coach.agent, `/mocks/${mockId}/live`);
      const res = await Promise.race([s.response, new Promise<null>((r) => setTimeout(() => r(null), 200))]);
      status = res ? res.status : 200;
      s.close();
    }
    expect(status).toBe(200);
    b.close();
    c.close();
    expect(rowCount(db, 'mock_notes')).toBe(0);
  });
});
