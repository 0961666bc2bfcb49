import type { StoredCaseResult } from '../db/schema.js';
import {
  type CaseVerdict,
  exampleIndices,
  type HarnessQuestion,
  type Limits,
  type RunReport,
  runQuestion,
} from '../questions/harness/harness.js';
import { createRunnerFailedError, createRunnerUnavailableError } from './runner.errors.js';
import type { RunQueue } from './runner.queue.js';

export type RunScope = 'examples' | 'all';

/** A case as the candidate may see it: full details for examples, only the verdict for hidden cases. */
export type CaseView = Pick<CaseVerdict, 'index' | 'name' | 'verdict' | 'ms'> & {
  visible: boolean;
  reason?: string;
  input?: string;
  expected?: string;
  actual?: string;
  stdout?: string;
  stderr?: string;
  error?: string;
};

export type RunView = { id: number; scope: RunScope; passed: number; total: number; cases: CaseView[] };

/** Per case: what the candidate sees. Hidden cases stay hidden unless `reveal` names them. */
export function caseViews(cases: CaseVerdict[], reveal: Set<number> = new Set()): CaseView[] {
  return cases.map((c) => {
    const visible = c.example || c.index < 0 || reveal.has(c.index);
    const base = { index: c.index, name: c.name, verdict: c.verdict, ms: c.ms, visible };
    if (!visible) return base;
    const error = c.verdict === 'error' || c.verdict === 'timeout' ? c.reason : undefined;
    return {
      ...base,
      ...(c.reason && !error ? { reason: c.reason } : {}),
      ...(error ? { error } : {}),
      ...(c.input !== undefined ? { input: c.input } : {}),
      ...(c.expected !== undefined ? { expected: c.expected } : {}),
      ...(c.actual !== undefined ? { actual: c.actual } : {}),
      stdout: c.stdout ?? '',
      stderr: c.stderr ?? '',
    };
  });
}

/** What the attempt row keeps of a run: verdicts, no outputs. */
export const storedResults = (cases: CaseVerdict[]): StoredCaseResult[] =>
  cases.map(({ index, name, example, generated, verdict, ms }) => ({ index, name, example, generated, verdict, ms }));

/**
 * Runs a candidate's code against a question's cases through the queue and the sandbox. Knows
 * nothing of attempts: the drills service decides who may run what and keeps the results.
 */
export function createRunnerService({ queue, limits }: { queue: RunQueue | null; limits: Limits }) {
  return {
    available: () => queue !== null,

    async execute({
      userId,
      question,
      code,
      scope,
    }: {
      userId: number;
      question: HarnessQuestion;
      code: string;
      scope: RunScope;
    }): Promise<RunReport> {
      if (!queue) throw createRunnerUnavailableError();
      const indices = scope === 'examples' ? exampleIndices(question.harness) : undefined;
      return queue.run({
        userId,
        work: async (launcher) => {
          try {
            const { launch: _launch, ...report } = await runQuestion({
              question,
              solution: code,
              launcher,
              limits,
              ...(indices ? { indices } : {}),
            });
            return report;
          } catch (err) {
            // The judge or the reference failing is our fault, not the candidate's.
            throw Object.assign(createRunnerFailedError(), { cause: err });
          }
        },
      });
    },
  };
}
export type RunnerService = ReturnType<typeof createRunnerService>;
