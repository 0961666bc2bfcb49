import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Request as CannonRequest, type Client, type Result } from 'autocannon';
import { attemptExportSql } from '../src/export/export.repository.js';
import { systemClock } from '../src/shared/clock.js';
import { REPO_DIR, type ServerProcess, startServer } from '../tests/helpers/server-process.js';
import { csrfFor, type SeededUser, seedDatabase } from './seed.js';

// `npm run bench`: seeds a realistic database into a temp directory, then measures the app
// against a bare Express + EJS page served by the same Node in the same run. See README.

const USERS = Number(process.env.BENCH_USERS ?? 200);
const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS ?? 1_000_000);
const CONNECTIONS = 50;
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
/** BENCH_PROFILE=1 writes a V8 CPU profile of the app server per step into bench/out/. */
const PROFILE = process.env.BENCH_PROFILE === '1';
const SECRET = crypto.randomBytes(32).toString('base64url');
const OUT_DIR = path.join(REPO_DIR, 'bench/out');

type Row = {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  pass: 'pass' | 'FAIL' | '-';
};
const rows: Row[] = [];
const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const fmt = (n: number, digits = 0) => n.toFixed(digits);

function appEnv(extra: Record<string, string> = {}) {
  return { SESSION_SECRET: SECRET, QUESTIONS_DIR: path.join(REPO_DIR, 'questions'), ...extra };
}

async function startApp(databasePath: string, label: string): Promise<ServerProcess> {
  // One profile per thread (tsx runs a loader thread too): the largest file is the server's.
  const nodeArgs = PROFILE ? ['--cpu-prof', '--cpu-prof-dir', path.join(OUT_DIR, `profile-${label}`)] : [];
  return startServer({ databasePath, env: appEnv(), nodeArgs });
}

/** Per-connection state (the user a connection acts for) rides on autocannon's request context. */
type Ctx = { user?: SeededUser; attemptId?: string };
type IteratorClient = Client & { requestIterator?: { initialContext: Ctx; context: Ctx } };

function assignUsers(users: SeededUser[]) {
  let next = 0;
  return (client: Client) => {
    const user = users[next++ % users.length]!;
    const it = (client as IteratorClient).requestIterator;
    if (!it) throw new Error('autocannon internals changed: no requestIterator on the client');
    it.initialContext = { user };
    it.context = { user };
  };
}

function cannon(opts: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function measure(label: string, opts: autocannon.Options): Promise<Result> {
  log(`${label}: warm-up ${WARMUP_S}s`);
  await cannon({ ...opts, duration: WARMUP_S });
  log(`${label}: measuring ${DURATION_S}s with ${CONNECTIONS} connections`);
  const r = await cannon({ ...opts, duration: DURATION_S });
  log(
    `${label}: ${fmt(r.requests.average)} req/s, p99 ${r.latency.p99} ms, non-2xx/3xx ${r.non2xx - countRedirects(r)}, errors ${r.errors}, timeouts ${r.timeouts}`,
  );
  return r;
}

const countRedirects = (r: Result) => r['3xx'] ?? 0;
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
function timedDownload(
  url: string,
  headers: Record<string, string>,
  pid: number,
): Promise<{ status: number; bytes: number; ms: number; peakRssKb: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let peak = rssKb(pid);
    const timer = setInterval(() => (peak = Math.max(peak, rssKb(pid))), 20);
    http
      .get(url, { headers }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
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

function timeCommand(cmd: string, args: string[]): Promise<{ ms: number; code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const out = fs.openSync('/dev/null', 'w');
    const child = spawn(cmd, args, { stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => resolve({ ms: 0, code: -1, stderr: String(err) }));
    child.on('exit', (code) => {
      fs.closeSync(out);
      resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, code, stderr });
    });
  });
}

async function timeToHealthy(start: () => Promise<ServerProcess>): Promise<{ ms: number; server: ServerProcess }> {
  const t = process.hrtime.bigint();
  const server = await start();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, server };
}

async function main() {
  const wallStart = Date.now();
  fs.mkdirSync(OUT_DIR, { recursive: true });
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

  // 4. Startup: cold is a fresh database (migrate + sync the whole bank); warm is a restart on
  // the seeded database with the bank unchanged. Baseline: the bare Express server's startup.
  const base0 = await timeToHealthy(() => startServer({ script: 'bench/baseline-server.ts' }));
  await base0.server.stop();
  const cold = await timeToHealthy(() => startServer({ databasePath: path.join(dir, 'cold.db'), env: appEnv() }));
  await cold.server.stop();
  const warm = await timeToHealthy(() => startServer({ databasePath: dbPath, env: appEnv() }));
  await warm.server.stop();
  log(`startup: baseline ${fmt(base0.ms)} ms, cold ${fmt(cold.ms)} ms, warm ${fmt(warm.ms)} ms`);

  // Baseline page.
  const baseline = await startServer({ script: 'bench/baseline-server.ts' });
  const baseOpts = (): autocannon.Options => ({
    url: baseline.url,
    connections: CONNECTIONS,
    setupClient: assignUsers(seed.users),
    requests: [{ method: 'GET', path: '/', setupRequest: (req, ctx) => withCookie(req, ctx as Ctx) }],
  });
  const base = await measure('baseline page', baseOpts());
  await baseline.stop();

  // A fresh server per figure: each profile (BENCH_PROFILE=1) and RSS reading covers one figure.
  let app = await startApp(dbPath, 'drill');

  // 1. Drill page: candidates 1..50 each have an algorithm attempt open (opened here, before the run).
  const drillUsers = seed.users.slice(0, CONNECTIONS);
  for (const u of drillUsers) {
    const res = await fetch(`${app.url}/drills/algorithm`, { headers: { cookie: u.cookie }, redirect: 'manual' });
    const body = await res.text();
    if (res.status !== 200 || !attemptIdOf(body))
      throw new Error(`drill page for ${u.username}: ${res.status} ${body.slice(0, 300)}`);
  }
  const drill = await measure('drill page', {
    url: app.url,
    connections: CONNECTIONS,
    setupClient: assignUsers(drillUsers),
    requests: [{ method: 'GET', path: '/drills/algorithm', setupRequest: (req, ctx) => withCookie(req, ctx as Ctx) }],
  });

  // 2. Submitting: each connection is one candidate (51..100) looping open -> submit -> grade.
  // Every request writes: GET opens the next attempt (queue + insert), POST submit stamps the
  // answer, POST grade runs FSRS and writes the attempt row and the card in one transaction.
  await app.stop();
  app = await startApp(dbPath, 'cycle');
  const cycleUsers = seed.users.slice(CONNECTIONS, CONNECTIONS * 2);
  const form = (ctx: Ctx, fields: Record<string, string>) =>
    new URLSearchParams({ _csrf: csrfFor(SECRET, ctx.user?.token ?? ''), ...fields }).toString();
  const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
  const cycle = await measure('submit + grade cycle', {
    url: app.url,
    connections: CONNECTIONS,
    setupClient: assignUsers(cycleUsers),
    requests: [
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

  // 3. CSV export of every attempt (the cohort group's), against sqlite3 -csv running the very
  // SQL the route streams from, with its parameters inlined as SQL literals, on the same file.
  await app.stop();
  app = await startApp(dbPath, 'export');
  const { text, params } = attemptExportSql({
    scope: { groupId: seed.cohortGroupId },
    filter: { page: 1 },
    include: { code: true, notes: true },
  });
  let p = 0;
  const literal = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
  const exportSql = text.replace(/\?/g, () => literal(params[p++]));
  const cli = await timeCommand('sqlite3', ['-csv', '-header', dbPath, exportSql]);
  if (cli.code !== 0)
    log(`sqlite3 failed (${cli.code}): ${cli.stderr.slice(0, 300)} — install it with: apt-get install sqlite3`);
  // Warm the route with one candidate's export first, so the reading below is growth with the
  // row count, not the first request's JIT and heap warm-up.
  await timedDownload(`${app.url}/me/attempts.csv?include=code,notes`, { cookie: seed.users[1]!.cookie }, app.pid);
  await new Promise((r) => setTimeout(r, 500));
  const idleRss = rssKb(app.pid);
  let exportRow: { route: string; status: number; bytes: number; ms: number; peakRssKb: number } | undefined;
  for (const [route, user] of [
    [`/groups/${seed.cohortGroupId}/attempts.csv?include=code,notes`, seed.coach],
    ['/me/attempts.csv?include=code,notes', seed.users[0]!],
  ] as const) {
    const r = await timedDownload(`${app.url}${route}`, { cookie: user.cookie }, app.pid);
    exportRow = { route, ...r };
    log(
      `export ${route}: ${r.status}, ${fmt(r.bytes / 1e6, 1)} MB in ${fmt(r.ms)} ms, RSS ${fmt(idleRss / 1024)} -> ${fmt(r.peakRssKb / 1024)} MB`,
    );
    if (r.status !== 404) break;
  }
  await app.stop();

  // The table.
  const ratioRow = (
    figure: string,
    value: number,
    baselineValue: number,
    unit: string,
    target: string,
    ok: boolean,
    digits = 0,
  ): Row => ({
    figure,
    value: `${fmt(value, digits)} ${unit}`,
    baseline: `${fmt(baselineValue, digits)} ${unit}`,
    ratio: baselineValue > 0 ? `${fmt(value / baselineValue, 2)}x` : '-',
    target,
    pass: ok ? 'pass' : 'FAIL',
  });
  const drillRatio = drill.requests.average / base.requests.average;
  const drillClean = badResponses(drill) === 0;
  rows.push(
    ratioRow(
      '1. drill page GET /drills/algorithm, req/s',
      drill.requests.average,
      base.requests.average,
      'req/s',
      '>= 0.6x',
      drillRatio >= 0.6 && drillClean,
    ),
  );
  rows.push(
    ratioRow(
      '1. drill page p99 latency',
      drill.latency.p99,
      base.latency.p99,
      'ms',
      '<= 2x',
      drill.latency.p99 <= 2 * Math.max(1, base.latency.p99),
    ),
  );
  const cycleRatio = cycle.requests.average / base.requests.average;
  rows.push(
    ratioRow(
      '2. open + submit + grade, req/s (every request writes)',
      cycle.requests.average,
      base.requests.average,
      'req/s',
      '>= 0.3x',
      cycleRatio >= 0.3 && badResponses(cycle) === 0,
    ),
  );
  rows.push({
    figure: '2. open + submit + grade p99 latency',
    value: `${cycle.latency.p99} ms`,
    baseline: `${base.latency.p99} ms`,
    ratio: `${fmt(cycle.latency.p99 / Math.max(1, base.latency.p99), 2)}x`,
    target: 'report',
    pass: '-',
  });
  rows.push({
    figure: '2. graded attempts per second',
    value: `${fmt(cycle.requests.average / 3)} /s`,
    baseline: '-',
    ratio: '-',
    target: 'report',
    pass: '-',
  });
  if (!exportRow || exportRow.status === 404) {
    rows.push({
      figure: '3. CSV export: export route missing',
      value: '404',
      baseline: `${fmt(cli.ms)} ms (sqlite3 -csv)`,
      ratio: '-',
      target: '<= 2x',
      pass: 'FAIL',
    });
  } else {
    const ok = exportRow.status === 200 && cli.code === 0;
    rows.push({
      ...ratioRow(
        `3. CSV export GET ${exportRow.route.replace(/\/\d+\//, '/:id/').replace(/\?.*/, '')} (${fmt(exportRow.bytes / 1e6)} MB), time`,
        exportRow.ms,
        cli.ms,
        'ms',
        '<= 2x',
        ok && exportRow.ms <= 2 * cli.ms,
      ),
      baseline: `${fmt(cli.ms)} ms (sqlite3 -csv)`,
    });
    const growthMb = (exportRow.peakRssKb - idleRss) / 1024;
    rows.push({
      figure: '3. CSV export server RSS growth',
      value: `${fmt(growthMb, 1)} MB`,
      baseline: `${fmt(idleRss / 1024)} MB before`,
      ratio: '-',
      target: '<= 50 MB',
      pass: ok && growthMb <= 50 ? 'pass' : 'FAIL',
    });
  }
  rows.push({
    figure: '4. startup, cold (fresh DB: migrate + sync full bank)',
    value: `${fmt(cold.ms)} ms`,
    baseline: `${fmt(base0.ms)} ms (bare Express)`,
    ratio: `${fmt(cold.ms / base0.ms, 1)}x`,
    target: 'report',
    pass: '-',
  });
  rows.push({
    figure: '4. startup, warm (bank unchanged, seeded DB)',
    value: `${fmt(warm.ms)} ms`,
    baseline: `${fmt(base0.ms)} ms (bare Express)`,
    ratio: `${fmt(warm.ms / base0.ms, 1)}x`,
    target: 'report',
    pass: '-',
  });

  const header = '| figure | value | baseline | ratio | target | result |\n|---|---|---|---|---|---|';
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
    .join(', ')} (other work on the machine skews every figure; the ratios are taken within one run).
Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}.
Data: ${USERS} candidates + 1 coach, ${seed.questionIds.algorithm.length + seed.questionIds.scripting.length} questions (cards for every user),
${seed.attempts} graded attempts over a year, groups of 10 and one cohort group of everyone (seeded in ${fmt(seedSeconds)} s).
Load: autocannon, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${DURATION_S} s measured per figure; servers are child processes
with \`NODE_ENV=production\`; the baseline is \`bench/baseline-server.ts\` (Express 5 + EJS, a title and a 20-item list, no database).

${table}

- 1: ${CONNECTIONS} candidates, each with an algorithm attempt open, one per connection.
- 2: ${CONNECTIONS} other candidates, one per connection, each looping GET /drills/algorithm (opens the next due
  card as a new attempt), POST /attempts/:id/submit, POST /attempts/:id/grade (FSRS update, attempt row and card
  in one transaction). The req/s counts all three requests; graded attempts per second is a third of it.
  Non-2xx/3xx responses: drill ${badResponses(drill)}, cycle ${badResponses(cycle)}.
- 3: the coach of a cohort group holding every candidate downloads its export with code and notes; HTTP time
  is to the last byte; sqlite3 runs the route's own SQL and writes the same rows and columns to /dev/null. RSS
  is the server's VmRSS sampled every 20 ms during the download, against its RSS just before (after one
  small export to warm the route).
- Total bench time: ${fmt(totalS)} s.
`;
  // Findings are written by hand after profiling and kept across runs.
  const findingsFile = path.join(REPO_DIR, 'bench/FINDINGS.md');
  const findings = fs.existsSync(findingsFile) ? `\n${fs.readFileSync(findingsFile, 'utf8')}` : '';
  fs.writeFileSync(path.join(REPO_DIR, 'bench/RESULTS.md'), md + findings);
  console.log(`\n${table}\n`);
  log(`wrote bench/RESULTS.md in ${fmt(totalS)} s total`);
  fs.rmSync(dir, { recursive: true, force: true });
  if (rows.some((r) => r.pass === 'FAIL')) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
