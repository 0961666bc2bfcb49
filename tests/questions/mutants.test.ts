import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BankQuestion } from '../../src/questions/bank.loader.js';
import { createBareLauncher } from '../../src/questions/harness/launch.js';
import { parseArgs, runMutantsCommand, UsageError } from '../../src/questions/mutants/cli.js';
import { EquivalentsFileError, loadEquivalents } from '../../src/questions/mutants/mutants.equivalents.js';
import { renderReport, summarize } from '../../src/questions/mutants/mutants.report.js';
import {
  generateMutants,
  prepareRunner,
  type QuestionResult,
  testQuestion,
} from '../../src/questions/mutants/mutants.runner.js';
import { endRun } from '../../src/questions/mutants/stopping-launcher.js';
import type { Harness } from '../../src/questions/question.schema.js';

const launcher = createBareLauncher();
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdrill-mutants-test-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A question made up for one test: only what the harness and the tool read. */
const made = (harness: Record<string, unknown>, solution: string, generator: string | null = null) =>
  ({
    id: 'made-up',
    track: 'algorithm',
    harness: { compare: 'exact', ...harness } as Harness,
    solution,
    generator,
    contentHash: `${JSON.stringify(harness)}${solution}${generator}`,
  }) as unknown as BankQuestion;

const write = (rel: string, text: string) => {
  const file = path.join(tmp, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
};

// One site for every operator; `warn` gives scripts their stderr operator.
const RICH = `import sys


def pick(nums, limit):
    if not nums:
        return []
    out = []
    for i in range(len(nums)):
        x = nums[i]
        if x >= limit and x % 2 == 0:
            continue
        out.append(min(x, limit + 1))
    return out


def small(nums):
    if len(nums) > 3:
        return False
    return True


def warn(msg):
    print(msg, file=sys.stderr)
`;

const coverage = { lines: [], returns: { '13': { list: 3, NoneType: 1 } } };

describe('automatic mutants', () => {
  it('makes every kind of mutant from the syntax tree, each with what it changed', async () => {
    // What the cases saw `pick` return (line 13) picks the empty value; the cases ran no line.
    const out = await generateMutants({ source: RICH, kind: 'script', coverage });
    const ops = new Set(out.mutants.map((m) => m.op));
    expect([...ops].sort()).toEqual(
      [
        'arith',
        'bool-return',
        'boolop',
        'cmp',
        'const',
        'drop-last',
        'empty',
        'guard',
        'minmax',
        'range',
        'stderr',
      ].sort(),
    );
    const change = (op: string) => out.mutants.filter((m) => m.op === op).map((m) => `${m.before} -> ${m.after}`);
    expect(change('cmp')).toContain('x >= limit -> x > limit');
    expect(change('range')).toEqual([
      'range(len(nums)) -> range(len(nums) + 1)',
      'range(len(nums)) -> range(len(nums) - 1)',
      'range(len(nums)) -> range(1, len(nums))',
    ]);
    expect(change('arith')).toEqual(['limit + 1 -> limit', 'limit + 1 -> limit + 2']);
    expect(change('guard')).toContain('if not nums: ... -> (removed)');
    expect(change('empty')).toContain('return out -> return []');
    expect(change('drop-last')).toContain('return out -> return out[:-1]');
    expect(change('boolop')).toEqual(['x >= limit and x % 2 == 0 -> x >= limit or x % 2 == 0']);
    expect(change('bool-return')).toEqual(['return False -> return 0', 'return True -> return 1']);
    expect(change('minmax')).toEqual(['min(x, limit + 1) -> max(x, limit + 1)']);
    expect(change('stderr')).toEqual(['print(msg, file=sys.stderr) -> (removed)']);
    expect(out.mutants.find((m) => m.op === 'cmp' && m.before === 'x >= limit')?.line).toBe(10);
    // `return []` cannot get emptier and `return False` is already the empty bool: not counted.
    expect(out.stats?.identical).toBe(2);
    for (const m of out.mutants) {
      expect(m.id).toMatch(new RegExp(`^${m.op}-[0-9a-f]{8}$`));
      expect(m.source).not.toBe(out.normalized);
    }
    expect(new Set(out.mutants.map((m) => m.source)).size).toBe(out.mutants.length);
    // stderr is a script's channel; functions return values.
    const fn = await generateMutants({ source: RICH, kind: 'function' });
    expect(fn.mutants.some((m) => m.op === 'stderr')).toBe(false);
    // Without coverage the type of `return out` is unknown: no empty value is guessed for it.
    expect(fn.mutants.some((m) => m.before === 'return out')).toBe(false);
  });

  it('keeps mutant ids when comments, blank lines or later code change, and caps across operators', async () => {
    const a = await generateMutants({ source: RICH, kind: 'script', coverage });
    const edited = `# a comment\n\n${RICH.replace('    out = []', '    out = []  # the kept values\n')}\n\ndef extra(n):\n    return n > 0\n`;
    const b = await generateMutants({
      source: edited,
      kind: 'script',
      coverage: { lines: [], returns: { '16': { list: 1 } } },
    });
    const ids = (o: typeof a) => o.mutants.map((m) => m.id);
    expect(ids(b)).toEqual(expect.arrayContaining(ids(a)));
    expect(b.mutants.length).toBeGreaterThan(a.mutants.length);
    const capped = await generateMutants({ source: RICH, kind: 'script', cap: 11, coverage });
    expect(new Set(capped.mutants.map((m) => m.op)).size).toBe(11);
    expect(ids(await generateMutants({ source: RICH, kind: 'script', cap: 11, coverage }))).toEqual(ids(capped));
    expect(capped.stats?.selected).toBe(11);
  });

  it('reports a reference that does not parse instead of mutating it', async () => {
    const out = await generateMutants({ source: 'def f(:\n    pass\n', kind: 'function' });
    expect(out.error).toMatch(/does not parse/);
    expect(out.mutants).toEqual([]);
  });
});

const COUNT_BIG = `def count_big(nums, limit):
    if not nums:
        return 0
    total = 0
    for x in nums:
        if x >= limit:
            total += 1
    return total
`;
// Odd values against an even limit: the stress case never holds a value equal to the limit.
const GENERATOR = `def generate(rng, size):
    return [[rng.randrange(1, 1000, 2) for _ in range(size)], 500]
`;
const countBig = (extraCases: unknown[] = [], { stress = true } = {}) =>
  made(
    {
      kind: 'function',
      call: 'count_big',
      timeoutSeconds: 0.5,
      rules: [{ forbid: 'call', names: ['sorted'], message: 'do not sort the values' }],
      cases: [
        { name: 'some above', args: [[1, 5, 7], 4], expected: 2 },
        { name: 'one value', args: [[10], 3], expected: 1 },
        { name: 'none above', args: [[2, 3], 5], expected: 0 },
        ...extraCases,
        ...(stress ? [{ name: 'stress', generate: { size: 50_000, seed: 1 } }] : []),
      ],
    },
    COUNT_BIG,
    GENERATOR,
  );

describe('running mutants against the cases', () => {
  let result: QuestionResult;
  const mutantsDir = () => path.join(tmp, 'bank', 'mutants');
  const find = (op: string, before: string, after?: string, line?: number) => {
    const m = result.mutants.find(
      (x) => x.op === op && x.before === before && (!after || x.after === after) && (!line || x.line === line),
    );
    if (!m) throw new Error(`no ${op} mutant of ${before}`);
    return m;
  };

  beforeAll(async () => {
    const dir = 'bank/mutants/algorithm/made-up';
    write(
      `${dir}/brute.py`,
      '# brute force: walks every earlier value for each value (quadratic)\ndef count_big(nums, limit):\n    total = 0\n    for i in range(len(nums)):\n        for _ in range(i):\n            pass\n        if nums[i] >= limit:\n            total += 1\n    return total\n',
    );
    write(
      `${dir}/rule-sorted.py`,
      '# breaks the rule: sorts the values first\ndef count_big(nums, limit):\n    return len([x for x in sorted(nums) if x >= limit])\n',
    );
    write(
      `${dir}/rule-len.py`,
      '# uses len(), which no rule of the question forbids\ndef count_big(nums, limit):\n    return len([x for x in nums if x >= limit])\n',
    );
    write(`${dir}/rule-silent.py`, 'def count_big(nums, limit):\n    return 0\n');
    write(`${dir}/notes.txt`, 'not a mutant\n');
    result = await testQuestion({ question: countBig(), mutantsDir: mutantsDir(), launcher });
  });

  it('kills the mutants a case catches and names the case', () => {
    expect(result.problems.filter((p) => !/notes\.txt|rule-silent/.test(p))).toEqual([]);
    expect(result.coverage).toBe('measured');
    for (const m of [
      find('const', '0', '1', 4),
      find('drop-last', 'for x in nums: ...'),
      find('empty', 'return total'),
    ]) {
      expect(m.status).toBe('killed');
      expect(m.by).toMatch(/^(some above|one value|none above|stress): failed$/);
    }
    expect(find('const', '0', '-1', 4).status).toBe('killed');
  });

  it('reports a survivor when a case is missing, and a case that tells it apart kills it', async () => {
    // No case holds a value equal to the limit.
    const survivor = find('cmp', 'x >= limit', 'x > limit');
    expect(survivor.status).toBe('survived');
    const better = countBig([{ name: 'equal to the limit', args: [[4, 1], 4], expected: 1 }]);
    const { failure, run } = await prepareRunner({ question: better, reference: COUNT_BIG, launcher });
    expect(failure).toBeUndefined();
    expect(await run(survivor.source)).toEqual({ killed: true, by: 'equal to the limit: failed' });
    expect(await run(COUNT_BIG)).toEqual({ killed: false, by: null });
  });

  it('does not run mutants of lines no case executes: they survive as unreached', async () => {
    // No case has an empty list, so `return 0` never runs. A stress case might reach it: here they ran.
    const line3 = result.mutants.filter((m) => m.line === 3);
    expect(line3.map((m) => `${m.op} ${m.after}`).sort()).toEqual(['bool-return return False', 'const -1', 'const 1']);
    expect(line3.every((m) => m.status === 'survived' && m.reached === false)).toBe(true);
    expect(result.mutants.filter((m) => m.line !== 3).every((m) => m.reached === true)).toBe(true);
    // Without stress cases the written cases are all there is: those mutants are not run.
    const written = countBig([], { stress: false });
    const plain = await testQuestion({ question: written, mutantsDir: path.join(tmp, 'no-mutants'), launcher });
    const unreached = plain.mutants.filter((m) => m.status === 'unreached');
    expect(unreached.map((m) => m.id).sort()).toEqual(line3.map((m) => m.id).sort());
    expect(unreached.every((m) => m.by === null && m.reached === false)).toBe(true);
  });

  it('counts hand-written mutants: brute force by timeout, rule breakers by their rule', () => {
    const byFile = Object.fromEntries(result.hand.map((h) => [path.basename(h.file), h]));
    expect(byFile['brute.py']).toMatchObject({
      kind: 'brute',
      about: 'brute force: walks every earlier value for each value (quadratic)',
      killed: true,
      by: 'stress: timeout',
    });
    expect(byFile['rule-sorted.py']).toMatchObject({
      kind: 'rule',
      killed: true,
      by: 'rule: do not sort the values: failed',
    });
    expect(byFile['rule-len.py']).toMatchObject({ kind: 'rule', killed: false, by: null });
    // Unusable files are problems, not mutants.
    expect(byFile['rule-silent.py']).toBeUndefined();
    expect(result.problems).toEqual([
      expect.stringMatching(/notes\.txt: not a hand-written mutant name/),
      expect.stringMatching(/rule-silent\.py: its first line must be a # comment/),
    ]);
  });

  it('honours equivalent.yaml in the counts and the report', () => {
    const guard = find('guard', 'if not nums: ...');
    expect(guard.status).toBe('survived');
    const killedConst = find('const', '0', '1', 4);
    const file = write(
      'bank/mutants/equivalent.yaml',
      [
        'made-up:',
        `  - mutant: ${guard.id}`,
        '    reason: "without the guard the loop runs zero times and returns 0 too"',
        `  - mutant: ${killedConst.id}`,
        '    reason: "wrongly listed"',
        '  - mutant: cmp-0123abcd',
        '    reason: "from an older solution"',
        'no-such-question: []',
        '',
      ].join('\n'),
    );
    const summary = summarize({
      results: [result],
      equivalents: loadEquivalents(file),
      bankIds: new Set(['made-up']),
    });
    // 9 mutants: the guard is equivalent; the wrongly listed one is killed, so it still counts.
    expect(summary.overall).toMatchObject({
      questions: 1,
      generated: 9,
      equivalent: 1,
      nonEquivalent: 8,
      killed: 4,
      unreached: 0,
      brute: { killed: 1, total: 1 },
      rule: { killed: 1, total: 2 },
    });
    expect(summary.survivors.map((s) => s.mutant.id)).not.toContain(guard.id);
    expect(summary.survivors.map((s) => `${s.mutant.op} ${s.mutant.status}`).sort()).toEqual([
      'bool-return survived',
      'cmp survived',
      'const survived',
      'const survived',
    ]);
    expect(summary.equivalents).toEqual([expect.objectContaining({ question: 'made-up', reason: expect.any(String) })]);
    expect(summary.problems).toContainEqual(
      expect.stringContaining(`${killedConst.id} is listed as equivalent but some above: failed kills it`),
    );
    expect(summary.warnings).toContainEqual(expect.stringContaining('cmp-0123abcd, which this solution no longer'));
    expect(summary.warnings).toContainEqual(expect.stringContaining('no-such-question, which is not a question'));
    expect(summary.targets.map((t) => `${t.name} ${t.status}`)).toEqual([
      'non-equivalent automatic mutants killed FAIL',
      'brute-force mutants killed PASS',
      'rule-breaking mutants killed FAIL',
    ]);

    const report = renderReport(summary, { scope: 'a test', seconds: 3, cores: 2 });
    expect(report).toContain('| non-equivalent automatic mutants killed ≥ 97% | 4/8 | 50.0% | FAIL |');
    expect(report).toContain('| brute-force mutants killed ≥ 90% | 1/1 | 100.0% | PASS |');
    expect(report).toContain('| algorithm | 1 | 9 | 1 | 8 | 4 | 50.0% | 0 | 1/1 | 1/2 |');
    const survivor = find('cmp', 'x >= limit', 'x > limit');
    expect(report).toContain(`- \`${survivor.id}\` cmp, line 6: \`x >= limit\` → \`x > limit\``);
    expect(report).toContain('(no written case runs this line)');
    expect(report).toContain(`\`${guard.id}\` guard, lines 2-3: \`if not nums: ...\` → removed — without the guard`);
    expect(report).toContain('uses len(), which no rule of the question forbids');
  });
});

describe('stopping a run early', () => {
  it('ends the driver and the case process it started in a session of its own', async () => {
    // Like the driver between two script cases: a child in its own session, which the driver's
    // process group does not contain.
    const driver = spawn(
      '/usr/bin/python3',
      [
        '-c',
        'import subprocess, sys\np = subprocess.Popen(["sleep", "60"], start_new_session=True)\nprint(p.pid, flush=True)\nsys.stdin.read()',
      ],
      { detached: true, stdio: ['pipe', 'pipe', 'ignore'] },
    );
    const [line] = (await once(driver.stdout, 'data')) as [Buffer];
    const child = Number(line.toString().trim());
    const alive = (pid: number) => {
      try {
        return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    try {
      expect(alive(child)).toBe(true);
      const exited = once(driver, 'exit');
      endRun(driver.pid as number);
      await exited;
      const deadline = Date.now() + 5000;
      while (alive(child) && Date.now() < deadline) await new Promise((r) => setImmediate(r));
      expect(alive(child)).toBe(false);
    } finally {
      // Should the test fail, it leaves nothing behind.
      if (alive(child)) process.kill(child, 'SIGKILL');
      driver.kill('SIGKILL');
    }
  });
});

describe('questions that cannot be mutation-tested', () => {
  it('become problems in the report instead of ending the run', async () => {
    const dir = path.join(tmp, 'no-mutants');
    const [wrong, broken, unparsable] = await Promise.all([
      // The reference fails its own case: every mutant would look killed.
      testQuestion({
        question: made(
          { kind: 'function', call: 'f', cases: [{ args: [1], expected: 3 }] },
          'def f(x):\n    return x + 1\n',
        ),
        mutantsDir: dir,
        launcher,
      }),
      // The stress case's generator crashes: the harness throws.
      testQuestion({
        question: made(
          { kind: 'function', call: 'f', cases: [{ args: [1], expected: 2 }, { generate: { size: 3, seed: 1 } }] },
          'def f(x):\n    return x + 1\n',
          'def generate(rng, size):\n    raise RuntimeError("no input today")\n',
        ),
        mutantsDir: dir,
        launcher,
      }),
      testQuestion({
        question: made({ kind: 'function', call: 'f', cases: [{ args: [1], expected: 2 }] }, 'def f(x:\n'),
        mutantsDir: dir,
        launcher,
      }),
    ]);
    expect(wrong.problems).toEqual(['the reference (normalised by ast.unparse) does not pass case 1: failed']);
    expect(wrong.mutants).toEqual([]);
    expect(broken.problems).toEqual([expect.stringMatching(/^could not be tested: .*no input today/s)]);
    expect(unparsable.problems).toEqual([expect.stringMatching(/^the reference does not parse/)]);
    const summary = summarize({
      results: [wrong, broken, unparsable],
      equivalents: new Map(),
      bankIds: new Set(['made-up']),
    });
    expect(summary.problems).toHaveLength(3);
    expect(summary.problems[0]).toMatch(/^algorithm\/made-up: the reference/);
    expect(summary.targets[0]?.status).toBe('n/a');
  });
});

describe('equivalent.yaml', () => {
  it('is optional, and a broken file is refused with the place of the mistake', () => {
    expect(loadEquivalents(path.join(tmp, 'none.yaml')).size).toBe(0);
    const bad = (name: string, text: string) => () => loadEquivalents(write(name, text));
    expect(bad('e1.yaml', 'two-sum: [\n')).toThrow(EquivalentsFileError);
    expect(bad('e2.yaml', '- two-sum\n')).toThrow(EquivalentsFileError);
    expect(bad('e3.yaml', 'two-sum:\n  - mutant: cmp-1a2b3c4d\n')).toThrow(/two-sum\.0\.reason/);
    expect(bad('e4.yaml', 'two-sum:\n  - mutant: "rm -rf"\n    reason: x y z\n')).toThrow(/must be a mutant id/);
    expect(bad('e5.yaml', 'Two Sum!:\n  - mutant: cmp-1a2b3c4d\n    reason: same\n')).toThrow(
      /Two Sum!: not a question id/,
    );
    expect(
      bad(
        'e6.yaml',
        'two-sum:\n  - { mutant: cmp-1a2b3c4d, reason: one }\n  - { mutant: cmp-1a2b3c4d, reason: two }\n',
      ),
    ).toThrow(/twice/);
    expect(bad('e7.yaml', 'two-sum:\n  - mutant: cmp-1a2b3c4d\n    reason: ok\n    extra: 1\n')).toThrow(
      EquivalentsFileError,
    );
  });
});

describe('npm run questions:mutants', () => {
  it('takes --track, --report, --cap and ids, and refuses anything else', () => {
    expect(parseArgs(['--track', 'scripting', '--report', 'a', 'b'])).toEqual({
      track: 'scripting',
      report: true,
      fresh: false,
      cap: 40,
      ids: ['a', 'b'],
    });
    expect(parseArgs(['--fresh']).fresh).toBe(true);
    expect(parseArgs(['--cap', '5']).cap).toBe(5);
    for (const argv of [['--track'], ['--track', 'ops'], ['--cap', 'x'], ['--cap', '0'], ['--cap', '1e9'], ['--fast']])
      expect(() => parseArgs(argv)).toThrow(UsageError);
  });

  const SHOUT = `---
title: Shout a word
difficulty: Easy
topics: [cli]
theme: 1
area: cli
modules: [sys]
priority: 1
hints: ["Read sys.argv."]
harness:
  kind: script
  cases:
    - name: one word
      args: ["hi"]
      expected:
        stdout: "HI\\n"
    - name: no word is a usage error
      args: []
      expected:
        exitCode: 2
        stderr: "usage"
---
## Prompt
Print the word in capitals; without one, print a usage line on stderr and exit 2.

## Examples
- \`python3 solution.py hi\` prints \`HI\`.

## Approach
Check the arguments first.

## Solution
\`\`\`python
import sys


def main(argv):
    if len(argv) < 2:
        print("usage: shout.py WORD", file=sys.stderr)
        return 2
    print(argv[1].upper())
    return 0


sys.exit(main(sys.argv))
\`\`\`
`;
  const cli = async (argv: string[], questionsDir: string) => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await runMutantsCommand({
      argv,
      questionsDir,
      out: { log: (l) => stdout.push(l), error: (l) => stderr.push(l) },
    });
    return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
  };

  it('writes REPORT.md over a whole (small) bank and passes its targets; an unknown id is refused', async () => {
    const bank = path.join(tmp, 'cli-bank');
    write('cli-bank/scripting/shout.md', SHOUT);
    write('cli-bank/sources/faang-questions.json', '[]');
    fs.mkdirSync(path.join(bank, 'algorithm'), { recursive: true });
    const [run, unknown] = await Promise.all([cli(['--report', '--cap', '4'], bank), cli(['nope'], bank)]);
    expect(unknown).toEqual({ code: 2, stdout: '', stderr: 'no such question: nope' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^PASS {2}non-equivalent automatic mutants killed: (\d+)\/\1 \(100\.0%\)$/m);
    expect(run.stdout).toMatch(/1 questions in \d+\.\d s/);
    const report = fs.readFileSync(path.join(bank, 'mutants', 'REPORT.md'), 'utf8');
    expect(report).toContain('over the whole bank: 1 questions');
    expect(report).toMatch(/\| scripting \| 1 \| (\d+) \| 0 \| \1 \| \1 \| 100\.0% \| 0 \| 0\/0 \| 0\/0 \|/);
    expect(report).toContain('## Surviving mutants (0)');

    write('cli-bank/mutants/equivalent.yaml', 'shout:\n  - mutant: nope\n');
    const badYaml = await cli(['--cap', '1'], bank);
    expect(badYaml.code).toBe(2);
    expect(badYaml.stderr).toContain('equivalent.yaml');
  });

  it("reuses a question's result until its file, its hand-written mutants or --fresh say otherwise", async () => {
    const bank = path.join(tmp, 'cache-bank');
    write('cache-bank/scripting/shout.md', SHOUT);
    write('cache-bank/sources/faang-questions.json', '[]');
    fs.mkdirSync(path.join(bank, 'algorithm'), { recursive: true });
    const first = await cli(['--cap', '3'], bank);
    expect(first.stdout).not.toContain('reused');
    const again = await cli(['--cap', '3'], bank);
    expect(again.stdout).toContain('1 unchanged since their last run');
    // Same numbers either way: the saved result is the run's result (times aside).
    const tables = (out: string) => out.split('\n').filter((l) => l.startsWith('|'));
    expect(tables(again.stdout)).toEqual(tables(first.stdout));
    expect(tables(first.stdout).length).toBeGreaterThan(4);
    expect((await cli(['--cap', '3', '--fresh'], bank)).stdout).not.toContain('reused');
    expect((await cli(['--cap', '4'], bank)).stdout).not.toContain('reused');
    write('cache-bank/mutants/scripting/shout/brute.py', '# prints nothing\nimport sys\nsys.exit(0)\n');
    const changed = await cli(['--cap', '3'], bank);
    expect(changed.stdout).not.toContain('reused');
    expect(changed.stdout).toMatch(/brute-force mutants killed ≥ 90% \| 1\/1 \|/);
  });

  it('fails a missed target over the whole bank only', async () => {
    // Without the usage-error case, nothing checks the error path.
    const weak = path.join(tmp, 'weak-bank');
    write('weak-bank/scripting/shout.md', SHOUT.replace(/ {4}- name: no word[\s\S]*?stderr: "usage"\n/, ''));
    write('weak-bank/sources/faang-questions.json', '[]');
    fs.mkdirSync(path.join(weak, 'algorithm'), { recursive: true });
    const [whole, track] = await Promise.all([
      cli(['--cap', '4'], weak),
      cli(['--cap', '4', '--track', 'scripting'], weak),
    ]);
    expect(whole.code).toBe(1);
    expect(whole.stdout).toMatch(/\| non-equivalent automatic mutants killed ≥ 97% \| \d\/4 \| .* \| FAIL \|/);
    expect(whole.stdout).toContain('(no case runs this line)');
    expect(track.code).toBe(0);
    expect(track.stdout).toContain('(targets are enforced only over the whole bank)');
  });
});
