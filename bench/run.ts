import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Request as CannonRequest, type Client, type Result } from 'autocannon';
import Database from 'better-sqlite3';
import { attemptExportSql } from '../src/export/export.repository.js';
import { readQuestionFile } from '../src/questions/bank.loader.js';
import { runQuestion } from '../src/questions/harness/harness.js';
import { createBareLauncher, type Launcher } from '../src/questions/harness/launch.js';
import { createSandboxLauncher, DEFAULT_SANDBOX, probeSandbox } from '../src/runner/sandbox.js';
import { systemClock } from '../src/shared/clock.js';
import { REPO_DIR, type ServerProcess, startServer } from '../tests/helpers/server-process.js';
import { csrfFor, type SeededUser, seedDatabase } from './seed.js';

// `npm run bench`: seeds a realistic database into a temp directory, then measures the app against
// baselines run by the same Node on the same machine *in the same run*, alternating baseline and
// app (A/B/A/B...) so a noisy moment hits both: each figure is the median of the per-round ratios,
// reported with its range. See the README's "Benchmarks" section.

const USERS = Number(process.env.BENCH_USERS ?? 200);
const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS ?? 1_000_000);
const CONNECTIONS = 50;
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 2);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
/** Live viewers on one mock, and how long they stay (the mocks-live figure). */
const LIVE_VIEWERS = Number(process.env.BENCH_LIVE_VIEWERS ?? 200);
const LIVE_S = Number(process.env.BENCH_LIVE_SECONDS ?? 30);
/** BENCH_PROFILE=1 writes a V8 CPU profile of the app server per figure into bench/out/. */
const PROFILE = process.env.BENCH_PROFILE === '1';
/** BENCH_ONLY=drill,cycle,... runs only those figures (for iterating on one). */
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean));
const SECRET = crypto.randomBytes(32).toString('base64url');
const OUT_DIR = path.join(REPO_DIR, 'bench/out');
const APP_SCRIPT = 'dist/server.js';
/**
 * The Node flags `npm start` gives the server (package.json's start script), so the bench runs
 * the app exactly as a user does.
 */
function startFlags(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const start = manifest.scripts.start ?? '';
  const m = /^node((?:\s+--\S+)*)\s+dist\/server\.js$/.exec(start.trim());
  if (!m) throw new Error(`package.json's start script is not "node [flags] ${APP_SCRIPT}": ${start}`);
  return (m[1] ?? '').trim().split(/\s+/).filter(Boolean);
}
const START_FLAGS = startFlags();

type Row = {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  pass: 'pass' | 'FAIL' | '-';
};
const rows: Row[] = [];
const notes: string[] = [];
const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const fmt = (n: number, digits = 0) => n.toFixed(digits);
const wanted = (name: string) => ONLY.size === 0 || ONLY.has(name);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
/** Per-round ratios: the median, and the range in brackets. */
const summary = (ratios: number[], digits = 2) =>
  `${fmt(median(ratios), digits)}x [${fmt(Math.min(...ratios), digits)}-${fmt(Math.max(...ratios), digits)}]`;

function appEnv(extra: Record<string, string> = {}) {
  return { SESSION_SECRET: SECRET, QUESTIONS_DIR: path.join(REPO_DIR, 'questions'), ...extra };
}

function startApp(
  databasePath: string,
  label: string,
  env: Record<string, string> = {},
  extraNodeArgs: string[] = [],
): Promise<ServerProcess> {
  const nodeArgs = [
    ...extraNodeArgs,
    ...START_FLAGS,
    ...(PROFILE ? ['--cpu-prof', '--cpu-prof-dir', path.join(OUT_DIR, `profile-${label}`)] : []),
  ];
  return startServer({ databasePath, env: appEnv(env), nodeArgs, script: APP_SCRIPT });
}

/** Per-connection state (the user a connection acts for) rides on autocannon's request context. */
type Ctx = { user?: SeededUser; attemptId?: string };
type IteratorClient = Client & {
  requestIterator?: { initialContext: Ctx; context: Ctx; rebuildRequest?: () => void };
};

function assignUsers(users: SeededUser[]) {
  let next = 0;
  return (client: Client) => {
    const user = users[next++ % users.length] as SeededUser;
    const it = (client as IteratorClient).requestIterator;
    if (!it) throw new Error('autocannon internals changed: no requestIterator on the client');
    it.initialContext = { user };
    it.context = { user };
    // autocannon builds each connection's first request before it calls setupClient, with an
    // empty context: build it again, or every connection's first request goes out without its
    // session (a 403 per connection, counted as bad).
    it.rebuildRequest?.();
  };
}

function cannon(opts: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function measure(
  label: string,
  opts: autocannon.Options,
  connections = CONNECTIONS,
  afterWarmup?: () => Promise<void>,
): Promise<Result> {
  await cannon({ ...opts, connections, duration: WARMUP_S });
  await afterWarmup?.();
  const r = await cannon({ ...opts, connections, duration: DURATION_S });
  log(`${label}: ${fmt(r.requests.average)} req/s, p99 ${r.latency.p99} ms, bad ${badResponses(r)}`);
  return r;
}

const badResponses = (r: Result) => (r['4xx'] ?? 0) + (r['5xx'] ?? 0) + r.errors + r.timeouts;

function withCookie(req: CannonRequest, ctx: Ctx, extra: Record<string, string> = {}): CannonRequest {
  return { ...req, headers: { ...(req.headers ?? {}), cookie: ctx.user?.cookie ?? '', ...extra } };
}

function attemptIdOf(body: string): string | undefined {
  return /data-attempt="(\d+)"/.exec(body)?.[1] ?? /action="\/attempts\/(\d+)\/(?:submit|grade)"/.exec(body)?.[1];
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Streams a GET to the end, counting bytes, sampling the server's RSS meanwhile. */
function timedDownload(url: string, headers: Record<string, string>, pid: number) {
  return new Promise<{ status: number; bytes: number; ms: number; peakRssKb: number }>((resolve, reject) => {
    const started = process.hrtime.bigint();
    let peak = rssKb(pid);
    const timer = setInterval(() => {
      peak = Math.max(peak, rssKb(pid));
    }, 20);
    http
      .get(url, { headers }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on('end', () => {
          clearInterval(timer);
          peak = Math.max(peak, rssKb(pid));
          resolve({
            status: res.statusCode ?? 0,
            bytes,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
            peakRssKb: peak,
          });
        });
        res.on('error', reject);
      })
      .on('error', (err) => {
        clearInterval(timer);
        reject(err);
      });
  });
}

function timeCommand(cmd: string, args: string[]) {
  return new Promise<{ ms: number; code: number | null; stderr: string }>((resolve) => {
    const started = process.hrtime.bigint();
    const out = fs.openSync('/dev/null', 'w');
    const child = spawn(cmd, args, { stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (err) => resolve({ ms: 0, code: -1, stderr: String(err) }));
    child.on('exit', (code) => {
      fs.closeSync(out);
      resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, code, stderr });
    });
  });
}

async function timeToHealthy(start: () => Promise<ServerProcess>) {
  const t = process.hrtime.bigint();
  const server = await start();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  await server.stop();
  return ms;
}

/** Opens an algorithm attempt per user as the Start button does (the drill page no longer opens one on GET). */
/** Submits and grades whatever algorithm attempt each user has open, so the next cycle starts clean. */
async function finishOpenAttempts(url: string, users: SeededUser[]) {
  const post = async (u: SeededUser, path: string, fields: Record<string, string>) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: u.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfFor(SECRET, u.token), ...fields }).toString(),
    });
    await res.arrayBuffer();
    if (res.status >= 400) throw new Error(`${path} for ${u.username}: ${res.status}`);
  };
  for (const u of users) {
    const res = await fetch(`${url}/drills/algorithm`, { headers: { cookie: u.cookie }, redirect: 'manual' });
    const body = await res.text();
    const id = attemptIdOf(body);
    if (res.status !== 200 || !id) continue;
    if (body.includes(`action="/attempts/${id}/submit"`))
      await post(u, `/attempts/${id}/submit`, { code: 'pass\n', notes: 'bench', outcome: 'solved' });
    await post(u, `/attempts/${id}/grade`, { grade: '3' });
  }
}

async function openAttempts(url: string, users: SeededUser[]) {
  for (const u of users) {
    const page = async () => {
      const res = await fetch(`${url}/drills/algorithm`, { headers: { cookie: u.cookie }, redirect: 'manual' });
      return { status: res.status, body: await res.text() };
    };
    let { status, body } = await page();
    if (status === 200 && !attemptIdOf(body) && body.includes('action="/drills/algorithm/start"')) {
      const started = await fetch(`${url}/drills/algorithm/start`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: u.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrfFor(SECRET, u.token) }).toString(),
      });
      await started.arrayBuffer();
      ({ status, body } = await page());
    }
    if (status !== 200 || !attemptIdOf(body))
      throw new Error(`drill page for ${u.username}: ${status} ${body.slice(0, 300)}`);
  }
}

async function main() {
  const wallStart = Date.now();
  fs.mkdirSync(OUT_DIR, { recursive: true });
  if (!fs.existsSync(path.join(REPO_DIR, APP_SCRIPT))) throw new Error(`${APP_SCRIPT} is missing: npm run build first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdrill-bench-'));
  const dbPath = path.join(dir, 'bench.db');
  log(`seeding ${USERS} users and ${ATTEMPTS} attempts into ${dbPath}`);
  const seedStart = Date.now();
  const seed = await seedDatabase({
    file: dbPath,
    questionsDir: path.join(REPO_DIR, 'questions'),
    clock: systemClock,
    users: USERS,
    attempts: ATTEMPTS,
    log,
  });
  const seedSeconds = (Date.now() - seedStart) / 1000;
  log(`seeded in ${fmt(seedSeconds, 1)} s`);

  const baseline = await startServer({ script: 'bench/baseline-server.ts' });
  const baseOpts: autocannon.Options = {
    url: baseline.url,
    setupClient: assignUsers(seed.users),
    requests: [{ method: 'GET', path: '/', setupRequest: (req, ctx) => withCookie(req, ctx as Ctx) }],
  };

  // 1. The drill page of candidates with an algorithm attempt open, A/B against the bare page.
  if (wanted('drill')) {
    const app = await startApp(dbPath, 'drill', { RUNNER: 'off' });
    const drillUsers = seed.users.slice(0, CONNECTIONS);
    await openAttempts(app.url, drillUsers);
    const throughput: number[] = [];
    const tails: number[] = [];
    let bad = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const b = await measure(`round ${round} baseline page`, baseOpts);
      const a = await measure(`round ${round} drill page`, {
        url: app.url,
        setupClient: assignUsers(drillUsers),
        requests: [
          { method: 'GET', path: '/drills/algorithm', setupRequest: (req, ctx) => withCookie(req, ctx as Ctx) },
        ],
      });
      throughput.push(a.requests.average / b.requests.average);
      tails.push(a.latency.p99 / Math.max(1, b.latency.p99));
      bad += badResponses(a);
    }
    await app.stop();
    rows.push({
      figure: '1. drill page GET /drills/algorithm, req/s',
      value: '',
      baseline: 'bare Express + EJS',
      ratio: summary(throughput),
      target: '>= 0.7x',
      pass: median(throughput) >= 0.7 && bad === 0 ? 'pass' : 'FAIL',
    });
    rows.push({
      figure: '1. drill page p99 latency',
      value: '',
      baseline: 'bare Express + EJS',
      ratio: summary(tails),
      target: '<= 2x',
      pass: median(tails) <= 2 ? 'pass' : 'FAIL',
    });
  }

  // 2. Open, submit and grade in a loop (self-reported outcomes: the database and web path; the
  // runner has its own figures below). Every request writes.
  if (wanted('cycle')) {
    const app = await startApp(dbPath, 'cycle', { RUNNER: 'off' });
    const form = (ctx: Ctx, fields: Record<string, string>) =>
      new URLSearchParams({ _csrf: csrfFor(SECRET, ctx.user?.token ?? ''), ...fields }).toString();
    const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
    const cycleOpts = (users: SeededUser[]): autocannon.Options => ({
      url: app.url,
      setupClient: assignUsers(users),
      requests: [
        // Open: Start (a POST) opens the next question, the drill page shows it.
        {
          method: 'POST',
          path: '/drills/algorithm/start',
          setupRequest: (req, context) => ({
            ...withCookie(req, context as Ctx, formHeaders),
            body: form(context as Ctx, {}),
          }),
        },
        {
          method: 'GET',
          path: '/drills/algorithm',
          setupRequest: (req, ctx) => withCookie(req, ctx as Ctx),
          onResponse: (_status, body, ctx) => {
            (ctx as Ctx).attemptId = attemptIdOf(body);
          },
        },
        {
          method: 'POST',
          setupRequest: (req, context) => {
            const ctx = context as Ctx;
            if (!ctx.attemptId) return undefined as unknown as CannonRequest;
            return {
              ...withCookie(req, ctx, formHeaders),
              path: `/attempts/${ctx.attemptId}/submit`,
              body: form(ctx, { code: 'def solve(x):\n    return sorted(x)\n', notes: 'bench', outcome: 'solved' }),
            };
          },
        },
        {
          method: 'POST',
          setupRequest: (req, context) => {
            const ctx = context as Ctx;
            if (!ctx.attemptId) return undefined as unknown as CannonRequest;
            return {
              ...withCookie(req, ctx, formHeaders),
              path: `/attempts/${ctx.attemptId}/grade`,
              body: form(ctx, { grade: '3' }),
            };
          },
        },
      ],
    });
    const ratios: number[] = [];
    let graded = 0;
    let bad = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const b = await measure(`round ${round} baseline page`, baseOpts);
      // Each round's candidates are fresh ones (the first 50 keep their drill page open): their
      // queues hold the same kind of work.
      const start = CONNECTIONS * (1 + ((round - 1) % 3));
      const users = seed.users.slice(start, start + CONNECTIONS);
      // The warm-up stops each connection mid-cycle: finish what it left open, or the measured run
      // starts with a submit of a submitted attempt (a 409 per connection, counted as bad).
      const a = await measure(`round ${round} open + submit + grade`, cycleOpts(users), CONNECTIONS, () =>
        finishOpenAttempts(app.url, users),
      );
      ratios.push(a.requests.average / b.requests.average);
      graded = Math.max(graded, a.requests.average / 4);
      bad += badResponses(a);
    }
    await app.stop();
    rows.push({
      figure: '2. start + page + submit + grade, req/s',
      value: `${fmt(graded)} graded attempts/s (best round)`,
      baseline: 'bare Express + EJS',
      ratio: summary(ratios),
      target: '>= 0.35x',
      pass: median(ratios) >= 0.35 && bad === 0 ? 'pass' : 'FAIL',
    });
  }
  await baseline.stop();

  // 3. CSV export of every attempt (the cohort group's) against sqlite3 -csv running the very SQL
  // the route streams, with its parameters inlined, on the same file; alternating.
  if (wanted('export')) {
    const app = await startApp(dbPath, 'export', { RUNNER: 'off' });
    const { text, params } = attemptExportSql({
      scope: { groupId: seed.cohortGroupId },
      filter: { page: 1 },
      include: { code: true, notes: true },
    });
    let p = 0;
    const literal = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
    const exportSql = text.replace(/\?/g, () => literal(params[p++]));
    // Warm the route with one candidate's export first, so the reading below is growth with the
    // row count, not the first request's JIT and heap warm-up.
    await timedDownload(
      `${app.url}/me/attempts.csv?include=code,notes`,
      { cookie: (seed.users[1] as SeededUser).cookie },
      app.pid,
    );
    await new Promise((r) => setTimeout(r, 500));
    const idleRss = rssKb(app.pid);
    const ratios: number[] = [];
    let growth = 0;
    let mb = 0;
    let ok = true;
    for (let round = 1; round <= ROUNDS; round++) {
      const cli = await timeCommand('sqlite3', ['-csv', '-header', dbPath, exportSql]);
      if (cli.code !== 0) {
        log(`sqlite3 failed (${cli.code}): ${cli.stderr.slice(0, 300)} — install it with: apt-get install sqlite3`);
        ok = false;
        break;
      }
      const r = await timedDownload(
        `${app.url}/groups/${seed.cohortGroupId}/attempts.csv?include=code,notes`,
        { cookie: seed.coach.cookie },
        app.pid,
      );
      ok &&= r.status === 200;
      ratios.push(r.ms / cli.ms);
      growth = Math.max(growth, (r.peakRssKb - idleRss) / 1024);
      mb = r.bytes / 1e6;
      log(`round ${round} export: ${fmt(mb)} MB in ${fmt(r.ms)} ms vs sqlite3 ${fmt(cli.ms)} ms`);
    }
    await app.stop();
    rows.push({
      figure: `3. CSV export GET /groups/:id/attempts.csv (${fmt(mb)} MB), time`,
      value: '',
      baseline: 'sqlite3 -csv, same SQL',
      ratio: ratios.length ? summary(ratios) : '-',
      target: '<= 2x',
      pass: ok && ratios.length > 0 && median(ratios) <= 2 ? 'pass' : 'FAIL',
    });
    rows.push({
      figure: '3. CSV export server RSS growth',
      value: `${fmt(growth, 1)} MB (largest of the rounds)`,
      baseline: `${fmt(idleRss / 1024)} MB before`,
      ratio: '-',
      target: '< 50 MB',
      pass: ok && growth < 50 ? 'pass' : 'FAIL',
    });
  }

  // 4. Time to the first healthy /healthz: bare Express against the app restarting on the seeded
  // database with the bank unchanged (warm: npm start's compiled server), alternating.
  if (wanted('startup')) {
    const cold = await timeToHealthy(() => startApp(path.join(dir, 'cold.db'), 'cold', { RUNNER: 'off' }));
    await timeToHealthy(() => startApp(dbPath, 'warm-0'));
    const ratios: number[] = [];
    const warmMs: number[] = [];
    const baseMs: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const b = await timeToHealthy(() => startServer({ script: 'bench/baseline-server.ts' }));
      const a = await timeToHealthy(() => startApp(dbPath, `warm-${round}`));
      baseMs.push(b);
      warmMs.push(a);
      ratios.push(a / b);
      log(`round ${round} startup: baseline ${fmt(b)} ms, warm ${fmt(a)} ms`);
    }
    rows.push({
      figure: '4. startup, warm (seeded DB, bank unchanged, runner probed)',
      value: `${fmt(median(warmMs))} ms`,
      baseline: `${fmt(median(baseMs))} ms (bare Express)`,
      ratio: summary(ratios),
      target: '<= 2x',
      pass: median(ratios) <= 2 ? 'pass' : 'FAIL',
    });
    rows.push({
      figure: '4. startup, cold (fresh DB: migrate + sync the whole bank)',
      value: `${fmt(cold)} ms`,
      baseline: `${fmt(median(baseMs))} ms (bare Express)`,
      ratio: `${fmt(cold / median(baseMs), 1)}x`,
      target: 'report',
      pass: '-',
    });
  }

  // 5. The runner: sandboxed runs against bare `python3 driver.py` on the same case, and what one
  // sandbox start costs; then the drill page's p99 while every core runs submissions.
  if (wanted('runner')) {
    const probe = probeSandbox(DEFAULT_SANDBOX);
    if (!probe.ok) {
      notes.push(`Runner figures skipped: ${probe.reason}`);
    } else {
      const q = readQuestionFile(path.join(REPO_DIR, 'questions'), 'algorithm', 'two-sum');
      const sandbox = createSandboxLauncher(DEFAULT_SANDBOX, 0);
      const bare = createBareLauncher();
      const runs = 30;
      const timeRuns = async (launcher: Launcher) => {
        const started = performance.now();
        for (let i = 0; i < runs; i++) {
          const r = await runQuestion({ question: q, solution: q.solution, launcher, indices: [0] });
          if (r.passed !== r.total) throw new Error(`the reference failed a case under ${launcher.name}`);
        }
        return (performance.now() - started) / runs;
      };
      await timeRuns(sandbox);
      const ratios: number[] = [];
      const sandboxMs: number[] = [];
      const bareMs: number[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const b = await timeRuns(bare);
        const s = await timeRuns(sandbox);
        bareMs.push(b);
        sandboxMs.push(s);
        ratios.push(b / s);
        log(`round ${round} one case: bare ${fmt(b)} ms, sandboxed ${fmt(s)} ms`);
      }
      rows.push({
        figure: '5. sandboxed runs/s, one case (driver + judge)',
        value: `${fmt(1000 / median(sandboxMs), 1)} runs/s`,
        baseline: `${fmt(1000 / median(bareMs), 1)} runs/s (bare python3 driver)`,
        ratio: summary(ratios),
        target: '>= 0.5x',
        pass: median(ratios) >= 0.5 ? 'pass' : 'FAIL',
      });
      rows.push({
        figure: '5. cost of one sandbox start',
        value: `${fmt(median(sandboxMs) - median(bareMs))} ms`,
        baseline: '-',
        ratio: '-',
        target: 'report',
        pass: '-',
      });

      // The drill page's p99 idle, then while two candidates keep both cores busy with submissions.
      const app = await startApp(dbPath, 'runner-load');
      const drillUsers = seed.users.slice(0, 10);
      await openAttempts(app.url, drillUsers);
      const drillOpts: autocannon.Options = {
        url: app.url,
        setupClient: assignUsers(drillUsers),
        requests: [
          { method: 'GET', path: '/drills/algorithm', setupRequest: (req, ctx) => withCookie(req, ctx as Ctx) },
        ],
      };
      const runners = seed.users.slice(150, 152);
      await openAttempts(app.url, runners);
      const attemptOf = async (u: SeededUser) =>
        attemptIdOf(await (await fetch(`${app.url}/drills/algorithm`, { headers: { cookie: u.cookie } })).text());
      const ids = await Promise.all(runners.map(attemptOf));
      // CPU-bound at import, whatever the question: every case spins until its time limit.
      const busyCode = 'n = 0\nfor i in range(300_000_000):\n    n += i\n';
      const tailRatios: number[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const idle = await measure(`round ${round} drill page, idle`, drillOpts, 10);
        let stop = false;
        let completed = 0;
        const load = runners.map(async (u, i) => {
          while (!stop) {
            const res = await fetch(`${app.url}/attempts/${ids[i]}/run`, {
              method: 'POST',
              headers: {
                cookie: u.cookie,
                'content-type': 'application/x-www-form-urlencoded',
                accept: 'application/json',
              },
              body: new URLSearchParams({
                _csrf: csrfFor(SECRET, u.token),
                code: busyCode,
                scope: 'examples',
              }).toString(),
            });
            await res.arrayBuffer();
            if (res.status === 200) completed++;
            else await new Promise((r) => setTimeout(r, 200));
          }
        });
        await new Promise((r) => setTimeout(r, 1000));
        const loaded = await measure(`round ${round} drill page, both cores running code`, drillOpts, 10);
        stop = true;
        await Promise.all(load);
        log(`round ${round}: ${completed} runs completed during the loaded measurement`);
        tailRatios.push(loaded.latency.p99 / Math.max(1, idle.latency.p99));
      }
      await app.stop();
      rows.push({
        figure: '5. drill page p99 while both cores run submissions',
        value: '',
        baseline: 'the same page, idle',
        ratio: summary(tailRatios),
        target: '<= 3x',
        pass: median(tailRatios) <= 3 ? 'pass' : 'FAIL',
      });
    }
  }

  // 6. Coaches watching a mock live: 200 SSE streams on one mock for LIVE_S seconds while the
  // candidate's page saves a draft every 2 s; the drill page's p99 then, against the same page idle.
  if (wanted('mocks-live')) {
    const candidate = seed.users.at(-1) as SeededUser;
    // A panel of coaches for the candidate (MOCK_LIVE_PER_COACH=3 streams each), written before the
    // app starts: joining a group as a member is the consent to be watched.
    const viewersPerCoach = 3;
    const panel = seed.users.slice(100, 100 + Math.ceil(LIVE_VIEWERS / viewersPerCoach));
    if (panel.length * viewersPerCoach < LIVE_VIEWERS)
      throw new Error('mocks-live needs more seeded users (BENCH_USERS)');
    {
      const sqlite = new Database(dbPath);
      const now = Date.now();
      const groupId = Number(
        sqlite
          .prepare('insert into groups (name, invite_code, created_by, created_at) values (?, ?, ?, ?)')
          .run('Live panel', `bench-live-${crypto.randomBytes(6).toString('hex')}`, panel[0]?.id, now).lastInsertRowid,
      );
      const member = sqlite.prepare(
        'insert into group_members (group_id, user_id, role, joined_at) values (?, ?, ?, ?)',
      );
      sqlite.transaction(() => {
        member.run(groupId, candidate.id, 'member', now);
        for (const c of panel) member.run(groupId, c.id, 'coach', now);
      })();
      sqlite.close();
    }
    const app = await startApp(dbPath, 'mocks-live', { RUNNER: 'off' }, [
      '--expose-gc',
      '--import',
      path.join(REPO_DIR, 'bench/gc-probe.mjs'),
    ]);
    // The heap in use after a full collection (bench/gc-probe.mjs), in bytes.
    const heapAfterGc = async () => {
      const from = app.output().length;
      process.kill(app.pid, 'SIGUSR2');
      const deadline = Date.now() + 10_000;
      for (;;) {
        const m = /gc-probe heapUsed=(\d+)/.exec(app.output().slice(from));
        if (m) return Number(m[1]);
        if (Date.now() > deadline) throw new Error('the gc probe did not answer');
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const heapAfterClose: number[] = [];
    const heapLines: string[] = [];
    const form = (u: SeededUser, fields: Record<string, string>) => ({
      method: 'POST',
      redirect: 'manual' as const,
      headers: { cookie: u.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ _csrf: csrfFor(SECRET, u.token), ...fields }).toString(),
    });
    const started = await fetch(`${app.url}/mocks`, form(candidate, { format: 'loop' }));
    const mockId = /\/mocks\/(\d+)/.exec(started.headers.get('location') ?? '')?.[1];
    if (started.status !== 303 || !mockId)
      throw new Error(`could not start a mock: ${started.status} ${(await started.text()).slice(0, 300)}`);
    const drillUsers = seed.users.slice(0, 10);
    await openAttempts(app.url, drillUsers);
    const drillOpts: autocannon.Options = {
      url: app.url,
      setupClient: assignUsers(drillUsers),
      requests: [{ method: 'GET', path: '/drills/algorithm', setupRequest: (req, ctx) => withCookie(req, ctx as Ctx) }],
    };
    // A realistic answer being typed: ~1.5 KB, one more line every save.
    const codeAt = (i: number) =>
      `import re\nfrom collections import Counter\n\n\ndef top_errors(lines, n=3):\n    counts = Counter()\n${'    for line in lines:\n        m = re.search(r"ERROR (\\w+)", line)\n        if m:\n            counts[m.group(1)] += 1\n'.repeat(8)}    return counts.most_common(n)  # edit ${i}\n`;

    const tailRatios: number[] = [];
    const rssAfterClose: number[] = [];
    const rssLines: string[] = [];
    let delivery = '';
    let refused = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const idle = await measure(`round ${round} drill page, idle`, drillOpts, 10);
      const rssBefore = rssKb(app.pid);
      let peak = rssBefore;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssKb(app.pid));
      }, 500);
      // Every viewer counts the code events it receives.
      const received: number[] = new Array(LIVE_VIEWERS).fill(0);
      const requests: http.ClientRequest[] = [];
      await Promise.all(
        Array.from(
          { length: LIVE_VIEWERS },
          (_, i) =>
            new Promise<void>((resolve, reject) => {
              const coach = panel[Math.floor(i / viewersPerCoach)] as SeededUser;
              const req = http.get(
                `${app.url}/mocks/${mockId}/live`,
                { headers: { cookie: coach.cookie, accept: 'text/event-stream' } },
                (res) => {
                  if (res.statusCode !== 200) {
                    refused++;
                    res.resume();
                    return resolve();
                  }
                  res.setEncoding('utf8');
                  let tail = '';
                  res.on('data', (chunk: string) => {
                    const text = tail + chunk;
                    received[i] = (received[i] ?? 0) + (text.match(/^event: code$/gm)?.length ?? 0);
                    // Keep a partial line for the next chunk (an event split across two reads).
                    tail = text.slice(text.lastIndexOf('\n') + 1);
                  });
                  res.on('error', () => {});
                  resolve();
                },
              );
              req.on('error', reject);
              requests.push(req);
            }),
        ),
      );
      const connectedAt = Date.now();
      let saves = 0;
      let stop = false;
      const typing = (async () => {
        while (!stop) {
          const res = await fetch(
            `${app.url}/mocks/${mockId}/draft`,
            form(candidate, { position: '0', code: codeAt(round * 1000 + saves) }),
          );
          await res.arrayBuffer();
          if (res.status === 200) saves++;
          await new Promise((r) => setTimeout(r, 2000));
        }
      })();
      const loaded = await measure(`round ${round} drill page, ${LIVE_VIEWERS} live viewers`, drillOpts, 10);
      const left = LIVE_S * 1000 - (Date.now() - connectedAt);
      if (left > 0) await new Promise((r) => setTimeout(r, left));
      const rssWith = rssKb(app.pid);
      stop = true;
      await typing;
      clearInterval(sampler);
      // The last save's fan-out: give it a moment to reach every socket before counting.
      await new Promise((r) => setTimeout(r, 300));
      const min = Math.min(...received);
      delivery = `${saves} drafts saved in round ${round}; every viewer received ${min}-${Math.max(...received)} code events (including the one on connect)`;
      for (const req of requests) req.destroy();
      await new Promise((r) => setTimeout(r, 1000));
      const closed = rssKb(app.pid);
      rssAfterClose.push(closed);
      const heap = await heapAfterGc();
      heapAfterClose.push(heap);
      heapLines.push(`round ${round}: ${fmt(heap / 1024 / 1024, 1)} MB`);
      rssLines.push(
        `round ${round}: ${fmt(rssBefore / 1024)} MB before, ${fmt(rssWith / 1024)} MB after ${LIVE_S} s with ${LIVE_VIEWERS} viewers (peak ${fmt(peak / 1024)}), ${fmt(closed / 1024)} MB after they left`,
      );
      log(rssLines.at(-1) ?? '');
      log(delivery);
      if (min < saves) notes.push(`mocks-live round ${round}: a viewer missed drafts (${delivery})`);
      tailRatios.push(loaded.latency.p99 / Math.max(1, idle.latency.p99));
    }
    await app.stop();
    const growthMb = ((rssAfterClose.at(-1) ?? 0) - (rssAfterClose[0] ?? 0)) / 1024;
    const heapGrowthMb = ((heapAfterClose.at(-1) ?? 0) - (heapAfterClose[0] ?? 0)) / 1024 / 1024;
    rows.push({
      figure: `6. drill page p99 with ${LIVE_VIEWERS} live viewers on one mock (drafts every 2 s)`,
      value: '',
      baseline: 'the same page, idle',
      ratio: summary(tailRatios),
      target: '<= 2x',
      pass: median(tailRatios) <= 2 && refused === 0 ? 'pass' : 'FAIL',
    });
    rows.push({
      figure: '6. server heap in use after a full GC, once the viewers left',
      value: heapLines.join('; '),
      baseline: '-',
      ratio: '-',
      target: `growth over rounds < 20 MB (${fmt(heapGrowthMb, 1)} MB)`,
      pass: heapGrowthMb < 20 && refused === 0 ? 'pass' : 'FAIL',
    });
    rows.push({
      figure: '6. server RSS with live viewers',
      value: rssLines.join('; '),
      baseline: '-',
      ratio: '-',
      target: `report (growth over rounds ${fmt(growthMb, 1)} MB: V8 and malloc hand memory back when they choose)`,
      pass: '-',
    });
    notes.push(`6: ${delivery}${refused ? `; ${refused} streams refused` : ''}.`);
  }

  const header = '| figure | value | baseline | ratio: median [range] | target | result |\n|---|---|---|---|---|---|';
  const table = [
    header,
    ...rows.map((r) => `| ${r.figure} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.pass} |`),
  ].join('\n');
  const totalS = (Date.now() - wallStart) / 1000;
  const cpu = os.cpus();
  const md = `# Benchmark results

Run by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.
Load average when the run ended: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}.
Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}.
Data: ${USERS} candidates + 1 coach, ${seed.questionIds.algorithm.length + seed.questionIds.scripting.length} questions (cards for every user),
${seed.attempts} graded attempts over a year, groups of 10 and one cohort group of everyone (seeded in ${fmt(seedSeconds)} s).
Method: every ratio is app / baseline measured in the same run, alternating baseline and app for ${ROUNDS} rounds
(${WARMUP_S} s warm-up, ${DURATION_S} s measured each, autocannon with ${CONNECTIONS} connections unless noted); the table gives
the median of the per-round ratios and their range. Servers are child processes with \`NODE_ENV=production\`; the app is
\`${APP_SCRIPT}\` as \`npm start\` runs it (\`node ${START_FLAGS.join(' ')} ${APP_SCRIPT}\`); the page baseline is \`bench/baseline-server.ts\` (Express 5 + EJS, a title and a
20-item list, no database).

${table}

- 1: ${CONNECTIONS} candidates, each with an algorithm attempt open, one per connection.
- 2: ${CONNECTIONS} candidates per round (fresh ones each round), one per connection, each looping POST
  /drills/algorithm/start (opens the next due card as a new attempt), GET /drills/algorithm (shows it), POST /attempts/:id/submit (self-reported outcome, RUNNER=off), POST
  /attempts/:id/grade (FSRS update, attempt row and card in one transaction).
- 3: the coach of a cohort group holding every candidate downloads its export with code and notes, to the last byte;
  sqlite3 runs the route's own SQL to /dev/null. RSS is the server's VmRSS sampled every 20 ms during the download.
- 4: time from spawning the process to the first healthy /healthz.
- 5: one case of two-sum, reference solution, 30 sequential runs per round through the harness (driver + judge), in
  the bubblewrap sandbox vs the same driver without it; the start cost is the difference per run. Then the drill page
  (10 connections) idle, and while two candidates each keep a CPU-bound submission running (RUNNER=bwrap, 2 workers).
- 6: a candidate runs a full-loop mock and saves a draft (~1.5 KB) every 2 s; ${LIVE_VIEWERS} SSE streams (3 per coach, coaches of
  a group the candidate is in) follow it for ${LIVE_S} s per round; the drill page (10 connections) is measured idle, then
  during those ${LIVE_S} s. Stable memory is judged on the heap V8 still holds after a full collection once the viewers
  left (the app runs with \`--expose-gc\` and bench/gc-probe.mjs, which collects on SIGUSR2): "growth over rounds"
  compares the last round with the first. The RSS beside it swings by tens of MB between rounds with the moment V8 and
  malloc return memory, so it is reported, not judged.
${notes.map((n) => `- ${n}`).join('\n')}
- Total bench time: ${fmt(totalS)} s.
`;
  const findingsFile = path.join(REPO_DIR, 'bench/FINDINGS.md');
  const findings = fs.existsSync(findingsFile) ? `\n${fs.readFileSync(findingsFile, 'utf8')}` : '';
  if (ONLY.size === 0) fs.writeFileSync(path.join(REPO_DIR, 'bench/RESULTS.md'), md + findings);
  console.log(`\n${table}\n`);
  log(
    `${ONLY.size === 0 ? 'wrote bench/RESULTS.md' : 'partial run (BENCH_ONLY): RESULTS.md unchanged'} in ${fmt(totalS)} s total`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
  if (rows.some((r) => r.pass === 'FAIL')) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
