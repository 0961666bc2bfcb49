import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Track } from '../../shared/validation.js';
import { type HarnessQuestion, type RunReport, runQuestion } from '../harness/harness.js';
import { DEFAULT_PYTHON, type Launcher } from '../harness/launch.js';
import { defaultTimeoutSeconds, type Harness, type HarnessCase, isGenerated } from '../question.schema.js';
import { type ChannelRecord, createStoppingLauncher } from './stopping-launcher.js';

const MUTATE = fileURLToPath(new URL('./mutate.py', import.meta.url));
const COVERAGE_TEMPLATE = fs.readFileSync(fileURLToPath(new URL('./coverage.py', import.meta.url)), 'utf8');
const COVERAGE_MARK = '@@opsdrill-coverage@@';
/** Tracing slows the reference down; its coverage run gets this many times the case limits. */
const COVERAGE_SLOWDOWN = 10;
/** Lines run in a child process are not traced: no coverage for these references. */
const FORKS = /\b(multiprocessing|ProcessPoolExecutor|os\.fork|os\.spawn)/;

export const DEFAULT_CAP = 40;

export type MutantQuestion = HarnessQuestion & { track: Track };

export type AutoMutant = {
  /** Stable: the operator, the node's path in the tree and the text before and after, hashed. */
  id: string;
  op: string;
  path: string;
  line: number;
  col: number;
  endLine: number;
  before: string;
  after: string;
  source: string;
};

/**
 * killed: a case (or rule) failed; survived: every case passed; unreached: no case runs its line,
 * so the mutant was not run (only for questions without generated cases).
 */
export type MutantStatus = 'killed' | 'survived' | 'unreached';

export type AutoResult = AutoMutant & {
  status: MutantStatus;
  by: string | null;
  /** Whether a written case executes the mutated line; null when coverage could not be measured. */
  reached: boolean | null;
};

export type HandKind = 'brute' | 'rule';
export type HandResult = { file: string; kind: HandKind; about: string; killed: boolean; by: string | null };

export type MutantStats = {
  candidates: number;
  notCompiling: number;
  identical: number;
  duplicates: number;
  selected: number;
};

export type QuestionResult = {
  id: string;
  track: Track;
  mutants: AutoResult[];
  /** Every mutant found before the cap: an equivalent.yaml entry outside it is stale. */
  candidateIds: string[];
  hand: HandResult[];
  stats: MutantStats | null;
  /** measured: unreached mutants are known survivors; otherwise every mutant runs. */
  coverage: 'measured' | 'partial' | 'off';
  problems: string[];
  notes: string[];
  ms: number;
};

type Coverage = { lines: number[]; returns: Record<string, Record<string, number>> };

function runPython(python: string, script: string, payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-I', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(Buffer.concat(out).toString('utf8'))
        : reject(new Error(`${path.basename(script)} failed (${code}): ${err.slice(-2000)}`)),
    );
    child.stdin.on('error', () => {});
    child.stdin.end(payload);
  });
}

/** The reference wrapped so that it reports its executed lines and returned types at exit. */
export function coverageWrapper(source: string): string {
  return COVERAGE_TEMPLATE.replace('__REFERENCE_BASE64__', Buffer.from(source, 'utf8').toString('base64'));
}

function parseMarks(text: string): Coverage[] {
  const found: Coverage[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(COVERAGE_MARK)) continue;
    try {
      found.push(JSON.parse(line.slice(COVERAGE_MARK.length)) as Coverage);
    } catch {
      // A mark cut short by the stderr cap: this case's coverage is unknown.
    }
  }
  return found;
}

/**
 * Lines of the reference that the question's written cases execute, and what each line returned.
 * Complete only when every written case ran to its end under the tracer; otherwise it still
 * guides the choice of empty values but says nothing about reach. Generated (stress) cases are
 * not traced: a line tracer makes them many times slower, and the written cases reach almost
 * every line anyway.
 */
async function measureCoverage(question: MutantQuestion, launcher: Launcher, python: string) {
  if (FORKS.test(question.solution)) return { coverage: null, complete: false, why: 'the reference starts processes' };
  const h = question.harness;
  const traced = {
    ...question,
    harness: { ...h, timeoutSeconds: defaultTimeoutSeconds(h) * COVERAGE_SLOWDOWN },
  } as MutantQuestion;
  const written = (h.cases as HarnessCase[]).flatMap((c, i) => (isGenerated(c) ? [] : [i]));
  const report = await runQuestion({
    question: traced,
    solution: coverageWrapper(question.solution),
    indices: written,
    launcher,
    python,
  });
  const marks =
    h.kind === 'script'
      ? report.launch.channel
          .split('\n')
          .filter((l) => l.trim())
          .flatMap((l) => {
            try {
              return parseMarks(String((JSON.parse(l) as { stderr?: string }).stderr ?? ''));
            } catch {
              return [];
            }
          })
      : parseMarks(report.launch.stderr);
  if (!marks.length) return { coverage: null, complete: false, why: 'the traced reference reported nothing' };
  const lines = new Set<number>();
  const returns: Coverage['returns'] = {};
  for (const m of marks) {
    for (const l of m.lines) lines.add(l);
    for (const [line, types] of Object.entries(m.returns)) {
      const into = returns[line] ?? {};
      returns[line] = into;
      for (const [t, n] of Object.entries(types)) into[t] = (into[t] ?? 0) + n;
    }
  }
  const cases = report.cases.filter((c) => c.index >= 0);
  const unfinished = cases.filter((c) => c.verdict === 'timeout' || c.verdict === 'error');
  const complete = !unfinished.length && (h.kind !== 'script' || marks.length === cases.length);
  return {
    coverage: { lines: [...lines].sort((a, b) => a - b), returns },
    complete,
    why: complete ? '' : `the traced reference did not finish ${unfinished[0]?.name ?? 'every case'}`,
  };
}

export type MutateOutput = {
  normalized: string | null;
  error: string | null;
  mutants: AutoMutant[];
  stats: MutantStats | null;
  candidateIds: string[];
  handWritten: Record<string, string | null>;
};

/** The automatic mutants of a solution (mutate.py), and why hand-written ones cannot be used. */
export async function generateMutants({
  source,
  kind,
  cap = DEFAULT_CAP,
  coverage = null,
  handWritten = {},
  python = DEFAULT_PYTHON,
}: {
  source: string;
  kind: Harness['kind'];
  cap?: number;
  coverage?: Coverage | null;
  handWritten?: Record<string, string>;
  python?: string;
}): Promise<MutateOutput> {
  const payload = JSON.stringify({ source, kind, cap, coverage, handWritten });
  return JSON.parse(await runPython(python, MUTATE, payload)) as MutateOutput;
}

export type HandWritten = { file: string; kind: HandKind; text: string };

/** questions/mutants/<track>/<id>/brute.py and rule-*.py; anything else there is a problem. */
export function readHandWritten(mutantsDir: string, q: { id: string; track: Track }) {
  const dir = path.join(mutantsDir, q.track, q.id);
  const files: HandWritten[] = [];
  const problems: string[] = [];
  if (!fs.existsSync(dir)) return { files, problems };
  for (const name of fs.readdirSync(dir).sort()) {
    const rel = path.join(path.basename(mutantsDir), q.track, q.id, name);
    const kind: HandKind | null = name === 'brute.py' ? 'brute' : /^rule-[\w.-]+\.py$/.test(name) ? 'rule' : null;
    if (!kind) problems.push(`${rel}: not a hand-written mutant name (brute.py or rule-*.py)`);
    else files.push({ file: rel, kind, text: fs.readFileSync(path.join(dir, name), 'utf8') });
  }
  return { files, problems };
}

/** Hand-written mutant folders with no question of that id in that track. */
export function orphanHandWritten(mutantsDir: string, bank: { id: string; track: Track }[]): string[] {
  const problems: string[] = [];
  for (const track of ['scripting', 'algorithm'] as const) {
    const dir = path.join(mutantsDir, track);
    if (!fs.existsSync(dir)) continue;
    for (const id of fs.readdirSync(dir).sort()) {
      if (!bank.some((q) => q.track === track && q.id === id))
        problems.push(`${path.join(path.basename(mutantsDir), track, id)}: no ${track} question has this id`);
    }
  }
  return problems;
}

const firstFailure = (report: RunReport) => report.cases.find((c) => c.verdict !== 'passed');

function channelRecords(channel: string): Map<number, ChannelRecord> {
  const records = new Map<number, ChannelRecord>();
  for (const line of channel.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as ChannelRecord;
      if (typeof r.index === 'number' && !records.has(r.index)) records.set(r.index, r);
    } catch {
      // A solution that writes on the channel only spoils its own results.
    }
  }
  return records;
}

const TEMP_PATHS = new RegExp(
  `${os.tmpdir().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/opsdrill-run-[\\w]+(/case-[\\w]+)?`,
  'g',
);
const sameText = (a: unknown, b: unknown) =>
  String(a ?? '').replace(TEMP_PATHS, '<tmp>') === String(b ?? '').replace(TEMP_PATHS, '<tmp>');
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Would the judge see this case as the reference's own result? Only a shortcut: a mutant that
 * differs here is stopped and judged; when the judge passes the case after all, the mutant runs
 * again in full.
 */
function sameAsReference(h: Harness, c: HarnessCase | undefined, ref: ChannelRecord, got: ChannelRecord) {
  if (got.error || got.timeout) return false;
  if (h.kind !== 'script') return sameJson(got.got, ref.got);
  const wantErr = c && !isGenerated(c) ? (c as { expected: { stderr?: unknown } }).expected.stderr : undefined;
  const errSame =
    wantErr === undefined ||
    (wantErr === true || wantErr === false
      ? !String(got.stderr ?? '').trim() === !String(ref.stderr ?? '').trim()
      : sameText(got.stderr, ref.stderr));
  return (
    errSame &&
    sameText(got.stdout, ref.stdout) &&
    got.exitCode === ref.exitCode &&
    sameJson(got.files, ref.files) &&
    sameJson(got.present, ref.present) &&
    sameJson(got.archives, ref.archives) &&
    sameJson(got.gzipped, ref.gzipped) &&
    sameJson(got.requests, ref.requests)
  );
}

/**
 * Runs mutants of one question through the same harness as questions:verify, one driver process
 * per mutant. The cases that killed the most mutants so far go first and generated (stress) cases
 * last; the run ends at the first case whose result differs from the reference's, and the judge
 * decides. Only when the judge passes that case after all does the mutant run again, every case.
 */
export function createMutantRunner({
  question,
  reference,
  launcher,
  python = DEFAULT_PYTHON,
}: {
  question: HarnessQuestion;
  /** The reference's driver records per case, from a full run. */
  reference: Map<number, ChannelRecord>;
  /** Runs the full-length reruns. */
  launcher: Launcher;
  python?: string;
}) {
  const h = question.harness;
  const cases = h.cases as HarnessCase[];
  const kills = new Map<number, number>();
  let runs = 0;
  let fruitlessStops = 0;
  const order = () => {
    const indices = cases.map((_, i) => i);
    const rank = (i: number) => (isGenerated(cases[i] as HarnessCase) ? 1 : 0);
    return indices.sort((a, b) => rank(a) - rank(b) || (kills.get(b) ?? 0) - (kills.get(a) ?? 0) || a - b);
  };
  const stopping = createStoppingLauncher({
    python,
    stopAfter: (r) => {
      const ref = reference.get(r.index);
      return !ref || !sameAsReference(h, cases[r.index], ref, r);
    },
  });
  return async function run(source: string): Promise<{ killed: boolean; by: string | null }> {
    const indices = order();
    // Stops that keep proving nothing (an unordered or float comparison, output that differs
    // from run to run): run every case.
    const shortcut = fruitlessStops < 3 || fruitlessStops * 4 < runs;
    runs++;
    const report = await runQuestion({
      question,
      solution: source,
      indices,
      launcher: shortcut ? stopping : launcher,
      python,
    });
    let failed = firstFailure(report);
    if (shortcut && failed) {
      // A case that did not run because of the stop proves nothing.
      const ran = channelRecords(report.launch.channel);
      failed = report.cases.find((c) => c.verdict !== 'passed' && (c.index < 0 || ran.has(c.index)));
      if (!failed) {
        fruitlessStops++;
        failed = firstFailure(await runQuestion({ question, solution: source, indices, launcher, python }));
      }
    }
    if (!failed) return { killed: false, by: null };
    if (failed.index >= 0) kills.set(failed.index, (kills.get(failed.index) ?? 0) + 1);
    return { killed: true, by: `${failed.name}: ${failed.verdict}` };
  };
}

/** Runs the reference on every case; its results are what mutants are compared with. */
export async function prepareRunner({
  question,
  reference,
  launcher,
  python = DEFAULT_PYTHON,
}: {
  question: HarnessQuestion;
  reference: string;
  launcher: Launcher;
  python?: string;
}) {
  const base = await runQuestion({ question, solution: reference, launcher, python });
  return {
    failure: firstFailure(base),
    run: createMutantRunner({ question, reference: channelRecords(base.launch.channel), launcher, python }),
  };
}

const unreached = (m: AutoMutant, lines: Set<number>) => {
  for (let l = m.line; l <= m.endLine; l++) if (lines.has(l)) return false;
  return true;
};

/** Every automatic and hand-written mutant of one question, run against its cases. */
export async function testQuestion({
  question,
  mutantsDir,
  launcher,
  cap = DEFAULT_CAP,
  python = DEFAULT_PYTHON,
}: {
  question: MutantQuestion;
  mutantsDir: string;
  launcher: Launcher;
  cap?: number;
  python?: string;
}): Promise<QuestionResult> {
  const started = performance.now();
  const result: QuestionResult = {
    id: question.id,
    track: question.track,
    mutants: [],
    candidateIds: [],
    hand: [],
    stats: null,
    coverage: 'off',
    problems: [],
    notes: [],
    ms: 0,
  };
  const done = () => ({ ...result, ms: Math.round(performance.now() - started) });
  try {
    await mutateAndRun({ question, mutantsDir, launcher, cap, python, result });
  } catch (err) {
    // One broken question must not end a run over the whole bank.
    result.problems.push(`could not be tested: ${err instanceof Error ? err.message : String(err)}`);
  }
  return done();
}

async function mutateAndRun({
  question,
  mutantsDir,
  launcher,
  cap,
  python,
  result,
}: {
  question: MutantQuestion;
  mutantsDir: string;
  launcher: Launcher;
  cap: number;
  python: string;
  result: QuestionResult;
}) {
  const hand = readHandWritten(mutantsDir, question);
  result.problems.push(...hand.problems);

  const measured = await measureCoverage(question, launcher, python);
  result.coverage = measured.complete ? 'measured' : measured.coverage ? 'partial' : 'off';
  if (!measured.complete) result.notes.push(`coverage not used: ${measured.why}`);
  const out = await generateMutants({
    source: question.solution,
    kind: question.harness.kind,
    cap,
    coverage: measured.coverage,
    handWritten: Object.fromEntries(hand.files.map((f) => [f.file, f.text])),
    python,
  });
  if (out.error || out.normalized === null || !out.stats) {
    result.problems.push(out.error ?? 'no mutants could be made');
    return;
  }
  result.stats = out.stats;
  result.candidateIds = out.candidateIds;

  // Mutants are unparsed trees: the unparsed reference must pass, or every mutant would look killed.
  const { failure, run } = await prepareRunner({ question, reference: out.normalized, launcher, python });
  if (failure) {
    const why = failure.reason.trim().split('\n').slice(-1)[0] ?? '';
    result.problems.push(
      `the reference (normalised by ast.unparse) does not pass ${failure.name}: ${failure.verdict}${why ? ` (${why})` : ''}`,
    );
    return;
  }

  const lines = new Set(measured.complete ? (measured.coverage?.lines ?? []) : []);
  // A stress case may still reach what no written case does: such mutants run.
  const stress = (question.harness.cases as HarnessCase[]).some(isGenerated);
  for (const m of out.mutants) {
    const reached = measured.complete ? !unreached(m, lines) : null;
    if (reached === false && !stress) {
      result.mutants.push({ ...m, status: 'unreached', by: null, reached });
      continue;
    }
    const { killed, by } = await run(m.source);
    result.mutants.push({ ...m, status: killed ? 'killed' : 'survived', by, reached });
  }

  for (const f of hand.files) {
    const unusable = out.handWritten[f.file];
    if (unusable) {
      result.problems.push(`${f.file}: ${unusable}`);
      continue;
    }
    const about = (f.text.split('\n', 1)[0] ?? '').replace(/^#+\s*/, '').trim();
    const { killed, by } = await run(f.text);
    result.hand.push({ file: f.file, kind: f.kind, about, killed, by });
  }
}
