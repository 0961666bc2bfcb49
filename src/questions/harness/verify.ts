import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BankQuestion } from '../bank.loader.js';

const DRIVER = fileURLToPath(new URL('./driver.py', import.meta.url));

export type CaseResult = {
  question: string;
  index: number;
  name: string;
  ok: boolean;
  got?: unknown;
  expected?: unknown;
  error?: string;
  ms: number;
};

type FixtureFile = string | { content?: string; base64?: string; mtime?: string };

function writeFixtures(dir: string, files: Record<string, FixtureFile> | undefined) {
  for (const [rel, spec] of Object.entries(files ?? {})) {
    const file = path.join(dir, rel);
    if (!file.startsWith(dir + path.sep)) throw new Error(`fixture path escapes the case directory: ${rel}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (typeof spec === 'string') {
      fs.writeFileSync(file, spec);
    } else {
      fs.writeFileSync(file, spec.base64 !== undefined ? Buffer.from(spec.base64, 'base64') : (spec.content ?? ''));
      if (spec.mtime) {
        const t = new Date(spec.mtime);
        fs.utimesSync(file, t, t);
      }
    }
  }
}

/** Run one case of a question in a fresh temporary directory, with a hard timeout. */
export async function runCase({
  question,
  index,
  solution,
  python = 'python3',
  timeoutMs,
}: {
  question: BankQuestion;
  index: number;
  solution?: string;
  python?: string;
  timeoutMs?: number;
}): Promise<CaseResult> {
  const { cases, ...spec } = question.harness;
  const testCase = cases[index] as { name?: string; files?: Record<string, FixtureFile> };
  const name = testCase.name ?? `case ${index + 1}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdrill-case-'));
  const started = performance.now();
  try {
    writeFixtures(dir, testCase.files);
    fs.writeFileSync(path.join(dir, 'solution.py'), solution ?? question.solution);
    fs.writeFileSync(path.join(dir, '.opsdrill-spec.json'), JSON.stringify({ harness: spec, case: testCase }));
    const limit = timeoutMs ?? ((spec.timeoutSeconds ?? 10) + 5) * 1000;
    const outcome = await new Promise<{ timedOut: boolean; stderr: string; code: number | null }>((resolve) => {
      const child = spawn(python, [DRIVER, '.opsdrill-spec.json', '.opsdrill-result.json'], {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'pipe'],
        detached: true,
      });
      let stderr = '';
      let timedOut = false;
      child.stderr.on('data', (d: Buffer) => {
        if (stderr.length < 4000) stderr += d.toString();
      });
      // Kill the whole process group: a solution may have started children of its own.
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, limit);
      child.on('error', (err) => {
        clearTimeout(timer);
        resolve({ timedOut, stderr: String(err), code: -1 });
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ timedOut, stderr, code });
      });
    });
    const ms = Math.round(performance.now() - started);
    if (outcome.timedOut)
      return { question: question.id, index, name, ok: false, error: `timed out after ${limit / 1000} s`, ms };
    const resultFile = path.join(dir, '.opsdrill-result.json');
    if (!fs.existsSync(resultFile))
      return {
        question: question.id,
        index,
        name,
        ok: false,
        error: `the harness did not finish (exit ${outcome.code}): ${outcome.stderr.trim().slice(-500)}`,
        ms,
      };
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as {
      ok: boolean;
      got: unknown;
      expected: unknown;
      error: string | null;
    };
    return {
      question: question.id,
      index,
      name,
      ok: result.ok,
      got: result.got,
      expected: result.expected,
      ...(result.error ? { error: result.error } : {}),
      ms,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every case of every question, a few at a time. */
export async function verifyQuestions({
  questions,
  concurrency = Math.max(2, os.cpus().length * 2),
  python,
  onResult,
}: {
  questions: BankQuestion[];
  concurrency?: number;
  python?: string;
  onResult?: (r: CaseResult) => void;
}) {
  const jobs = questions.flatMap((q) => q.harness.cases.map((_, index) => ({ question: q, index })));
  const results: CaseResult[] = new Array(jobs.length);
  let next = 0;
  async function worker() {
    while (next < jobs.length) {
      const i = next++;
      const job = jobs[i]!;
      results[i] = await runCase({ question: job.question, index: job.index, ...(python ? { python } : {}) });
      onResult?.(results[i]!);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return results;
}
