import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BankQuestion, readQuestionFile } from '../../src/questions/bank.loader.js';
import { parseArgs } from '../../src/questions/cli-verify.js';
import { crossCheck, exampleIndices, runQuestion } from '../../src/questions/harness/harness.js';
import { createBareLauncher } from '../../src/questions/harness/launch.js';
import { checkStarters } from '../../src/questions/harness/starters.js';
import type { Harness } from '../../src/questions/question.schema.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const launcher = createBareLauncher();
const load = (track: 'algorithm' | 'scripting', id: string) =>
  readQuestionFile(path.join(REPO, 'questions'), track, id);
/** A question made up for one test: only what the harness reads. */
const made = (harness: Record<string, unknown>, solution = '', generator: string | null = null) =>
  ({
    id: 'made-up',
    harness: { compare: 'exact', ...harness } as Harness,
    solution,
    generator,
    contentHash: `${JSON.stringify(harness)}${solution}${generator}`,
  }) as unknown as BankQuestion;
const verdicts = async (q: BankQuestion, solution: string) =>
  (await runQuestion({ question: q, solution, launcher })).cases.map((c) => c.verdict);

describe('the question harness', () => {
  const twoSum = load('algorithm', 'two-sum');
  const accessLog = load('scripting', 'access-log-top-ips');

  it('passes the reference solutions, every case', async () => {
    for (const q of [twoSum, accessLog]) {
      const report = await runQuestion({ question: q, solution: q.solution, launcher });
      expect(report.cases.filter((c) => c.verdict !== 'passed')).toEqual([]);
      expect(report.passed).toBe(q.harness.cases.length);
    }
  });

  it('rejects a wrong solution and shows expected and actual output', async () => {
    const report = await runQuestion({
      question: twoSum,
      solution: 'def two_sum(nums, target):\n    return [5, 6]\n',
      launcher,
    });
    const failed = report.cases.filter((c) => c.verdict === 'failed');
    expect(failed.length).toBe(twoSum.harness.cases.length);
    expect(failed[0]).toMatchObject({ actual: '[5, 6]', expected: '[0, 1]', input: 'two_sum([2, 7, 11, 15], 9)' });
  });

  it('an empty answer passes nothing', async () => {
    for (const q of [twoSum, accessLog]) {
      const report = await runQuestion({ question: q, solution: '', launcher });
      // A script that prints nothing can match only a case that expects nothing and exit 0.
      expect(report.passed).toBe(0);
    }
  });

  it('stops a solution that hangs at its per-case limit and goes on with the next case', async () => {
    const q = made({
      kind: 'function',
      call: 'f',
      timeoutSeconds: 0.5,
      cases: [
        { args: [0], expected: 0 },
        { args: [1], expected: 1 },
      ],
    });
    // A broad `except Exception` must not swallow the timeout.
    const hangsOnZero =
      'def f(x):\n    while x == 0:\n        try:\n            pass\n        except Exception:\n            pass\n    return x\n';
    expect(await verdicts(q, hangsOnZero)).toEqual(['timeout', 'passed']);
  });

  it('reports a crash as an error with the solution’s own traceback', async () => {
    const report = await runQuestion({
      question: twoSum,
      solution: 'def two_sum(nums, target):\n    raise RuntimeError("boom")\n',
      launcher,
    });
    expect(report.cases[0]?.verdict).toBe('error');
    expect(report.cases[0]?.reason).toContain('RuntimeError: boom');
    expect(report.cases[0]?.reason).toContain('solution.py');
    expect(report.cases[0]?.reason).not.toContain('<string>');
  });

  it('tells True from 1 and None from 0 (type-strict comparison)', async () => {
    const q = made({
      kind: 'function',
      call: 'f',
      cases: [
        { args: [0], expected: true },
        { args: [1], expected: false },
        { args: [2], expected: 0 },
        { args: [3], expected: [1, true] },
      ],
    });
    expect(await verdicts(q, 'def f(x):\n    return [True, False, 0, [1, True]][x]\n')).toEqual([
      'passed',
      'passed',
      'passed',
      'passed',
    ]);
    expect(await verdicts(q, 'def f(x):\n    return [1, 0, None, [True, 1]][x]\n')).toEqual([
      'failed',
      'failed',
      'failed',
      'failed',
    ]);
    // unordered lists keep the types too
    const unordered = made({
      kind: 'function',
      call: 'f',
      compare: 'unordered',
      cases: [{ args: [], expected: [true, 2] }],
    });
    expect(await verdicts(unordered, 'def f():\n    return [2, 1]\n')).toEqual(['failed']);
    expect(await verdicts(unordered, 'def f():\n    return [2, True]\n')).toEqual(['passed']);
  });

  it('judges NaN and infinity results without breaking the batch', async () => {
    const q = made({
      kind: 'function',
      call: 'f',
      compare: 'float',
      cases: [
        { args: [0], expected: 1.5 },
        { args: [1], expected: 2 },
      ],
    });
    const report = await runQuestion({
      question: q,
      solution: 'def f(x):\n    return [float("nan"), float("inf")][x]\n',
      launcher,
    });
    expect(report.cases.map((c) => c.verdict)).toEqual(['failed', 'failed']);
    expect(report.cases.map((c) => c.actual)).toEqual(['nan', 'inf']);
  });

  it('checks stderr where the prompt asks for a message there', async () => {
    const q = made({
      kind: 'script',
      cases: [{ args: [], expected: { stdout: '', exitCode: 2, stderr: 'no such file' } }],
    });
    expect(await verdicts(q, 'import sys\nsys.exit(2)\n')).toEqual(['failed']);
    expect(await verdicts(q, 'import sys\nprint("error: no such file", file=sys.stderr)\nsys.exit(2)\n')).toEqual([
      'passed',
    ]);
    const any = made({ kind: 'script', cases: [{ args: [], expected: { stdout: '', exitCode: 1, stderr: true } }] });
    expect(await verdicts(any, 'raise SystemExit(1)\n')).toEqual(['failed']);
    expect(await verdicts(any, 'raise SystemExit("bad input")\n')).toEqual(['passed']);
  });

  it('runs scripts in a fresh directory per case with files, symlinks, empty folders and modes', async () => {
    const q = made({
      kind: 'script',
      cases: [
        {
          args: [],
          files: {
            'data/app.log': 'hello\n',
            'current.log': { symlink: 'data/app.log' },
            empty: { dir: true },
            'run.sh': { content: '#!/bin/sh\n', mode: '0755' },
          },
          expected: { stdout: 'True hello True [] True\n' },
        },
        { args: [], expected: { stdout: 'False\n' } },
      ],
    });
    const solution = `import os
if os.path.exists("data"):
    print(os.path.islink("current.log"), open("current.log").read().strip(), os.path.isdir("empty"), os.listdir("empty"), os.access("run.sh", os.X_OK))
else:
    print(os.path.exists("leftover"))
open("leftover", "w").write("x")
`;
    expect(await verdicts(q, solution)).toEqual(['passed', 'passed']);
  });

  it('opens the tar and gzip files a script writes and compares what is inside', async () => {
    const q = made({
      kind: 'script',
      cases: [
        {
          args: [],
          expected: {
            archives: { 'out.tar.gz': { gzip: true, members: { 'a/x.log': 'x\n', 'y.log': 'y\n' } } },
            gzipped: { 'app.log.1.gz': 'line 1\n' },
          },
        },
      ],
    });
    const script = ({
      mode = 'w:gz',
      members = { 'a/x.log': 'x\n', 'y.log': 'y\n' } as Record<string, string>,
      gz = 'line 1\n',
    } = {}) => `
import gzip, io, tarfile
with tarfile.open("out.tar.gz", ${JSON.stringify(mode)}) as tar:
    for name, text in ${JSON.stringify(members)}.items():
        data = text.encode()
        info = tarfile.TarInfo(name)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
with gzip.open("app.log.1.gz", "wt") as fh:
    fh.write(${JSON.stringify(gz)})
`;
    const only = async (solution: string) => {
      const [c] = (await runQuestion({ question: q, solution, launcher })).cases;
      return { verdict: c?.verdict, why: c?.reason ?? '' };
    };
    expect(await only(script())).toEqual({ verdict: 'passed', why: '' });
    const { verdict, why } = await only(script({ mode: 'w', members: { 'x.log': 'x\n', 'y.log': 'Y\n' }, gz: 'l1\n' }));
    expect(verdict).toBe('failed');
    expect(why).toContain('app.log.1.gz holds different content once decompressed');
    expect(why).toContain('out.tar.gz is not gzip-compressed');
    expect(why).toContain('out.tar.gz is missing a/x.log');
    expect(why).toContain('out.tar.gz should not hold x.log');
    expect(why).toContain('out.tar.gz holds different content for y.log');
    // A stale copy of a member beside the new one: extracting would write both in turn.
    const twice = await only(`${script()}
with tarfile.open("out.tar.gz", "r:gz") as old:
    items = [(m, old.extractfile(m).read()) for m in old.getmembers()]
with tarfile.open("out.tar.gz", "w:gz") as tar:
    for m, data in items + items[:1]:
        tar.addfile(m, io.BytesIO(data))
`);
    expect(twice.why).toBe('out.tar.gz holds more than one copy of a/x.log');
    const { why: nothing } = await only('open("out.tar.gz", "w").write("not a tar")\n');
    expect(nothing).toContain('out.tar.gz is not a readable tar archive');
    expect(nothing).toContain('app.log.1.gz was not written');
  });

  it('holds a case to an empty stderr when it says stderr: false', async () => {
    const q = made({ kind: 'script', cases: [{ args: [], expected: { stdout: 'ok\n', stderr: false } }] });
    expect(await verdicts(q, 'print("ok")\n')).toEqual(['passed']);
    const [noisy] = (
      await runQuestion({
        question: q,
        solution: 'import sys\nprint("ok")\nprint("debug", file=sys.stderr)\n',
        launcher,
      })
    ).cases;
    expect(noisy?.verdict).toBe('failed');
    expect(noisy?.reason).toContain('wrote to stderr, where nothing is expected');
  });

  it('serves a case its own HTTP API on loopback and checks the requests made', async () => {
    const q = made({
      kind: 'script',
      cases: [
        {
          args: ['{API_URL}/items'],
          server: {
            routes: [
              {
                path: '/items',
                responses: [
                  { status: 503, body: 'busy' },
                  { status: 200, body: '{"n": 2}' },
                ],
              },
            ],
          },
          expected: { stdout: '503\n200 {"n": 2}\n', requests: ['GET /items', 'GET /items'] },
        },
      ],
    });
    const solution = `import sys, urllib.request, urllib.error
for _ in range(2):
    try:
        with urllib.request.urlopen(sys.argv[1]) as r:
            print(r.status, r.read().decode())
    except urllib.error.HTTPError as e:
        print(e.code)
`;
    expect(await verdicts(q, solution)).toEqual(['passed']);
    expect(await verdicts(q, solution.replace('range(2)', 'range(3)'))).toEqual(['failed']);
  });

  it('builds stress inputs with the generator; the reference output is the expected one', async () => {
    const generator = `def generate(rng, size):
    return [[rng.randint(-1000, 1000) for _ in range(size)]]

def slow(nums):
    best = 0
    for i in range(len(nums)):
        for j in range(i, len(nums) + 1):
            best = max(best, sum(nums[i:j]))
    return best
`;
    const reference = `def max_sub(nums):
    best = cur = 0
    for x in nums:
        cur = max(0, cur + x)
        best = max(best, cur)
    return best
`;
    const q = made(
      {
        kind: 'function',
        call: 'max_sub',
        timeoutSeconds: 1,
        cases: [
          { args: [[1, -2, 3]], expected: 3 },
          { name: 'big', generate: { size: 200_000, seed: 3 } },
        ],
      },
      reference,
      generator,
    );
    expect(await verdicts(q, reference)).toEqual(['passed', 'passed']);
    // Off by one on the big input only: it must be caught there.
    expect(await verdicts(q, reference.replace('return best', 'return best if len(nums) < 10 else best + 1'))).toEqual([
      'passed',
      'failed',
    ]);
    // Quadratic is too slow at this size.
    expect(await verdicts(q, generator.replace('def slow', 'def max_sub'))).toEqual(['passed', 'timeout']);
    expect((await crossCheck({ question: q })).problems).toEqual([]);
    const wrong = { ...q, solution: reference.replace('max(0, cur + x)', 'cur + x') } as BankQuestion;
    expect((await crossCheck({ question: wrong })).problems.length).toBeGreaterThan(0);
  });

  it('enforces rules the prompt states, on the source, as failed cases', async () => {
    const q = made({
      kind: 'function',
      call: 'f',
      rules: [{ forbid: 'import', names: ['itertools'], message: 'do not use itertools' }],
      cases: [
        {
          args: [[1, 2]],
          expected: [
            [1, 2],
            [2, 1],
          ],
        },
      ],
    });
    const cheat = 'import itertools\ndef f(xs):\n    return [list(p) for p in itertools.permutations(xs)]\n';
    const report = await runQuestion({ question: q, solution: cheat, launcher });
    expect(report.cases.map((c) => [c.name, c.verdict])).toEqual([
      ['rule: do not use itertools', 'failed'],
      ['case 1', 'passed'],
    ]);
    expect(report).toMatchObject({ passed: 1, total: 2 });
  });

  it('uses the marked examples as the visible cases, or the first two', () => {
    const unmarked = made({
      kind: 'function',
      call: 'f',
      cases: [1, 2, 3].map((n) => ({ args: [n], expected: n })),
    });
    expect(exampleIndices(unmarked.harness)).toEqual([0, 1]);
    const marked = made({
      kind: 'function',
      call: 'f',
      cases: [
        { args: [1], expected: 1 },
        { args: [2], expected: 2, example: true },
      ],
    });
    expect(exampleIndices(marked.harness)).toEqual([1]);
  });

  it('checks starters against what the harness calls', () => {
    const withStarter = (starter: string, q: BankQuestion = twoSum) => ({ ...q, starter });
    expect(checkStarters([withStarter('def two_sum(nums: list[int], target: int) -> list[int]:\n    pass\n')])).toEqual(
      [],
    );
    const problems = checkStarters([
      withStarter('def twosum(nums: list[int], target: int) -> list[int]:\n    pass\n'),
      withStarter('def two_sum(nums):\n    pass\n'),
      withStarter('def two_sum(nums, target):\n    pass\n'),
      withStarter('print("hi")\n', accessLog),
      withStarter(
        'import argparse, sys\n\ndef main() -> int:\n    parser = argparse.ArgumentParser()\n    return 0\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        accessLog,
      ),
    ]).map((p) => p.reason);
    expect(problems).toEqual([
      'does not define the function two_sum() the harness calls',
      'two_sum() takes 1-1 arguments but the cases pass 2',
      'two_sum() needs type hints for nums, target, the return value',
      'a script starter builds its arguments with argparse',
    ]);
  });

  it('reads its command line without dropping the first question id', () => {
    expect(parseArgs(['two-sum', 'lru-cache'])).toEqual({ ids: ['two-sum', 'lru-cache'] });
    expect(parseArgs(['--track', 'algorithm', 'two-sum'])).toEqual({ track: 'algorithm', ids: ['two-sum'] });
    expect(parseArgs(['two-sum', '--solution', 'x.py'])).toEqual({ solution: 'x.py', ids: ['two-sum'] });
    expect(() => parseArgs(['--track'])).toThrow(/needs a value/);
    expect(() => parseArgs(['--bogus'])).toThrow(/unknown option/);
  });
});
