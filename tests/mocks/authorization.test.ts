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

const RUBRIC = {
  understanding: '3',
  correctness: '3',
  complexity: '3',
  quality: '3',
  testing: '3',
  communication: '3',
  wouldAdvance: 'yes',
};

function snapshot(db: Db): string {
  const tables = [
    'mocks',
    'mock_questions',
    'mock_events',
    'mock_scorecards',
    'mock_notes',
    'attempts',
    'group_members',
  ];
  return JSON.stringify(tables.map((t) => db.$client.prepare(`select * from ${t} order by rowid`).all()));
}

describe('authorization matrix: the coach’s side of mocks', () => {
  it('answers each role on each route as specified, and a refused request changes nothing', async () => {
    const { app, db, clock } = createTestApp();
    const owner = await person(app, db, 'owner');
    const coach = await person(app, db, 'coach');
    const otherGroupCoach = await person(app, db, 'coach2');
    const member = await person(app, db, 'member');
    const outsider = await person(app, db, 'outsider');
    const groupId = await createGroup(coach, 'G');
    const otherGroupId = await createGroup(otherGroupCoach, 'H');
    await join(owner, inviteCode(db, groupId));
    await join(member, inviteCode(db, groupId));
    // The other group's coach coaches the member elsewhere, but not the owner.
    await join(member, inviteCode(db, otherGroupId));

    const repo = createMocksRepository({ db });
    const now = clock.now().getTime();
    const base = {
      userId: owner.id,
      format: 'loop' as const,
      scheduledBy: null,
      groupId: null,
      questionChoice: 'scheduler' as const,
      durationSeconds: 4500,
      createdAt: now,
      questionIds: [],
    };
    const finished = repo.createMock({ ...base, status: 'running', startedAt: now, endsAt: now + 4_500_000 });
    repo.markFinished({ mockId: finished.id, finishedAt: now + 60_000, finishReason: 'submitted' });
    const running = repo.createMock({ ...base, status: 'running', startedAt: now, endsAt: now + 4_500_000 });

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

    const F = `/mocks/${finished.id}`;
    const R = `/mocks/${running.id}`;
    const M = `/groups/${groupId}/members/${owner.id}/mocks`;
    const rows: Row[] = [
      row('GET', M, { coach: 200 }),
      row('POST', M, { coach: 303 }, { format: 'loop', choice: 'scheduler' }),
      row('GET', `${R}/watch`, { coach: 200 }),
      row('GET', `${F}/watch`, { coach: 200 }),
      // A finished mock's stream says 204 (EventSource stops); the running stream is tested in live.test.ts.
      row('GET', `${F}/live`, { coach: 204 }),
      row('POST', `${R}/interviewer-notes`, { coach: 303 }, { body: 'a note' }),
      row('POST', `${F}/interviewer-scorecard`, { coach: 303 }, RUBRIC),
      row('POST', `${F}/interviewer-scorecard/release`, { coach: 303 }),
      row('GET', '/mocks/987654/watch', {}),
      row('POST', '/mocks/987654/interviewer-notes', {}, { body: 'x' }),
    ];

    const failures: string[] = [];
    for (const r of rows) {
      for (const role of ROLES) {
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
        if (res.status >= 300 && res.status !== 303 && snapshot(db) !== before)
          failures.push(`${r.method} ${r.path} as ${role} was refused but changed the database`);
        if (role === 'anonymous' && r.method === 'GET' && !(res.headers.location ?? '').startsWith('/login'))
          failures.push(`${r.path}: anonymous not sent to log in`);
      }
    }
    expect(failures).toEqual([]);
    expect(db.$client.prepare('select count(*) as n from mock_notes').get()).toEqual({ n: 1 });
    expect(db.$client.prepare("select count(*) as n from mocks where status = 'scheduled'").get()).toEqual({ n: 1 });
  }, 60_000);
});
