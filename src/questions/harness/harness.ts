import { spawn } from 'node:child_process';
import { fromRoot } from '../../shared/paths.js';
import { defaultTimeoutSeconds, type Harness, type HarnessCase, isGenerated } from '../question.schema.js';
import { createBareLauncher, DEFAULT_PYTHON, type Launcher, type LaunchResult } from './launch.js';

const JUDGE = fromRoot('src/questions/harness/judge.py');

/** What the harness needs of a question: its cases and how to call the solution. */
export type HarnessQuestion = {
  id: string;
  harness: Harness;
  /** The reference solution: source of the expected output of generated cases. */
  solution: string;
  generator: string | null;
  contentHash: string;
};

export type Verdict = 'passed' | 'failed' | 'error' | 'timeout';

export type CaseVerdict = {
  /** Index into harness.cases; rules come first with negative indices. */
  index: number;
  name: string;
  example: boolean;
  generated: boolean;
  verdict: Verdict;
  /** Why it failed, in one line where possible (a traceback for errors). */
  reason: string;
  ms: number;
  cpuMs: number;
  input?: string;
  expected?: string;
  actual?: string;
  stdout?: string;
  stderr?: string;
};

export type RunReport = { cases: CaseVerdict[]; passed: number; total: number; ms: number };

export type Limits = { memoryMb: number; fileSizeMb: number; processes: number; openFiles: number };
export const DEFAULT_LIMITS: Limits = { memoryMb: 512, fileSizeMb: 16, processes: 64, openFiles: 256 };

/** Shown text is cut here (input, expected and actual output, stdout, stderr). */
export const SHOW_BYTES = 8 * 1024;
const cut = (s: string) =>
  s.length <= SHOW_BYTES ? s : `${s.slice(0, SHOW_BYTES)}… (${s.length - SHOW_BYTES} more characters)`;

/** The cases a candidate sees in the prompt and runs with "Run examples". */
export function exampleIndices(h: Harness): number[] {
  const marked = h.cases.flatMap((c, i) => (!isGenerated(c) && c.example ? [i] : []));
  if (marked.length) return marked;
  return h.cases.flatMap((c, i) => (isGenerated(c) ? [] : [i])).slice(0, 2);
}

export const caseName = (c: HarnessCase, i: number) =>
  c.name ?? (isGenerated(c) ? `generated, size ${c.generate.size}` : `case ${i + 1}`);

/** A JSON value as Python would print it (repr): what a Python candidate expects to read. */
export function pyLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return Number.isInteger(v) || !Number.isFinite(v) ? String(v) : String(v);
  if (typeof v === 'string') {
    const quote = v.includes("'") && !v.includes('"') ? '"' : "'";
    const body = v
      .replaceAll('\\', '\\\\')
      .replaceAll('\n', '\\n')
      .replaceAll('\t', '\\t')
      .replaceAll('\r', '\\r')
      .replaceAll(quote, `\\${quote}`);
    return `${quote}${body}${quote}`;
  }
  if (Array.isArray(v)) return `[${v.map(pyLiteral).join(', ')}]`;
  if (typeof v === 'object')
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${pyLiteral(k)}: ${pyLiteral(x)}`)
      .join(', ')}}`;
  return String(v);
}
const json = pyLiteral;

/** The input of a written case as the candidate would type it. */
function inputText(h: Harness, c: HarnessCase): string {
  if (isGenerated(c)) return `generated input of size ${c.generate.size} (seed ${c.generate.seed})`;
  if (h.kind === 'function' && 'args' in c) return `${h.call}(${(c.args as unknown[]).map(json).join(', ')})`;
  if (h.kind === 'design' && 'ops' in c) {
    const ops = (c.ops as unknown[][]).map(([name, ...args]) => `${String(name)}(${args.map(json).join(', ')})`);
    return `${h.class}(${(c.init as unknown[]).map(json).join(', ')})\n${ops.join('\n')}`;
  }
  if (h.kind === 'script' && 'expected' in c && !('ops' in c)) {
    const sc = c as Extract<HarnessCase, { stdin?: string }> & {
      args: string[];
      files?: Record<string, unknown>;
      server?: unknown;
    };
    const quote = (a: string) => (/^[\w@%+=:,./{}-]+$/.test(a) ? a : `'${a.replaceAll("'", `'"'"'`)}'`);
    const lines = [`python3 solution.py ${sc.args.map(quote).join(' ')}`.trimEnd()];
    const files = Object.keys(sc.files ?? {});
    if (files.length) lines.push(`files: ${files.join(', ')}`);
    if (sc.stdin) lines.push(`stdin:\n${sc.stdin}`);
    if (sc.server) lines.push('with the case’s HTTP API at $API_URL');
    return lines.join('\n');
  }
  return '';
}

type DriverRecord = {
  index: number;
  got?: unknown;
  error: string | null;
  timeout: boolean;
  ms?: number;
  cpuMs?: number;
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  files?: Record<string, string | null>;
  present?: string[];
  requests?: string[];
  input?: unknown;
  expected?: unknown;
};

function parseChannel(channel: string): Map<number, DriverRecord> {
  const records = new Map<number, DriverRecord>();
  for (const line of channel.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as DriverRecord;
      if (typeof r.index === 'number' && !records.has(r.index)) records.set(r.index, r);
    } catch {
      // A solution that writes on the channel only spoils its own results.
    }
  }
  return records;
}

function driverSpec(h: Harness) {
  const base = { kind: h.kind, timeoutSeconds: defaultTimeoutSeconds(h) };
  if (h.kind === 'function') {
    return {
      ...base,
      call: h.call,
      argTypes: h.argTypes,
      returns: h.returns,
      inPlace: h.inPlace,
      prepare: h.prepare,
      convert: h.convert,
    };
  }
  if (h.kind === 'design') return { ...base, class: h.class };
  return base;
}

/** The part of a case that may enter the sandbox: its input, never its expected output. */
function driverCase(h: Harness, c: HarnessCase, index: number) {
  const emitInput = h.compare === 'custom';
  if (isGenerated(c)) return { index, generate: c.generate, emitInput };
  if ('ops' in c) return { index, init: c.init, ops: c.ops };
  if (h.kind === 'function') return { index, args: (c as { args: unknown[] }).args };
  const sc = c as Extract<HarnessCase, { expected: { stdout: string } }> & {
    args: string[];
    stdin?: string;
    files?: Record<string, unknown>;
    server?: unknown;
  };
  return {
    index,
    args: sc.args,
    stdin: sc.stdin,
    files: sc.files,
    server: sc.server,
    collect: {
      files: Object.keys(sc.expected.files ?? {}),
      absent: sc.expected.absent ?? [],
      archives: Object.keys(sc.expected.archives ?? {}),
      gzipped: Object.keys(sc.expected.gzipped ?? {}),
    },
    emitInput,
  };
}

function wallTimeoutMs(h: Harness, count: number) {
  // Each case has its own limit inside the driver; this one catches a driver that stops answering.
  return (count * defaultTimeoutSeconds(h) + 5 + count * 0.5) * 1000;
}

function judgeProcess(payload: string, python: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-I', JUDGE], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`judge failed (${code}): ${err.slice(-2000)}`)),
    );
    child.stdin.on('error', () => {});
    child.stdin.end(payload);
  });
}

type JudgeOutput = {
  rules: { message: string; broken: boolean; where: string }[];
  cases: { index: number; ok: boolean; verdict: Verdict; reason: string; actual?: string; expected?: string }[];
};

/**
 * Expected outputs of generated cases: the reference solution's output on the generated input,
 * computed once per question version and kept in memory.
 */
const generatedExpected = new Map<string, { expected: unknown; cpuMs: number }>();
const referenceLauncher = createBareLauncher();

async function expectedOfGenerated(q: HarnessQuestion, indices: number[], python: string) {
  const missing = indices.filter((i) => !generatedExpected.has(`${q.contentHash}:${i}`));
  if (missing.length) {
    const launcher = python === DEFAULT_PYTHON ? referenceLauncher : createBareLauncher({ python });
    const result = await launcher.launch({
      payload: payloadFor(q, q.solution, missing, DEFAULT_LIMITS),
      wallTimeoutMs: wallTimeoutMs(q.harness, missing.length) * 2,
    });
    const records = parseChannel(result.channel);
    for (const i of missing) {
      const r = records.get(i);
      if (!r || r.error || r.timeout) {
        throw new Error(
          `the reference solution of ${q.id} failed on generated case ${i + 1}: ${r?.error ?? (r?.timeout ? 'timed out' : result.stderr.slice(-500) || 'no result')}`,
        );
      }
      const expected =
        q.harness.kind === 'script' ? { stdout: r.stdout ?? '', exitCode: r.exitCode ?? 0 } : (r.got as unknown);
      generatedExpected.set(`${q.contentHash}:${i}`, { expected, cpuMs: r.cpuMs ?? 0 });
    }
  }
  return new Map(indices.map((i) => [i, generatedExpected.get(`${q.contentHash}:${i}`)?.expected]));
}

function payloadFor(q: HarnessQuestion, solution: string, indices: number[], limits: Limits, isolated = false) {
  // The process limit counts every process of the uid: only meaningful for the sandbox's own uid.
  const { processes, ...shared } = limits;
  return JSON.stringify({
    mode: 'run',
    reap: isolated,
    spec: driverSpec(q.harness),
    solution,
    generator: q.generator,
    limits: {
      ...shared,
      ...(isolated ? { processes } : {}),
      cpuSeconds: Math.ceil(wallTimeoutMs(q.harness, indices.length) / 1000) + 1,
    },
    cases: indices.map((i) => driverCase(q.harness, q.harness.cases[i] as HarnessCase, i)),
  });
}

/**
 * Run a solution against some cases of a question and judge each one. The launcher decides where
 * the code runs (bare for the bank's references, the sandbox for candidates); the judge runs
 * outside it and is the only place that sees expected values.
 */
export async function runQuestion({
  question,
  solution,
  indices = question.harness.cases.map((_, i) => i),
  launcher,
  limits = DEFAULT_LIMITS,
  python = DEFAULT_PYTHON,
}: {
  question: HarnessQuestion;
  solution: string;
  indices?: number[];
  launcher: Launcher;
  limits?: Limits;
  python?: string;
}): Promise<RunReport & { launch: LaunchResult }> {
  const h = question.harness;
  const started = performance.now();
  const generated = indices.filter((i) => isGenerated(h.cases[i] as HarnessCase));
  const [launch, expectedGenerated] = await Promise.all([
    launcher.launch({
      payload: payloadFor(question, solution, indices, limits, launcher.isolated),
      wallTimeoutMs: wallTimeoutMs(h, indices.length),
    }),
    generated.length ? expectedOfGenerated(question, generated, python) : Promise.resolve(new Map<number, unknown>()),
  ]);
  const records = parseChannel(launch.channel);
  const stopped = launch.outputExceeded
    ? 'the run printed more than the output limit and was stopped'
    : launch.timedOut
      ? 'the run went over its total time limit and was stopped'
      : `the run stopped before this case${launch.stderr.trim() ? `: ${launch.stderr.trim().slice(-500)}` : ''}`;
  const judged = JSON.parse(
    await judgeProcess(
      JSON.stringify({
        spec: {
          kind: h.kind,
          compare: h.compare,
          tolerance: h.tolerance,
          check: h.check,
          rules: h.rules,
          timeoutSeconds: defaultTimeoutSeconds(h),
        },
        source: solution,
        cases: indices.map((i) => {
          const c = h.cases[i] as HarnessCase;
          const record = records.get(i);
          const expected = isGenerated(c) ? expectedGenerated.get(i) : (c as { expected: unknown }).expected;
          // A custom check sees what a written case would give it: the args, or a design case's ops.
          const generatedInput = record?.input as { ops?: unknown } | undefined;
          const args = isGenerated(c)
            ? h.kind === 'design'
              ? generatedInput?.ops
              : generatedInput
            : 'ops' in c
              ? c.ops
              : 'args' in c
                ? c.args
                : undefined;
          return { index: i, args, expected, result: record ?? null };
        }),
      }),
      python,
    ),
  ) as JudgeOutput;
  const byIndex = new Map(judged.cases.map((c) => [c.index, c]));
  const rules: CaseVerdict[] = judged.rules.map((r, i) => ({
    index: -1 - i,
    name: `rule: ${r.message}`,
    example: false,
    generated: false,
    verdict: r.broken ? 'failed' : 'passed',
    reason: r.broken ? `broken at ${r.where}` : r.where,
    ms: 0,
    cpuMs: 0,
  }));
  const cases: CaseVerdict[] = indices.map((i) => {
    const c = h.cases[i] as HarnessCase;
    const record = records.get(i);
    const j = byIndex.get(i);
    const missing = !record;
    return {
      index: i,
      name: caseName(c, i),
      example: exampleIndices(h).includes(i),
      generated: isGenerated(c),
      verdict: missing ? (launch.timedOut ? 'timeout' : 'error') : (j?.verdict ?? 'error'),
      reason: cut(missing ? stopped : (j?.reason ?? '')),
      ms: Math.round(record?.ms ?? 0),
      cpuMs: Math.round(record?.cpuMs ?? 0),
      input: cut(inputText(h, c)),
      ...(j?.expected !== undefined ? { expected: cut(j.expected) } : {}),
      ...(j?.actual !== undefined ? { actual: cut(j.actual) } : {}),
      stdout: cut(record?.stdout ?? ''),
      stderr: cut(record?.stderr ?? ''),
    };
  });
  const all = [...rules, ...cases];
  return {
    cases: all,
    passed: all.filter((c) => c.verdict === 'passed').length,
    total: all.length,
    ms: Math.round(performance.now() - started),
    launch,
  };
}

/** The reference against the generator's slow solution on small generated inputs. */
export async function crossCheck({
  question,
  python = DEFAULT_PYTHON,
}: {
  question: HarnessQuestion;
  python?: string;
}) {
  const h = question.harness;
  const check = h.crossCheck ?? { sizes: [1, 2, 3, 5, 8, 20], seeds: 5 };
  const launcher = createBareLauncher({ python });
  const launch = await launcher.launch({
    payload: JSON.stringify({
      mode: 'crosscheck',
      spec: driverSpec(h),
      solution: question.solution,
      generator: question.generator,
      crossCheck: check,
      limits: DEFAULT_LIMITS,
    }),
    wallTimeoutMs: 120_000,
  });
  const records = [...parseChannel(launch.channel).values()] as (DriverRecord & { size: number; seed: number })[];
  const errors = records.filter((r) => r.error).map((r) => `size ${r.size} seed ${r.seed}: ${r.error}`);
  const judged = JSON.parse(
    await judgeProcess(
      JSON.stringify({
        spec: { kind: h.kind, compare: h.compare, tolerance: h.tolerance, check: h.check },
        cases: records
          .filter((r) => !r.error)
          .map((r) => ({
            index: r.index,
            args: h.kind === 'design' ? (r.input as { ops: unknown }).ops : r.input,
            expected: r.expected,
            result: { index: r.index, got: r.got, error: null, timeout: false },
          })),
      }),
      python,
    ),
  ) as JudgeOutput;
  const bySize = new Map(records.map((r) => [r.index, r]));
  const mismatches = judged.cases
    .filter((c) => !c.ok)
    .map((c) => {
      const r = bySize.get(c.index);
      return `size ${r?.size} seed ${r?.seed}: input ${JSON.stringify(r?.input).slice(0, 300)}, reference ${c.actual?.slice(0, 200)}, slow ${c.expected?.slice(0, 200)}`;
    });
  const expectedCount = check.sizes.length * check.seeds;
  if (records.length < expectedCount && !errors.length)
    errors.push(`only ${records.length} of ${expectedCount} inputs ran: ${launch.stderr.slice(-500)}`);
  return { compared: records.length, problems: [...errors, ...mismatches] };
}
