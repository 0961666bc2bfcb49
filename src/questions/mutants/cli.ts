// npm run questions:mutants [-- [--track scripting|algorithm] [--report] [--fresh] [--cap n] [id ...]]
// Mutation testing of the bank's cases: plausible wrong versions of each reference solution
// (automatic, from its syntax tree, and hand-written in questions/mutants/<track>/<id>/) run
// against the question's cases; a case set that lets a wrong answer pass is a weak one.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BankQuestion, BankValidationError } from '../bank.loader.js';
import { loadCheckedBank } from '../bank.sync.js';
import { createBareLauncher, DEFAULT_PYTHON } from '../harness/launch.js';
import { createResultCache, resultKey } from './mutants.cache.js';
import { EquivalentsFileError, loadEquivalents } from './mutants.equivalents.js';
import { renderReport, renderTargets, summarize } from './mutants.report.js';
import { DEFAULT_CAP, orphanHandWritten, type QuestionResult, testQuestion } from './mutants.runner.js';

export class UsageError extends Error {}

export function parseArgs(argv: string[]) {
  const opts: { track?: 'scripting' | 'algorithm'; report: boolean; fresh: boolean; cap: number; ids: string[] } = {
    report: false,
    fresh: false,
    cap: DEFAULT_CAP,
    ids: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--report') {
      opts.report = true;
    } else if (a === '--fresh') {
      opts.fresh = true;
    } else if (a === '--track' || a === '--cap') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${a} needs a value`);
      if (a === '--track') {
        if (value !== 'scripting' && value !== 'algorithm') throw new UsageError('--track is scripting or algorithm');
        opts.track = value;
      } else {
        const cap = Number(value);
        if (!Number.isInteger(cap) || cap < 1 || cap > 1000) throw new UsageError('--cap is a whole number, 1 to 1000');
        opts.cap = cap;
      }
    } else if (a.startsWith('--')) {
      throw new UsageError(`unknown option ${a}`);
    } else {
      opts.ids.push(a);
    }
  }
  return opts;
}

type Output = { log: (line: string) => void; error: (line: string) => void };

/**
 * The command without the process around it: returns the exit code (0 ok; 1 a missed target over
 * the whole bank, or a problem; 2 bad arguments or files).
 */
export async function runMutantsCommand({
  argv,
  questionsDir,
  out = { log: console.log, error: console.error },
  cacheDir,
}: {
  argv: string[];
  questionsDir: string;
  out?: Output;
  /** Where per-question results are kept between runs (default questions/mutants/.cache). */
  cacheDir?: string;
}): Promise<number> {
  try {
    return await command(
      argv,
      path.resolve(questionsDir),
      out,
      cacheDir ?? path.join(path.resolve(questionsDir), 'mutants', '.cache'),
    );
  } catch (err) {
    out.error(err instanceof Error ? err.message : String(err));
    const usage =
      err instanceof UsageError || err instanceof EquivalentsFileError || err instanceof BankValidationError;
    return usage ? 2 : 1;
  }
}

async function command(argv: string[], dir: string, out: Output, cacheDir: string): Promise<number> {
  const opts = parseArgs(argv);
  try {
    execFileSync(DEFAULT_PYTHON, ['--version'], { stdio: 'ignore' });
  } catch {
    out.error('python3 is not installed: mutants run with it (apt-get install python3).');
    return 2;
  }
  const mutantsDir = path.join(dir, 'mutants');
  const whole = loadCheckedBank(dir);
  const equivalents = loadEquivalents(path.join(mutantsDir, 'equivalent.yaml'));
  let bank = whole;
  if (opts.track) bank = bank.filter((q) => q.track === opts.track);
  if (opts.ids.length) {
    const unknown = opts.ids.filter((id) => !bank.some((q) => q.id === id));
    if (unknown.length) throw new UsageError(`no such question${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
    bank = bank.filter((q) => opts.ids.includes(q.id));
  }
  const wholeBank = !opts.track && !opts.ids.length;
  const started = performance.now();
  const results: QuestionResult[] = new Array(bank.length);
  let next = 0;
  let done = 0;
  // One question at a time per core; its mutants run one after another, each in one driver process.
  const cores = Math.max(1, Math.min(os.availableParallelism(), bank.length));
  const launcher = createBareLauncher();
  const cache = createResultCache(cacheDir);
  let reused = 0;
  await Promise.all(
    Array.from({ length: cores }, async () => {
      while (next < bank.length) {
        const i = next++;
        const question = bank[i] as BankQuestion;
        const key = resultKey(question, mutantsDir, opts.cap);
        const saved = opts.fresh ? null : cache.get(question, key);
        if (saved) reused++;
        results[i] = saved ?? (await testQuestion({ question, mutantsDir, launcher, cap: opts.cap }));
        if (!saved) cache.set(question, key, results[i]);
        done++;
        if (process.stderr.isTTY) process.stderr.write(`\r${done}/${bank.length} questions`);
      }
    }),
  );
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  const seconds = (performance.now() - started) / 1000;
  const summary = summarize({
    results,
    equivalents,
    bankIds: new Set(whole.map((q) => q.id)),
    extraProblems: wholeBank ? orphanHandWritten(mutantsDir, whole) : [],
  });
  const scope = wholeBank
    ? 'the whole bank'
    : opts.ids.length
      ? `${opts.ids.length === 1 ? 'question' : 'questions'} ${opts.ids.join(', ')}`
      : `the ${opts.track} track`;
  const markdown = renderReport(summary, { scope, seconds, cores, reused });
  if (opts.report) {
    const file = path.join(mutantsDir, 'REPORT.md');
    fs.mkdirSync(mutantsDir, { recursive: true });
    fs.writeFileSync(file, markdown);
    out.log(renderTargets(summary));
    out.log(
      `${summary.survivors.length} surviving mutants, ${summary.problems.length} problems: see ${path.relative(process.cwd(), file)}`,
    );
  } else {
    out.log(markdown);
  }
  const missed = summary.targets.some((t) => t.status === 'FAIL');
  out.log(
    `${bank.length} questions in ${seconds.toFixed(1)} s${reused ? ` (${reused} unchanged since their last run: results reused; --fresh runs them again)` : ''}`,
  );
  if (missed && !wholeBank) out.log('(targets are enforced only over the whole bank)');
  return summary.problems.length || (wholeBank && missed) ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMutantsCommand({ argv: process.argv.slice(2), questionsDir: process.env.QUESTIONS_DIR ?? 'questions' }).then(
    (code) => process.exit(code),
  );
}
