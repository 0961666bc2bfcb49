import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { attemptIdFrom, createTestApp, csrfFrom, signUp, startDrill } from '../helpers/app.js';

/** A digest of every row a user can change: a refused request must leave it as it was. */
function snapshot(db: Db): string {
  const tables = (
    db.$client
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' and name <> 'sessions' order by name",
      )
      .all() as { name: string }[]
  ).map((t) => t.name);
  const h = crypto.createHash('sha256');
  for (const t of tables) h.update(t).update(JSON.stringify(db.$client.prepare(`select * from "${t}"`).all()));
  return h.digest('hex');
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'NaN',
    'Infinity',
    '9007199254740993',
    '2026-13-45',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    "' or 1=1 --",
    '\u0000',
    '\r\n',
    '\u202e',
    'scripting',
    'algorithm',
    '3',
    '4',
    'solved',
  ),
  fc.string({
    unit: fc.constantFrom('\u0000', '\u0007', '\u001b', '\r', '\n', '\t', '\u2028', 'é', '🙂'),
    maxLength: 30,
  }),
  fc.integer().map(String),
  fc.double().map(String),
);
const hostileValue = fc.oneof(
  hostileString,
  fc.array(hostileString, { maxLength: 3 }),
  fc.constant('x'.repeat(120_000)),
);
const hostileBody = (fields: string[]) =>
  fc.dictionary(fc.constantFrom(...fields, 'extra', '__proto__', 'constructor'), hostileValue, {
    maxKeys: fields.length + 2,
  });
const hostileSegment = fc.oneof(
  hostileString.map((s) => encodeURIComponent(s)),
  fc.constantFrom('0', '-1', '99999999999999999999', '1.5', 'abc', '%00', '%2e%2e'),
);

describe('hostile input never causes a 5xx, and a 4xx changes nothing', () => {
  it('on every form', async () => {
    const { app, db } = createTestApp();
    const { agent } = await signUp(app);
    const page = await startDrill(agent, 'scripting');
    const id = attemptIdFrom(page.text);
    const csrf = csrfFrom(page.text);
    const forms: [string, string[]][] = [
      [`/attempts/${id}/draft`, ['code', 'notes']],
      [`/attempts/${id}/hint`, ['code', 'notes']],
      [`/attempts/${id}/submit`, ['code', 'notes', 'outcome']],
      [`/attempts/${id}/grade`, ['grade']],
      [
        '/settings/scripting',
        [
          'desiredRetention',
          'newPerDay',
          'reviewsPerDay',
          'budgetEasyMinutes',
          'budgetMediumMinutes',
          'budgetHardMinutes',
          'drillDays',
        ],
      ],
      ['/settings/profile', ['timeZone', 'dayStartHour']],
      ['/register', ['username', 'password', 'next', 'timeZone']],
      [`/attempts/${id}/feedback`, ['body', 'group']],
      ['/feedback/read', ['attemptId', 'groupId', 'back']],
      ['/coach/read', ['attemptId', 'groupId']],
      ['/login', ['username', 'password', 'next']],
    ];
    for (const [path, fields] of forms) {
      await fc.assert(
        fc.asyncProperty(hostileBody(fields), async (body) => {
          const before = snapshot(db);
          const res = await agent
            .post(path)
            .type('form')
            .send({ ...body, _csrf: csrf });
          expect(res.status, `${path} ${JSON.stringify(body).slice(0, 200)}`).toBeLessThan(500);
          if (res.status >= 400) expect(snapshot(db), `${path} changed the database with ${res.status}`).toBe(before);
        }),
        { numRuns: 25 },
      );
    }
    // About 300 requests, some with 120 KB bodies: room for a loaded machine.
  }, 180_000);

  it('on every route and query parameter', async () => {
    const { app, db } = createTestApp();
    const { agent } = await signUp(app);
    await startDrill(agent, 'scripting');
    const routes = [
      (s: string) => `/drills/${s}`,
      (s: string) => `/attempts/${s}`,
      (s: string) => `/summary/${s}`,
      (s: string) => `/questions/${s}`,
      (s: string) => `/history?track=${s}&page=${s}&before=${s}`,
      (s: string) => `/questions?track=${s}&difficulty=${s}&topic=${s}&company=${s}&list=${s}&q=${s}`,
      (s: string) => `/login?next=${s}`,
      (s: string) => `/register?next=${s}`,
      (s: string) => `/attempts/${s}?group=${s}&page=${s}`,
      (s: string) => `/coach?page=${s}`,
      (s: string) => `/groups/${s}/members/${s}/${s}`,
      (s: string) => `/settings?saved=${s}`,
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), hostileSegment, async (route, segment) => {
        const before = snapshot(db);
        const res = await agent.get(route(segment));
        expect(res.status, route(segment)).toBeLessThan(500);
        if (res.status >= 400) expect(snapshot(db)).toBe(before);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
