import type { Express } from 'express';
import request, { type Agent } from 'supertest';
import { createApp } from '../../src/app.js';
import { type Config, parseConfig } from '../../src/config.js';
import { type Db, migrateDatabase, openDatabase } from '../../src/db/database.js';
import { prepareBank } from '../../src/questions/bank.sync.js';
import type { Catalog } from '../../src/questions/catalog.js';
import { createBareLauncher } from '../../src/questions/harness/launch.js';
import type { RunQueue } from '../../src/runner/runner.queue.js';
import { queueFor } from '../../src/runner/runner.setup.js';
import { createSandboxLauncher, DEFAULT_SANDBOX, probeSandbox } from '../../src/runner/sandbox.js';
import { createFixedClock, type FixedClock } from '../../src/shared/clock.js';
import { writeFixtureBank } from './bank.js';

export type TestContext = {
  app: Express;
  db: Db;
  clock: FixedClock;
  config: Config;
  bankDir: string;
  runQueue: RunQueue | null;
  catalog: Catalog;
};

/**
 * Where a test app runs code: nowhere (self-reported outcomes, the default), in the real
 * bubblewrap sandbox, or bare (the bank's own harness without a sandbox, for flow tests that do
 * not test isolation).
 */
export type TestRunner = 'off' | 'sandbox' | 'bare';

export function testRunQueue({
  runner,
  config,
  clock,
}: {
  runner: TestRunner;
  config: Config;
  clock: FixedClock;
}): RunQueue | null {
  if (runner === 'off') return null;
  if (runner === 'bare') return queueFor({ config, clock, launcherFor: () => createBareLauncher() });
  const probe = probeSandbox(DEFAULT_SANDBOX);
  if (!probe.ok) throw new Error(`the sandbox tests need bubblewrap (apt-get install bubblewrap): ${probe.reason}`);
  return queueFor({ config, clock, launcherFor: (slot) => createSandboxLauncher(DEFAULT_SANDBOX, slot) });
}

/** A fresh migrated in-memory database, a small bank and a clock the test moves. */
export function createTestApp({
  start = '2026-03-02T10:00:00Z',
  bank = {},
  questionsDir,
  config: overrides = {},
  runner = 'off',
}: {
  start?: string;
  bank?: { scripting?: number; algorithm?: number; copy?: string[] };
  /** A bank folder to use instead of a small fixture bank (e.g. the real one). */
  questionsDir?: string;
  config?: Partial<Config>;
  runner?: TestRunner;
} = {}): TestContext {
  const clock = createFixedClock(start);
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const bankDir = questionsDir ?? writeFixtureBank(bank);
  const config: Config = {
    ...parseConfig({ NODE_ENV: 'test' }),
    questionsDir: bankDir,
    fsrsFuzz: false,
    scryptCost: 1024,
    loginRateLimit: 1000,
    registerRateLimit: 1000,
    ...overrides,
  };
  const { catalog } = prepareBank({ db, questionsDir: bankDir, clock });
  const runQueue = testRunQueue({ runner, config, clock });
  const app = createApp({ db, clock, config, catalog, runQueue });
  return { app, db, clock, config, bankDir, runQueue, catalog };
}

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSRF token in page');
  return m[1];
}

/** A signed-in browser-like agent (keeps cookies) with its current CSRF token. */
export async function signUp(app: Express, username = 'alice', password = 'correct horse battery') {
  const agent = request.agent(app);
  const page = await agent.get('/register');
  const res = await agent
    .post('/register')
    .type('form')
    .send({ username, password, _csrf: csrfFrom(page.text) });
  if (res.status !== 303) throw new Error(`sign-up failed: ${res.status} ${res.text.slice(0, 500)}`);
  const today = await agent.get('/today');
  return { agent, csrf: csrfFrom(today.text) };
}

export function rowCount(db: Db, table: string): number {
  return (db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

export function attemptIdFrom(html: string): number {
  const m = /data-attempt="(\d+)"/.exec(html);
  if (!m?.[1]) throw new Error('no attempt on this page');
  return Number(m[1]);
}

/**
 * Start (POST) or continue the drill of a track and return the drill page, as a candidate pressing
 * Start on Today would; a redirect (nothing to serve) comes back as it is.
 */
export async function startDrill(agent: Agent, track: 'scripting' | 'algorithm'): Promise<request.Response> {
  const ready = await agent.get(`/drills/${track}`);
  if (
    ready.status !== 200 ||
    !ready.text.includes(`action="/drills/${track}/start"`) ||
    ready.text.includes('data-attempt=')
  )
    return ready;
  const started = await agent
    .post(`/drills/${track}/start`)
    .type('form')
    .send({ _csrf: csrfFrom(ready.text) });
  if (started.status !== 303) throw new Error(`starting the ${track} drill failed: ${started.status}`);
  if (started.headers.location !== `/drills/${track}`) return started;
  return agent.get(`/drills/${track}`);
}

/** Serve, submit and grade the next question of a track (5 minutes spent); null when none is left. */
export async function answerNext(
  agent: Agent,
  clock: FixedClock,
  track: 'scripting' | 'algorithm',
  grade: number,
): Promise<number | null> {
  const page = await startDrill(agent, track);
  if (page.status !== 200) return null;
  const id = attemptIdFrom(page.text);
  const csrf = csrfFrom(page.text);
  clock.advance({ minutes: 5 });
  const submitted = await agent
    .post(`/attempts/${id}/submit`)
    .type('form')
    .send({ _csrf: csrf, code: 'x', outcome: grade === 1 ? 'failed' : 'solved' });
  const graded = await agent
    .post(`/attempts/${id}/grade`)
    .type('form')
    .send({ _csrf: csrf, grade: String(grade) });
  if (submitted.status !== 303 || graded.status !== 303)
    throw new Error(`answering attempt ${id} failed: ${submitted.status}/${graded.status}`);
  return id;
}

/** Save one track's settings through the form: the defaults of that track, with `values` over them. */
export async function saveTrackSettings(
  agent: Agent,
  track: 'scripting' | 'algorithm',
  values: Record<string, string | string[]> = {},
) {
  const page = await agent.get('/settings');
  const defaults =
    track === 'scripting'
      ? {
          newPerDay: '3',
          reviewsPerDay: '20',
          desiredRetention: '0.9',
          dailyMinutes: '45',
          drillDays: ['1', '2', '3', '4', '5', '6', '7'],
        }
      : {
          newPerDay: '2',
          reviewsPerDay: '10',
          desiredRetention: '0.85',
          dailyMinutes: '60',
          drillDays: ['1', '2', '3', '4', '5'],
        };
  const budgets =
    track === 'scripting'
      ? { budgetEasyMinutes: '15', budgetMediumMinutes: '25', budgetHardMinutes: '40' }
      : { budgetEasyMinutes: '20', budgetMediumMinutes: '35', budgetHardMinutes: '50' };
  const res = await agent
    .post(`/settings/${track}`)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...defaults, ...budgets, ...values });
  if (res.status !== 303) throw new Error(`saving ${track} settings failed: ${res.status} ${res.text.slice(0, 300)}`);
}

/** Tests about counts and order, not minutes: a budget large enough never to hold a question back. */
export async function unlimitedMinutes(agent: Agent) {
  await saveTrackSettings(agent, 'scripting', { dailyMinutes: '600' });
  await saveTrackSettings(agent, 'algorithm', { dailyMinutes: '600' });
}

/** A user whose day is Berlin's, starting at 04:00. */
export const BERLIN = { timeZone: 'Europe/Berlin', dayStartHour: 4 };

/**
 * A Berlin candidate who learned three scripting questions of 15 minutes each (Good, on Monday
 * 2026-03-02 at 11:00), then has `dailyMinutes` a day: for tests that then set the cards' state
 * by hand. The question ids come in the order they were learned.
 */
export async function threeLearnedScripting({ dailyMinutes }: { dailyMinutes: string }) {
  const { app, db, clock } = createTestApp({ start: '2026-03-02T10:00:00Z', bank: { scripting: 3, algorithm: 1 } });
  const { agent, csrf } = await signUp(app);
  await agent
    .post('/settings/profile')
    .type('form')
    .send({ _csrf: csrf, timeZone: BERLIN.timeZone, dayStartHour: String(BERLIN.dayStartHour) })
    .expect(303);
  const budgets = { budgetEasyMinutes: '15', budgetMediumMinutes: '15', budgetHardMinutes: '15' };
  // Room for the three while they are learned, whatever the day's minutes are set to afterwards.
  await saveTrackSettings(agent, 'scripting', { dailyMinutes: '120', ...budgets });
  for (let i = 0; i < 3; i++)
    if ((await answerNext(agent, clock, 'scripting', 3)) === null) throw new Error(`question ${i + 1} was not served`);
  await saveTrackSettings(agent, 'scripting', { dailyMinutes, ...budgets });
  const ids = (
    db.$client.prepare("select question_id from cards where track = 'scripting' order by id").all() as {
      question_id: string;
    }[]
  ).map((r) => r.question_id);
  if (ids.length !== 3) throw new Error(`expected 3 scripting cards, found ${ids.length}`);
  return { agent, db, clock, ids: ids as [string, string, string] };
}
