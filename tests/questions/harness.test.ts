import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQuestionFile } from '../../src/questions/bank.loader.js';
import { runCase, verifyQuestions } from '../../src/questions/harness/verify.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const load = (track: 'algorithm' | 'scripting', id: string) => {
  const rel = `questions/${track}/${id}.md`;
  const { question, problems } = parseQuestionFile(rel, fs.readFileSync(path.join(REPO, rel), 'utf8'), track);
  if (!question) throw new Error(JSON.stringify(problems));
  return question;
};

describe('the question harness', () => {
  const twoSum = load('algorithm', 'two-sum');
  const accessLog = load('scripting', 'access-log-top-ips');

  it('passes the reference solutions, every case', async () => {
    const results = await verifyQuestions({ questions: [twoSum, accessLog] });
    expect(results).toHaveLength(twoSum.harness.cases.length + accessLog.harness.cases.length);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('rejects a wrong solution and shows the difference', async () => {
    const wrong = 'def two_sum(nums, target):\n    return [0, 1]\n';
    const results = await Promise.all(
      twoSum.harness.cases.map((_, index) => runCase({ question: twoSum, index, solution: wrong })),
    );
    const failed = results.filter((r) => !r.ok);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toMatchObject({ got: [0, 1] });
    expect(failed[0]!.expected).not.toEqual([0, 1]);
  });

  it('kills a solution that hangs, at the timeout', async () => {
    const hang = 'def two_sum(nums, target):\n    while True:\n        pass\n';
    const result = await runCase({ question: twoSum, index: 0, solution: hang, timeoutMs: 1500 });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/timed out/);
  });

  it('reports a crash as a failed case with the traceback', async () => {
    const crash = 'def two_sum(nums, target):\n    raise RuntimeError("boom")\n';
    const result = await runCase({ question: twoSum, index: 0, solution: crash });
    expect(result.ok).toBe(false);
    expect(result.error).toContain('RuntimeError: boom');
  });

  it('judges scripts on stdout and exit code, in a fresh directory with the fixture files', async () => {
    const ignoresMissingFile = `import sys\nprint("top 3 clients:")\nprint("status codes:")\nprint("malformed lines: 0")\n`;
    const missing = accessLog.harness.cases.findIndex((c) => c.name === 'missing file exits 2');
    const empty = accessLog.harness.cases.findIndex((c) => c.name === 'empty file');
    expect((await runCase({ question: accessLog, index: empty, solution: ignoresMissingFile })).ok).toBe(true);
    const result = await runCase({ question: accessLog, index: missing, solution: ignoresMissingFile });
    expect(result.ok).toBe(false);
    expect(result.got).toMatchObject({ exitCode: 0 });
    // Files written by one case are gone for the next.
    const leaky = `open("leak.txt", "a").write("x")\nprint(len(open("leak.txt").read()))\n`;
    const spec = {
      ...accessLog,
      solution: leaky,
      harness: {
        kind: 'script' as const,
        compare: 'exact' as const,
        cases: [
          { args: [], expected: { stdout: '1\n', exitCode: 0 } },
          { args: [], expected: { stdout: '1\n', exitCode: 0 } },
        ],
      },
    };
    const runs = await verifyQuestions({ questions: [spec], concurrency: 1 });
    expect(runs.map((r) => r.ok)).toEqual([true, true]);
  });
});
