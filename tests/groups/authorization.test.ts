import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom } from '../helpers/app.js';
import { type Agent, createGroup, gradedAttempt, inviteCode, join, person, snapshot } from './fixtures.js';

const ROLES = [
  'anonymous',
  'self',
  'otherCandidate',
  'sameGroupMember',
  'coach',
  'otherGroupCoach',
  'formerMember',
] as const;
type Role = (typeof ROLES)[number];
type Row = { method: 'GET' | 'POST'; path: string; body?: Record<string, string>; expect: Record<Role, number> };

/** Statuses for the signed-in roles; anonymous is sent to log in (GET) or refused (POST). */
function row(
  method: 'GET' | 'POST',
  path: string,
  allowed: Partial<Record<Exclude<Role, 'anonymous'>, number>>,
  denied = 404,
  body?: Record<string, string>,
): Row {
  const expectMap = Object.fromEntries(
    ROLES.map((r) => [
      r,
      r === 'anonymous' ? (method === 'GET' ? 302 : 401) : (allowed[r as Exclude<Role, 'anonymous'>] ?? denied),
    ]),
  ) as Record<Role, number>;
  return { method, path, body, expect: expectMap };
}
const everyone = (status: number) => ({
  self: status,
  otherCandidate: status,
  sameGroupMember: status,
  coach: status,
  otherGroupCoach: status,
  formerMember: status,
});

// Tokens differ per session; everything else on a refusal page must be identical.
const scrub = (html: string) =>
  html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/Signed in as <strong>[^<]+<\/strong>/, '');

describe('authorization matrix: role x route', () => {
  it('answers each role on each route as specified, and a refused request changes nothing', async () => {
    const { app, db, clock } = createTestApp();
    const self = await person(app, db, 'self');
    const otherCandidate = await person(app, db, 'other');
    const sameGroupMember = await person(app, db, 'member');
    const coach = await person(app, db, 'coach');
    const otherGroupCoach = await person(app, db, 'coach2');
    const formerMember = await person(app, db, 'former');
    const v1 = await person(app, db, 'victim1');
    const v2 = await person(app, db, 'victim2');
    const groupId = await createGroup(coach, 'G');
    await createGroup(otherGroupCoach, 'H');
    for (const p of [self, sameGroupMember, formerMember, v1, v2]) await join(p, inviteCode(db, groupId));
    await formerMember.agent.post(`/groups/${groupId}/leave`).type('form').send({ _csrf: formerMember.csrf });
    const attemptId = await gradedAttempt(self, clock);
    await gradedAttempt(formerMember, clock);
    const drillId = (
      db.$client.prepare('select drill_id as d from attempts where id = ?').get(attemptId) as { d: number }
    ).d;
    const code = inviteCode(db, groupId);
    const missing = 987_654;

    const anonAgent: Agent = request.agent(app);
    const anonCsrf = csrfFrom((await anonAgent.get('/login')).text);
    const actors: Record<Role, { agent: Agent; csrf: string }> = {
      anonymous: { agent: anonAgent, csrf: anonCsrf },
      self,
      otherCandidate,
      sameGroupMember,
      coach,
      otherGroupCoach,
      formerMember,
    };

    const A = `/attempts/${attemptId}`;
    const G = `/groups/${groupId}`;
    const rows: Row[] = [
      // core
      row('GET', '/today', everyone(200)),
      row('GET', '/history', everyone(200)),
      row('GET', '/settings', everyone(200)),
      row('GET', '/questions', everyone(200)),
      row('GET', A, { self: 200 }),
      row('GET', `/summary/${drillId}`, { self: 200 }),
      row('POST', `${A}/draft`, { self: 409 }, 404, { code: 'x', notes: '' }),
      row('POST', `${A}/hint`, { self: 409 }, 404, { code: 'x', notes: '' }),
      row('POST', `${A}/submit`, { self: 303 }, 404, { code: 'stolen', notes: '', outcome: 'failed' }),
      row('POST', `${A}/grade`, { self: 303 }, 404, { grade: '1' }),
      row('POST', `${A}/feedback`, { self: 303 }, 404, { body: 'a reply', group: String(groupId) }),
      row('POST', '/feedback/read', everyone(303)),
      row('GET', '/coach', everyone(200)),
      row('POST', '/coach/read', everyone(303)),
      row('POST', '/coach/read', { coach: 303 }, 404, { attemptId: String(attemptId), groupId: String(groupId) }),
      row('GET', '/drills/algorithm', everyone(200)),
      row('GET', '/stats', everyone(200)),
      row('POST', '/stats/interview', everyone(303), 404, { interviewDate: '2027-01-15' }),
      // groups and coaching
      row('GET', '/groups', everyone(200)),
      row('GET', `/join/${code}`, everyone(200)),
      row('GET', G, { self: 200, sameGroupMember: 200, coach: 200 }),
      row('GET', `/groups/${missing}`, {}),
      row('GET', `${G}/members/${self.id}`, { coach: 200 }),
      row('GET', `${G}/members/${self.id}/stats`, { coach: 200 }),
      row('GET', `/groups/${missing}/members/${self.id}/stats`, {}),
      row('GET', `/groups/${missing}/members/${self.id}`, {}),
      row('GET', `${G}/attempts/${attemptId}`, { coach: 200 }),
      row('POST', `${G}/attempts/${attemptId}/feedback`, { coach: 303 }, 404, { body: 'well done' }),
      row('POST', `${G}/attempts/${attemptId}/retry`, { coach: 303 }, 404, { note: '' }),
      row('GET', `${G}/attempts.csv`, { coach: 200 }),
      row('GET', `/groups/${missing}/attempts.csv`, {}),
      row('GET', '/me/attempts.csv', everyone(200)),
      row('GET', '/me/review-log.csv', everyone(200)),
      row('POST', `${G}/invite`, { coach: 303 }),
      row('POST', `${G}/settings`, { coach: 303 }, 404, { leechThreshold: '5' }),
      row('GET', `${G}/members/${v1.id}/remove`, { coach: 200 }),
      row('POST', `${G}/members/${v1.id}/remove`, { coach: 303 }),
      // The only coach may not leave while members remain (victim2 does).
      row('POST', `${G}/leave`, { self: 303, sameGroupMember: 303, coach: 409 }),
      row('GET', `${G}/members/${v2.id}/promote`, { coach: 200 }),
      row('POST', `${G}/members/${v2.id}/promote`, { coach: 303 }),
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

    // The coach's retry and feedback landed; the refused submit and grade left the attempt alone.
    const attempt = db.$client
      .prepare('select code, outcome, final_grade from attempts where id = ?')
      .get(attemptId) as { code: string; outcome: string; final_grade: number };
    expect(attempt).toEqual({ code: 'print(1)', outcome: 'solved', final_grade: 3 });
    // About 300 requests: give a loaded machine room.
  }, 120_000);

  it('does not reveal to an outsider whether a group exists', async () => {
    const { app, db, clock } = createTestApp();
    const coach = await person(app, db, 'coach');
    const cand = await person(app, db, 'cand');
    const outsider = await person(app, db, 'outsider');
    const groupId = await createGroup(coach);
    await join(cand, inviteCode(db, groupId));
    const attemptId = await gradedAttempt(cand, clock);
    const missing = groupId + 1000;
    const pairs = [
      [`/groups/${groupId}`, `/groups/${missing}`],
      [`/groups/${groupId}/members/${cand.id}`, `/groups/${missing}/members/${cand.id}`],
      [`/groups/${groupId}/attempts/${attemptId}`, `/groups/${missing}/attempts/${attemptId}`],
      [`/groups/${groupId}/attempts.csv`, `/groups/${missing}/attempts.csv`],
    ];
    for (const [real, fake] of pairs) {
      const a = await outsider.agent.get(real!);
      const b = await outsider.agent.get(fake!);
      expect(a.status, real).toBe(404);
      expect(b.status, fake).toBe(404);
      expect(scrub(a.text), real).toBe(scrub(b.text));
    }
    for (const path of [`/groups/${groupId}/invite`, `/groups/${groupId}/leave`, `/groups/${groupId}/settings`]) {
      const a = await outsider.agent.post(path).type('form').send({ _csrf: outsider.csrf, leechThreshold: '3' });
      const b = await outsider.agent
        .post(path.replace(String(groupId), String(missing)))
        .type('form')
        .send({ _csrf: outsider.csrf, leechThreshold: '3' });
      expect([a.status, b.status], path).toEqual([404, 404]);
      expect(scrub(a.text)).toBe(scrub(b.text));
    }
    // Even a bad value does not make a foreign group answer differently from a missing one.
    const badReal = await outsider.agent
      .post(`/groups/${groupId}/settings`)
      .type('form')
      .send({ _csrf: outsider.csrf, leechThreshold: 'lots' });
    const badFake = await outsider.agent
      .post(`/groups/${missing}/settings`)
      .type('form')
      .send({ _csrf: outsider.csrf, leechThreshold: 'lots' });
    expect([badReal.status, badFake.status]).toEqual([404, 404]);
  });
});
