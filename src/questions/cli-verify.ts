// npm run questions:verify [-- [--track scripting|algorithm] [--solution file.py] [id ...]]
// Runs every reference solution against its cases with python3 (no sandbox: the bank is ours),
// cross-checks generated cases against slow solutions, checks the time headroom and the starters,
// and prints a table. With --solution, runs that file instead of the references (mutants, tries).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { ConfigError, parseQuestionsEnv } from '../config.js';
import { type BankQuestion, BankValidationError } from './bank.loader.js';
import { loadCheckedBank } from './bank.sync.js';
import { crossCheck, type RunReport, runQuestion } from './harness/harness.js';
import { createBareLauncher, DEFAULT_PYTHON } from './harness/launch.js';
import { checkStarters } from './harness/starters.js';
import { defaultTimeoutSeconds, isGenerated } from './question.schema.js';

/** The reference may use at most this share of a case's time limit: room for slower machines. */
const HEADROOM = 0.4;

type Outcome = { question: BankQuestion; report: RunReport; problems: string[]; slowestMs: number };

export function parseArgs(argv: string[]) {
  const opts: { track?: string; solution?: string; ids: string[] } = { ids: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--track' || a === '--solution') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new Error(`${a} needs a value`);
      if (a === '--track') opts.track = value;
      else opts.solution = value;
    } else if (a.startsWith('--')) {
      throw new Error(`unknown option ${a}`);
    } else {
      opts.ids.push(a);
    }
  }
  return opts;
}

async function verifyOne(question: BankQuestion, solution: string | undefined): Promise<Outcome> {
  const launcher = createBareLauncher();
  const problems: string[] = [];
  const report = await runQuestion({ question, solution: solution ?? question.solution, launcher });
  for (const c of report.cases) {
    if (c.verdict !== 'passed') {
      const detail =
        c.verdict === 'failed' && c.actual !== undefined
          ? `expected ${c.expected?.slice(0, 300)}\n      got      ${c.actual.slice(0, 300)}${c.reason ? `\n      (${c.reason.slice(0, 300)})` : ''}`
          : c.reason.trim().split('\n').slice(-3).join('\n      ');
      problems.push(`${c.name}: ${c.verdict}\n      ${detail}`);
    }
  }
  const limitMs = defaultTimeoutSeconds(question.harness) * 1000;
  const slowestMs = Math.max(0, ...report.cases.map((c) => c.cpuMs));
  if (!solution) {
    for (const c of report.cases) {
      if (c.cpuMs > limitMs * HEADROOM) {
        problems.push(
          `${c.name}: the reference needs ${c.cpuMs} ms of CPU, over ${HEADROOM * 100}% of the ${limitMs / 1000} s limit`,
        );
      }
    }
    const generated = question.harness.cases.some(isGenerated);
    if (question.generator && /^(def slow\(|class Slow\b)/m.test(question.generator)) {
      const cross = await crossCheck({ question });
      problems.push(...cross.problems.map((p) => `cross-check against slow(): ${p}`));
    } else if (generated && question.harness.kind !== 'script') {
      problems.push('has generated cases but no slow() in its .gen.py to cross-check the reference');
    }
  }
  return { question, report, problems, slowestMs };
}

async function main() {
  try {
    execFileSync(DEFAULT_PYTHON, ['--version'], { stdio: 'ignore' });
  } catch {
    console.error('python3 is not installed: the harness runs reference solutions with it (apt-get install python3).');
    process.exit(2);
  }
  const opts = parseArgs(process.argv.slice(2));
  if (opts.track && opts.track !== 'scripting' && opts.track !== 'algorithm') {
    throw new Error('--track is scripting or algorithm');
  }
  const dir = parseQuestionsEnv(process.env).questionsDir;
  let bank = loadCheckedBank(dir);
  const starterProblems = checkStarters(bank);
  if (starterProblems.length) throw new BankValidationError(starterProblems);
  if (opts.track) bank = bank.filter((q) => q.track === opts.track);
  if (opts.ids.length) {
    const unknown = opts.ids.filter((id) => !bank.some((q) => q.id === id));
    if (unknown.length) throw new Error(`no such question${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
    bank = bank.filter((q) => opts.ids.includes(q.id));
  }
  const solution = opts.solution ? fs.readFileSync(opts.solution, 'utf8') : undefined;
  const started = performance.now();
  const outcomes: Outcome[] = new Array(bank.length);
  let next = 0;
  let done = 0;
  // One driver process per question runs its cases one after another; questions run in parallel,
  // one per core, so per-case CPU times stay comparable with an idle machine.
  const workers = Math.max(1, Math.min(os.availableParallelism(), bank.length));
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < bank.length) {
        const i = next++;
        outcomes[i] = await verifyOne(bank[i] as BankQuestion, solution);
        done++;
        if (process.stderr.isTTY && done % 10 === 0) process.stderr.write(`\r${done}/${bank.length} questions`);
      }
    }),
  );
  if (process.stderr.isTTY) process.stderr.write('\r');
  const seconds = (performance.now() - started) / 1000;
  const width = Math.max(8, ...bank.map((q) => q.id.length));
  console.log(`${'question'.padEnd(width)}  track      cases  passed  slowest/limit  status`);
  for (const o of outcomes) {
    const limit = defaultTimeoutSeconds(o.question.harness);
    console.log(
      `${o.question.id.padEnd(width)}  ${o.question.track.padEnd(9)}  ${String(o.report.total).padStart(5)}  ${String(o.report.passed).padStart(6)}  ${`${(o.slowestMs / 1000).toFixed(2)}/${limit} s`.padStart(13)}  ${o.problems.length ? 'FAIL' : 'ok'}`,
    );
  }
  const failed = outcomes.filter((o) => o.problems.length);
  for (const o of failed) {
    console.log(`\nFAIL ${o.question.id}`);
    for (const p of o.problems) console.log(`  - ${p}`);
  }
  const cases = outcomes.reduce((n, o) => n + o.report.total, 0);
  const passed = outcomes.reduce((n, o) => n + o.report.passed, 0);
  console.log(
    `\n${bank.length} questions (${bank.filter((q) => q.track === 'scripting').length} scripting, ${bank.filter((q) => q.track === 'algorithm').length} algorithm), ` +
      `${cases} cases, ${passed} passed, ${failed.length} questions with problems, in ${seconds.toFixed(1)} s` +
      (solution ? ` (solution: ${opts.solution})` : ''),
  );
  process.exit(failed.length ? 1 : 0);
}

// Imported by the tests for parseArgs: run only when started as the command.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(
      err instanceof BankValidationError || err instanceof ConfigError || err instanceof Error ? err.message : err,
    );
    process.exit(1);
  });
}
