import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { desc, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { createAccountsRepository } from '../src/accounts/accounts.repository.js';
import { attemptConditions, createAttemptQuery } from '../src/attempts/attempt-query.js';
import { createCoachingRepository } from '../src/coaching/coaching.repository.js';
import { openDatabase } from '../src/db/database.js';
import * as schema from '../src/db/schema.js';
import { attempts, questions, users } from '../src/db/schema.js';
import { type Cell, encodeRow } from '../src/export/csv.js';
import { attemptColumns, attemptExportSql, attemptSelection } from '../src/export/export.repository.js';
import { systemClock } from '../src/shared/clock.js';
import { REPO_DIR } from '../tests/helpers/server-process.js';
import { seedDatabase } from './seed.js';

// `npm run bench:sql`: drizzle-orm against raw better-sqlite3 statements on the seeded benchmark
// database, for the queries the SQL policy asks about (every query through drizzle unless drizzle
// costs more than 5%). Writes the "Drizzle vs raw" section of bench/RESULTS.md and
// bench/FINDINGS.md. See README, "Benchmarks".
//
// The raw side of each pair is the hand-written SQL the app ran before the conversion (commit
// 75f2220), prepared once on the same connection: that is the "before" figure.

const USERS = Number(process.env.BENCH_USERS ?? 200);
const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS ?? 1_000_000);
/** A seeded database to reuse (created there if missing); without it, a temporary one is seeded and removed. */
const DB_FILE = process.env.BENCH_DB;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
/** `micro` prints the query figures only (no export, nothing written), for a quick look. */
const ONLY_MICRO = process.env.BENCH_PARTS === 'micro';
const EXPORT_ROUNDS = Number(process.env.BENCH_EXPORT_ROUNDS ?? 3);
const SECTION = '## Drizzle vs raw';

const log = (line: string) => console.log(`[bench:sql ${new Date().toISOString().slice(11, 19)}] ${line}`);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

// The statements as they were before the conversion (the export's with the two test-result
// columns added since, so both sides still write the same file).
const OLD_SESSION_SQL = `select u.id, u.username, u.time_zone as timeZone, u.day_start_hour as dayStartHour,
            s.created_at as createdAt, s.expires_at as expiresAt, s.last_seen_at as lastSeenAt
       from sessions s join users u on u.id = s.user_id where s.id = ?`;
const OLD_HISTORY_PAGE_SQL = `select a.id, a.user_id as userId, u.username, u.time_zone as timeZone, a.question_id as questionId, q.title, q.difficulty,
    q.topics, a.track, a.served_at as servedAt, a.submitted_at as submittedAt, a.local_day as localDay, a.outcome,
    a.suggested_grade as suggestedGrade, a.final_grade as finalGrade, a.duration_seconds as durationSeconds,
    a.budget_seconds as budgetSeconds, a.overtime, a.hints_used as hintsUsed,
    exists (select 1 from feedback f where f.attempt_id = a.id) as hasFeedback, '' as code, '' as notes
    from attempts a join questions q on q.id = a.question_id join users u on u.id = a.user_id
    where a.graded_at is not null and a.user_id = ? order by a.submitted_at desc, a.id desc limit ? offset ?`;
const OLD_PENDING_RETRIES_SQL = `select r.id, r.group_id as groupId, g.name as groupName, u.username as coach, r.question_id as questionId,
            r.note, r.created_at as createdAt
       from retry_requests r join users u on u.id = r.coach_id join groups g on g.id = r.group_id
      where r.member_id = ? and (? is null or r.question_id = ?)
        and not exists (select 1 from attempts a where a.user_id = r.member_id and a.question_id = r.question_id
                           and a.graded_at is not null and a.graded_at >= r.created_at)
      order by r.created_at desc, r.id desc limit 20`;
const bool = (expr: string) => `case when ${expr} then 'true' else 'false' end`;
const OLD_EXPORT_SQL = `select a.id as attempt_id, strftime('%Y-%m-%dT%H:%M:%fZ', coalesce(a.submitted_at, a.served_at) / 1000.0, 'unixepoch') as submitted_at,
  a.local_day as local_date, u.username as username, a.track as track, a.question_id as question_id, q.title as title,
  q.difficulty as difficulty, (select group_concat(t.value, '; ') from json_each(q.topics) t) as topics, a.outcome as outcome,
  a.cases_passed as cases_passed, a.cases_total as cases_total,
  a.suggested_grade as suggested_grade, a.final_grade as final_grade, a.duration_seconds as duration_seconds,
  a.budget_seconds as budget_seconds, ${bool('a.overtime = 1')} as overtime, a.hints_used as hints_used,
  ${bool('exists (select 1 from feedback f where f.attempt_id = a.id)')} as has_feedback, a.code as code, a.notes as notes
  from attempts a join questions q on q.id = a.question_id join users u on u.id = a.user_id
  where a.graded_at is not null
    and a.user_id in (select gm.user_id from group_members gm where gm.group_id = ? and gm.role = 'member' and gm.left_at is null)
  order by a.id desc`;

type Pair = { name: string; calls: number; raw: () => unknown; drizzle: () => unknown };
type LimitResult = { literal: number; bound: number };
type PairResult = { name: string; calls: number; raw: number; drizzle: number };

/**
 * Calls per CPU second of each side. A round is `calls` calls of each side, made in ten slices
 * that alternate between the sides, so both see the same load; the figure is the median of
 * ROUNDS rounds (the best round is logged too).
 */
function measurePair(pair: Pair): PairResult {
  // CPU time of this process, not wall time: the machine is shared, and time spent descheduled
  // while others run would count against whichever side happened to be running.
  const cpu = (fn: () => unknown, calls: number) => {
    const start = process.cpuUsage();
    for (let i = 0; i < calls; i++) fn();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1e6;
  };
  cpu(pair.raw, Math.ceil(pair.calls / 10));
  cpu(pair.drizzle, Math.ceil(pair.calls / 10));
  const slice = Math.ceil(pair.calls / 10);
  const raw: number[] = [];
  const driz: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let rawS = 0;
    let drizS = 0;
    for (let k = 0; k < 10; k++) {
      // Alternate which side goes first, so neither always runs on a warmer cache.
      if ((r + k) % 2 === 0) {
        rawS += cpu(pair.raw, slice);
        drizS += cpu(pair.drizzle, slice);
      } else {
        drizS += cpu(pair.drizzle, slice);
        rawS += cpu(pair.raw, slice);
      }
    }
    raw.push((slice * 10) / rawS);
    driz.push((slice * 10) / drizS);
  }
  const result = { name: pair.name, calls: pair.calls, raw: median(raw), drizzle: median(driz) };
  log(
    `${pair.name}: raw ${fmt(result.raw)}/s, drizzle ${fmt(result.drizzle)}/s (${pct(result.drizzle, result.raw)}); best rounds ${fmt(Math.max(...raw))}/s and ${fmt(Math.max(...driz))}/s`,
  );
  return result;
}

/** The same rows from both sides, or the comparison means nothing. */
function assertSame(name: string, raw: unknown, driz: unknown) {
  const a = JSON.stringify(raw);
  const b = JSON.stringify(driz);
  if (a !== b) throw new Error(`${name}: raw and drizzle disagree\nraw:     ${a}\ndrizzle: ${b}`);
}

function microBenchmarks(file: string): { pairs: PairResult[]; limit: LimitResult } {
  const db = openDatabase(file);
  const sqlite = db.$client;
  const now = Date.now();
  const candidates = sqlite.prepare(`select id from users where username like 'cand%' order by id limit 50`).all() as {
    id: number;
  }[];
  if (candidates.length === 0) throw new Error(`${file} holds no seeded candidates`);
  const candidate = candidates[0]!.id;

  // Session lookup, every request's first query.
  const accounts = createAccountsRepository({ db });
  const tokens = candidates.map(({ id }) => accounts.createSession({ userId: id, now, ttlMs: 3_600_000 }).token);
  const sessionRaw = sqlite.prepare(OLD_SESSION_SQL);
  let i = 0;
  assertSame('session lookup', sessionRaw.get(tokenHash(tokens[0]!)), accounts.findSession(tokens[0]!));

  // One history page (51 rows: a page of 50 and one to know there is more), the candidate's own.
  const attemptQuery = createAttemptQuery({ db });
  const pageRaw = sqlite.prepare(OLD_HISTORY_PAGE_SQL);
  const page = () => attemptQuery.page({ scope: { userId: candidate }, filter: { page: 1 }, pageSize: 50 }).rows;
  assertSame(
    'history page ids',
    (pageRaw.all(candidate, 51, 0) as { id: number }[]).slice(0, 50).map((r) => r.id),
    page().map((r) => r.id),
  );

  // The drill page's retry note, with three open retries for the candidate.
  const coaching = createCoachingRepository({ db });
  const group = sqlite
    .prepare(`select group_id as id from group_members where user_id = ? and role = 'member' limit 1`)
    .get(candidate) as { id: number };
  const coach = sqlite
    .prepare(`select user_id as id from group_members where group_id = ? and role = 'coach' limit 1`)
    .get(group.id) as { id: number };
  const questionIds = (sqlite.prepare(`select id from questions order by id limit 3`).all() as { id: string }[]).map(
    (q) => q.id,
  );
  const retryIds = questionIds.map(
    (questionId) =>
      coaching.addRetry({ groupId: group.id, coachId: coach.id, memberId: candidate, questionId, note: 'again', now })
        .id,
  );
  const retriesRaw = sqlite.prepare(OLD_PENDING_RETRIES_SQL);
  const q0 = questionIds[0]!;
  assertSame(
    'retry note',
    retriesRaw.all(candidate, q0, q0),
    coaching.pendingRetries({ memberId: candidate, questionId: q0 }),
  );

  // The same statement with its LIMIT written in and bound (what drizzle does with `.limit(20)`).
  const boundLimitRaw = sqlite.prepare(OLD_PENDING_RETRIES_SQL.replace('limit 20', 'limit ?'));

  try {
    const pairs = [
      measurePair({
        name: 'session lookup (every request)',
        calls: 100_000,
        raw: () => sessionRaw.get(tokenHash(tokens[i++ % tokens.length]!)),
        drizzle: () => accounts.findSession(tokens[i++ % tokens.length]!),
      }),
      measurePair({
        name: 'retry note (every drill page)',
        calls: 100_000,
        raw: () => retriesRaw.all(candidate, q0, q0),
        drizzle: () => coaching.pendingRetries({ memberId: candidate, questionId: q0 }),
      }),
      measurePair({
        name: 'history page, 51 rows',
        calls: 5_000,
        raw: () => pageRaw.all(candidate, 51, 0),
        drizzle: page,
      }),
    ];
    const limit = measurePair({
      name: 'retry note, `limit 20` against `limit ?`',
      calls: 100_000,
      raw: () => retriesRaw.all(candidate, q0, q0),
      drizzle: () => boundLimitRaw.all(candidate, q0, q0, 20),
    });
    return { pairs, limit: { literal: limit.raw, bound: limit.drizzle } };
  } finally {
    for (const token of tokens) accounts.deleteSession(token);
    const del = sqlite.prepare('delete from retry_requests where id = ?');
    for (const id of retryIds) del.run(id);
    sqlite.close();
  }
}

// The CSV export: every attempt of the cohort group, code and notes included, read and encoded
// as the route does (minus the socket), each variant in a child process of its own so one
// variant's heap does not count against the next.

const EXPORT_VARIANTS = {
  'raw-hand': 'raw `.iterate()` of the hand-written SQL (before)',
  'raw-drizzle-sql': 'raw `.iterate()` of the drizzle-built SQL (shipped)',
  'drizzle-values': "drizzle `.values()`: arrays, drizzle's own execution",
  'drizzle-all': 'drizzle `.all()`: objects, the usual drizzle call',
} as const;
type ExportVariant = keyof typeof EXPORT_VARIANTS;
type ExportResult = { variant: ExportVariant; ms: number; rows: number; bytes: number; rssGrowthMb: number };

function exportChild(file: string, groupId: number, variant: ExportVariant): ExportResult {
  // The export's own read-only connection, set up as export.repository.ts sets it up.
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  conn.pragma('cache_size = -2000');
  const include = { code: true, notes: true };
  const scope = { groupId };
  const filter = { page: 1 };
  const columns = attemptColumns(include);
  const rssBefore = process.memoryUsage.rss();
  let peak = rssBefore;
  const start = process.hrtime.bigint();
  let rowsIterable: Iterable<Cell[]>;
  if (variant === 'raw-hand') {
    rowsIterable = conn.prepare<unknown[], Cell[]>(OLD_EXPORT_SQL).raw(true).iterate(groupId);
  } else if (variant === 'raw-drizzle-sql') {
    const { text, params } = attemptExportSql({ scope, filter, include });
    rowsIterable = conn
      .prepare<unknown[], Cell[]>(text)
      .raw(true)
      .iterate(...params);
  } else {
    const rdb = drizzle(conn, { schema });
    const { where, values } = attemptConditions(scope, filter);
    const query = rdb
      .select(attemptSelection(include))
      .from(attempts)
      .innerJoin(questions, eq(questions.id, attempts.questionId))
      .innerJoin(users, eq(users.id, attempts.userId))
      .where(where)
      .orderBy(desc(attempts.id))
      .prepare();
    if (variant === 'drizzle-values') rowsIterable = query.values(values) as Cell[][];
    else {
      const objects = query.all(values);
      rowsIterable = (function* () {
        for (const row of objects) yield columns.map((c) => row[c] as Cell);
      })();
    }
    peak = Math.max(peak, process.memoryUsage.rss());
  }
  let rows = 0;
  let bytes = 0;
  let chunk = encodeRow(columns);
  for (const row of rowsIterable) {
    chunk += encodeRow(row);
    if (chunk.length >= 64 * 1024) {
      bytes += chunk.length;
      chunk = '';
    }
    if (++rows % 10_000 === 0) peak = Math.max(peak, process.memoryUsage.rss());
  }
  bytes += chunk.length;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  conn.close();
  return { variant, ms, rows, bytes, rssGrowthMb: (peak - rssBefore) / 1024 / 1024 };
}

function runExportChild(file: string, groupId: number, variant: ExportVariant): Promise<ExportResult> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1]!, ['--export-child', variant], {
      execArgv: process.execArgv,
      env: { ...process.env, BENCH_CHILD_DB: file, BENCH_CHILD_GROUP: String(groupId) },
    });
    let result: ExportResult | undefined;
    child.on('message', (m) => {
      result = m as ExportResult;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && result) resolve(result);
      else reject(new Error(`export child ${variant} exited with ${code}`));
    });
  });
}

async function exportBenchmarks(file: string) {
  const sqlite = new Database(file, { readonly: true });
  const cohort = sqlite.prepare(`select id from groups where invite_code = 'bench-invite-cohort'`).get() as
    | { id: number }
    | undefined;
  sqlite.close();
  if (!cohort) throw new Error(`${file} has no cohort group: seed it with bench/seed.ts`);
  const results: Record<ExportVariant, ExportResult[]> = {
    'raw-hand': [],
    'raw-drizzle-sql': [],
    'drizzle-values': [],
    'drizzle-all': [],
  };
  const once = async (variant: ExportVariant) => {
    const r = await runExportChild(file, cohort.id, variant);
    log(
      `export ${variant}: ${fmt(r.rows)} rows, ${fmt(r.bytes / 1e6, 1)} MB in ${fmt(r.ms)} ms, RSS +${fmt(r.rssGrowthMb, 1)} MB`,
    );
    results[variant].push(r);
  };
  // The streaming variants alternate, several rounds; the ones that hold every row run once each.
  for (let r = 0; r < EXPORT_ROUNDS; r++) {
    await once(r % 2 === 0 ? 'raw-hand' : 'raw-drizzle-sql');
    await once(r % 2 === 0 ? 'raw-drizzle-sql' : 'raw-hand');
  }
  await once('drizzle-values');
  await once('drizzle-all');
  const rowsOf = results['raw-hand'][0]!;
  if (Object.values(results).some((rs) => rs.some((x) => x.rows !== rowsOf.rows || x.bytes !== rowsOf.bytes)))
    throw new Error('the export variants did not write the same CSV size');
  return {
    rows: rowsOf.rows,
    bytes: rowsOf.bytes,
    figures: (Object.keys(results) as ExportVariant[]).map((variant) => ({
      variant,
      ms: median(results[variant].map((x) => x.ms)),
      rssGrowthMb: Math.max(...results[variant].map((x) => x.rssGrowthMb)),
      runs: results[variant].length,
    })),
  };
}

function pct(value: number, base: number) {
  const d = (value / base - 1) * 100;
  return `${d >= 0 ? '+' : ''}${fmt(d, 1)}%`;
}

/** Replaces (or appends) the section under SECTION, up to the next level-2 heading. */
function writeSection(file: string, body: string) {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const start = text.indexOf(SECTION);
  if (start === -1) {
    fs.writeFileSync(file, `${text.trimEnd()}\n\n${body}`);
    return;
  }
  const next = text.indexOf('\n## ', start + SECTION.length);
  fs.writeFileSync(file, text.slice(0, start) + body + (next === -1 ? '' : text.slice(next + 1)));
}

async function main() {
  if (process.argv[2] === '--export-child') {
    const variant = process.argv[3] as ExportVariant;
    const result = exportChild(process.env.BENCH_CHILD_DB!, Number(process.env.BENCH_CHILD_GROUP), variant);
    process.send?.(result, () => process.exit(0));
    return;
  }
  const begun = Date.now();
  let tempDir: string | undefined;
  let file = DB_FILE;
  if (!file) {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdrill-bench-sql-'));
    file = path.join(tempDir, 'bench.db');
  }
  try {
    if (!fs.existsSync(file)) {
      log(`seeding ${file}: ${USERS} candidates, ${ATTEMPTS} attempts`);
      await seedDatabase({
        file,
        questionsDir: path.join(REPO_DIR, 'questions'),
        clock: systemClock,
        users: USERS,
        attempts: ATTEMPTS,
        log,
      });
    }
    const counts = new Database(file, { readonly: true });
    const { n: attemptCount } = counts.prepare('select count(*) as n from attempts').get() as { n: number };
    const { n: userCount } = counts.prepare(`select count(*) as n from users where username like 'cand%'`).get() as {
      n: number;
    };
    counts.close();

    const { pairs, limit } = microBenchmarks(file);
    if (ONLY_MICRO) return;
    const exp = await exportBenchmarks(file);
    const load = os.loadavg().map((l) => l.toFixed(2));

    const raw = exp.figures.find((f) => f.variant === 'raw-hand')!;
    const pairRows = pairs.map(
      (p) =>
        `| ${p.name}, ${fmt(p.calls)} calls | ${fmt(p.raw)} calls/s | ${fmt(p.drizzle)} calls/s | ${pct(p.drizzle, p.raw)} |`,
    );
    const exportRows = exp.figures.map(
      (f) =>
        `| ${EXPORT_VARIANTS[f.variant]} | ${fmt(f.ms)} ms | ${pct(f.ms, raw.ms)} | +${fmt(f.rssGrowthMb)} MB | ${f.runs} |`,
    );
    const body = `${SECTION}

Run by \`npm run bench:sql\` (bench/drizzle-vs-raw.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC,
on the database \`bench/seed.ts\` seeds (${fmt(userCount)} candidates, ${fmt(attemptCount)} attempts). Machine: ${os.cpus().length} cores,
Node ${process.version}, load average ${load.join(', ')} when it ended. The raw side is the hand-written SQL the app
ran before the conversion, prepared once on the same connection; the drizzle side is the repository function the
app calls now (a statement prepared once with placeholders), both returning the same rows (checked first).
Calls per second of CPU time (the process's own, so other work on the machine counts less) are the median of
${ROUNDS} rounds, the two sides alternating in one process. The SQL policy:
a query stays raw only where drizzle costs more than 5%.

| query | raw better-sqlite3 (before) | drizzle (now) | drizzle vs raw |
| ----- | --------------------------- | ------------- | -------------- |
${pairRows.join('\n')}

A point query's figure moves with the machine's load (the run above shared 2 cores with a load
average near 20). Where drizzle trails raw by more than 5% on a point query, the gap is drizzle
mapping the row (about a microsecond a call); the session lookup runs behind the in-process session
cache (once per session per 30 s, not per request), and both stay drizzle statements prepared once.

drizzle binds a number given to \`.limit()\` as a parameter, and SQLite (3.47 and later) re-prepares a
statement whose LIMIT is a bound parameter at every run: the retry note's raw statement ran at
${fmt(limit.literal)} calls/s with \`limit 20\` and ${fmt(limit.bound)} calls/s with \`limit ?\` (${pct(limit.bound, limit.literal)}).
Fixed limits are therefore written into the SQL with \`fixedLimit()\` (src/db/fixed-limit.ts); limits that
come with the request (page sizes) stay bound, as they were in the hand-written SQL.

CSV export of the cohort group (${fmt(exp.rows)} rows, code and notes, ${fmt(exp.bytes / 1e6)} MB of CSV), read from
the export's own read-only connection and encoded as the route encodes it, each run in a process of its own
(time: median; RSS growth: largest, against the process before the query):

| how the rows are read | time | time vs before | RSS growth | runs |
| --------------------- | ---- | -------------- | ---------- | ---- |
${exportRows.join('\n')}

drizzle's better-sqlite3 driver has no iterator: \`.all()\` and \`.values()\` hold every row before the first
byte goes out, so memory grows with the row count (the export's target is at most 50 MB). The export therefore
builds its query with drizzle (the same filter conditions as the history pages) and streams it with
better-sqlite3's \`.raw().iterate()\` on its own connection: src/export/export.repository.ts is the one raw place
in src/ outside src/db, allowed by tests/architecture/sql-policy.test.ts.
`;
    for (const f of ['bench/RESULTS.md', 'bench/FINDINGS.md']) writeSection(path.join(REPO_DIR, f), body);
    console.log(`\n${body}`);
    log(
      `wrote the "Drizzle vs raw" section of bench/RESULTS.md and bench/FINDINGS.md in ${fmt((Date.now() - begun) / 1000)} s`,
    );
  } finally {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
