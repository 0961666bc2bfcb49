import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { createMocksRepository } from '../../src/mocks/mocks.repository.js';
import { type Agent, createGroup, inviteCode, join, person } from '../groups/fixtures.js';
import { createTestApp, csrfFrom } from '../helpers/app.js';

const ROLES = ['anonymous', 'owner', 'coach', 'otherGroupCoach', 'member', 'outsider'] as const;
type Role = (typeof ROLES)[number];
type Row = { method: 'GET' | 'POST'; path: string; body?: Record<string, string>; expect: Record<Role, number> };

/** Statuses for the signed-in roles (404 unless listed); anonymous is sent to log in (GET) or refused (POST). */
function row(
  method: 'GET' | 'POST',
  path: string,
  allowed: Partial<Record<Exclude<Role, 'anonymous'>, number>>,
  body?: Record<string, string>,
): Row {
  const expectMap = Object.fromEntries(
    ROLES.map((r) => [
      r,
      r === 'anonymous' ? (method === 'GET' ? 302 : 401) : (allowed[r as Exclude<Role, 'anonymous'>] ?? 404),
    ]),
  ) as Record<Role, number>;
  return { method, path, body, expect: expectMap };
}
const everyone = (status: number) => ({
  owner: status,
  coach: status,
  otherGroupCoach: status,
  member: status,
  outsider: status,
});

function snapshot(db: Db): string {
  const tables = ['mocks', 'mock_questions', 'mock_events', 'mock_scorecards', 'attempts', 'runs', 'cards'];
  return JSON.stringify(tables.map((t) => db.$client.prepare(`select * from ${t} order by rowid`).all()));
}

describe('authorization matrix: the candidate’s side of mocks', () => {
  it('answers each role on each route as specified, and a refused request changes nothing', async () => {
    const { app, db, clock, catalog } = createTestApp({ bank: { scripting: 4, algorithm: 6 } });
    const owner = await person(app, db, 'owner');
    const coach = await person(app, db, 'coach');
    const otherGroupCoach = await person(app, db, 'coach2');
    const member = await person(app, db, 'member');
    const outsider = await person(app, db, 'outsider');
    const groupId = await createGroup(coach, 'G');
    const otherGroupId = await createGroup(otherGroupCoach, 'H');
    await join(owner, inviteCode(db, groupId));
    await join(member, inviteCode(db, groupId));
    await join(member, inviteCode(db, otherGroupId));

    const page = await owner.agent.get('/mocks');
    const started = await owner.agent
      .post('/mocks')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), format: 'loop' });
    expect(started.status).toBe(303);
    const R = started.headers.location ?? '';
    // A mock a coach scheduled for the owner, started once the running one is over.
    const scheduled = createMocksRepository({ db }).createMock({
      userId: owner.id,
      format: 'scripting',
      status: 'scheduled',
      scheduledBy: coach.id,
      groupId,
      questionChoice: 'coach',
      durationSeconds: 2700,
      createdAt: clock.now().getTime(),
      questionIds: [catalog.all().find((q) => q.track === 'scripting')?.id ?? ''],
    });
    const S = `/mocks/${scheduled.id}`;

    const anonAgent: Agent = request.agent(app);
    const anonCsrf = csrfFrom((await anonAgent.get('/login')).text);
    const actors: Record<Role, { agent: Agent; csrf: string }> = {
      anonymous: { agent: anonAgent, csrf: anonCsrf },
      owner,
      coach,
      otherGroupCoach,
      member,
      outsider,
    };

    const rows: Row[] = [
      row('GET', '/mocks', everyone(200)),
      row('POST', '/mocks', everyone(400), { format: 'bogus' }),
      row('GET', R, { owner: 200 }),
      row('POST', `${R}/draft`, { owner: 303 }, { position: '0', code: 'print(1)' }),
      row('POST', `${R}/notes`, { owner: 303 }, { notes: 'thinking' }),
      // No runner in this app: the owner is told so.
      row('POST', `${R}/questions/0/run`, { owner: 503 }, { code: 'print(1)' }),
      row('POST', `${R}/questions/0/submit`, { owner: 303 }, { code: 'print(1)', outcome: 'partial' }),
      row('GET', `${R}/scorecard`, { owner: 409 }),
      row('POST', `${R}/finish`, { owner: 303 }),
      row('GET', R, { owner: 302 }),
      row('GET', `${R}/scorecard`, { owner: 200 }),
      row(
        'POST',
        `${R}/scorecard`,
        { owner: 303 },
        {
          understanding: '3',
          correctness: '3',
          complexity: '3',
          quality: '3',
          testing: '3',
          communication: '3',
          wouldAdvance: 'yes',
        },
      ),
      row('GET', S, { owner: 200 }),
      row('POST', `${S}/start`, { owner: 303 }),
      row('GET', '/me/mocks.csv', everyone(200)),
      row('GET', `/groups/${groupId}/mocks.csv`, { coach: 200 }),
      row('GET', '/mocks/987654', {}),
      row('GET', '/mocks/987654/scorecard', {}),
    ];

    const failures: string[] = [];
    for (const r of rows) {
      // The owner goes last: another role's refused request must find the mock as the owner left it.
      for (const role of [...ROLES.filter((x) => x !== 'owner'), 'owner' as const]) {
        const { agent, csrf } = actors[role];
        const before = snapshot(db);
        const res =
          r.method === 'GET'
            ? await agent.get(r.path)
            : await agent
                .post(r.path)
                .type('form')
                .send({ _csrf: csrf, ...(r.body ?? {}) });
        if (res.status !== r.expect[role])
          failures.push(`${r.method} ${r.path} as ${role}: ${res.status}, expected ${r.expect[role]}`);
        if (res.status >= 400 && snapshot(db) !== before)
          failures.push(`${r.method} ${r.path} as ${role} was refused but changed the database`);
        if (role === 'anonymous' && r.method === 'GET' && !(res.headers.location ?? '').startsWith('/login'))
          failures.push(`${r.path}: anonymous not sent to log in`);
      }
    }
    expect(failures).toEqual([]);
    expect(db.$client.prepare('select status from mocks order by id').all()).toEqual([
      { status: 'finished' },
      { status: 'running' },
    ]);
  }, 60_000);
});
