import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQuestion } from '../../src/questions/harness/harness.js';
import type { Harness } from '../../src/questions/question.schema.js';
import { createSandboxLauncher, DEFAULT_SANDBOX, probeSandbox, probeSandboxAsync } from '../../src/runner/sandbox.js';
import { createTestApp } from '../helpers/app.js';
import { REPO_DIR } from '../helpers/server-process.js';

/** Every process on the machine with its parent, uid and command line. */
function processTable() {
  const table = new Map<number, { ppid: number; uid: number; cmd: string }>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const status = fs.readFileSync(`/proc/${name}/status`, 'utf8');
      const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      table.set(Number(name), { ppid, uid, cmd });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

/** Pids below a process (its children, their children...). */
function descendantsOf(root: number): number[] {
  const table = processTable();
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift() as number;
    for (const [child, p] of table) {
      if (p.ppid === pid) {
        out.push(child);
        queue.push(child);
      }
    }
  }
  return out;
}

/** Processes of a run still alive: any process of a sandbox uid, or any of ours below this test. */
function runProcesses(): string[] {
  const table = processTable();
  const ours = new Set(descendantsOf(process.pid));
  const found: string[] = [];
  for (const [pid, p] of table) {
    const sandboxUid = p.uid >= DEFAULT_SANDBOX.uidBase && p.uid < DEFAULT_SANDBOX.uidBase + 64;
    if (sandboxUid || ours.has(pid)) found.push(`${pid} (uid ${p.uid}): ${p.cmd.slice(0, 80)}`);
  }
  return found;
}

async function gone(check: () => string[]) {
  // Killed processes take a moment to be reaped by the kernel.
  for (let i = 0; i < 100 && check().length; i++) await new Promise((r) => setTimeout(r, 50));
  return check();
}
const noRunProcessesLeft = () => gone(runProcesses);

const probe = probeSandbox(DEFAULT_SANDBOX);

describe('the startup probe', () => {
  it('answers the same without blocking, and names what is missing', async () => {
    expect(await probeSandboxAsync(DEFAULT_SANDBOX)).toEqual(probe);
    expect(await probeSandboxAsync({ ...DEFAULT_SANDBOX, python: '/nonexistent/python3' })).toEqual({
      ok: false,
      reason: '/nonexistent/python3 is missing (apt-get install python3)',
    });
    const noBwrap = await probeSandboxAsync({ ...DEFAULT_SANDBOX, bwrap: 'no-such-bwrap' });
    expect(noBwrap).toEqual({
      ok: false,
      reason: expect.stringContaining('is not installed (apt-get install bubblewrap)'),
    });
  });
});

describe('the sandbox', () => {
  const ctx = createTestApp();
  const launcher = createSandboxLauncher(DEFAULT_SANDBOX, 0);
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdrill-outside-'));
  const canary = path.join(outside, 'canary.txt');
  const dbFile = path.join(outside, 'app.db');
  let server: ReturnType<typeof ctx.app.listen>;
  let port = 0;

  beforeAll(async () => {
    if (!probe.ok)
      throw new Error(`bubblewrap is required for these tests (apt-get install bubblewrap): ${probe.reason}`);
    fs.writeFileSync(canary, 'untouched');
    fs.writeFileSync(dbFile, 'SQLite format 3\0secret rows');
    await new Promise<void>((resolve) => {
      server = ctx.app.listen(0, '127.0.0.1', () => {
        const address = server.address();
        port = typeof address === 'object' && address ? address.port : 0;
        resolve();
      });
    });
  });
  afterAll(() => {
    server?.close();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  const question = (timeoutSeconds = 2) =>
    ({
      id: 'probe',
      solution: 'def f(x):\n    return x\n',
      generator: null,
      contentHash: `probe-${timeoutSeconds}`,
      harness: {
        kind: 'function',
        call: 'f',
        compare: 'exact',
        timeoutSeconds,
        cases: [{ args: [1], expected: 1, example: true }],
      } as Harness,
    }) as const;

  const hostile: [string, string, (c: { verdict: string; actual?: string; reason: string }) => void][] = [
    ['an infinite loop', 'def f(x):\n    while True:\n        pass\n', (c) => expect(c.verdict).toBe('timeout')],
    ['time.sleep(3600)', 'import time\ndef f(x):\n    time.sleep(3600)\n', (c) => expect(c.verdict).toBe('timeout')],
    [
      'a fork bomb',
      'import os\ndef f(x):\n    while True:\n        try:\n            os.fork()\n        except OSError:\n            pass\n',
      (c) => expect(c.verdict).not.toBe('passed'),
    ],
    [
      'a 4 GB allocation',
      'def f(x):\n    block = bytearray(4 * 1024 ** 3)\n    return len(block)\n',
      (c) => expect(c.reason).toContain('MemoryError'),
    ],
    [
      'reading /etc/shadow',
      'def f(x):\n    try:\n        return open("/etc/shadow").read()\n    except OSError as e:\n        return type(e).__name__\n',
      (c) => expect(c.actual).toBe("'FileNotFoundError'"),
    ],
    [
      "reading the app's database",
      `def f(x):\n    try:\n        return open(${JSON.stringify(dbFile)}, errors="replace").read()\n    except OSError as e:\n        return type(e).__name__\n`,
      (c) => expect(c.actual).toBe("'FileNotFoundError'"),
    ],
    [
      'reading /proc/1/environ',
      'def f(x):\n    return open("/proc/1/environ").read()\n',
      (c) => {
        // The sandbox's init holds only what the launcher gave it: no secret of the server's.
        expect(c.actual).not.toMatch(/SESSION_SECRET|DATABASE_PATH|HOME=\/root/);
      },
    ],
    [
      'writing outside the run directory',
      `import os\ndef f(x):\n    done = []\n    for p in [${JSON.stringify(canary)}, "/usr/evil", "/etc/evil", ${JSON.stringify(path.join(REPO_DIR, 'evil'))}]:\n        try:\n            open(p, "w").write("x")\n            done.append(p)\n        except OSError:\n            pass\n    return done\n`,
      (c) => expect(c.actual).toBe('[]'),
    ],
    [
      "connecting to the app's own port",
      'import socket\ndef f(x):\n    try:\n        socket.create_connection(("127.0.0.1", PORT), timeout=1)\n        return "connected"\n    except OSError as e:\n        return type(e).__name__\n',
      (c) => expect(c.actual).toBe("'ConnectionRefusedError'"),
    ],
    [
      'connecting to 127.0.0.1:22',
      'import socket\ndef f(x):\n    try:\n        socket.create_connection(("127.0.0.1", 22), timeout=1)\n        return "connected"\n    except OSError as e:\n        return type(e).__name__\n',
      (c) => expect(c.actual).toBe("'ConnectionRefusedError'"),
    ],
    ['os.kill(os.getppid(), 9)', 'import os\ndef f(x):\n    os.kill(os.getppid(), 9)\n    return x\n', () => {}],
    [
      'a double-forked daemon',
      'import os, time\ndef f(x):\n    if os.fork() == 0:\n        os.setsid()\n        if os.fork() == 0:\n            while True:\n                time.sleep(1)\n        os._exit(0)\n    return x\n',
      (c) => expect(c.verdict).toBe('passed'),
    ],
    [
      'printing 100 MB',
      'import sys\ndef f(x):\n    sys.__stdout__.write("x" * 100_000_000)\n    sys.__stdout__.flush()\n    return x\n',
      (c) => expect(c.verdict).not.toBe('passed'),
    ],
  ];

  it.each(hostile)('fails closed on %s', async (_name, code, check) => {
    const report = await runQuestion({ question: question(), solution: code.replace('PORT', String(port)), launcher });
    const c = report.cases[0];
    if (!c) throw new Error('no result');
    check(c);
    // The server is not stalled: /healthz answers within 100 ms (best of three, so a busy test
    // machine's scheduler hiccup is not mistaken for a stall).
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const health = await request(ctx.app).get('/healthz');
      expect(health.status).toBe(200);
      times.push(performance.now() - started);
    }
    expect(Math.min(...times)).toBeLessThan(100);
    expect(await noRunProcessesLeft()).toEqual([]);
    expect(fs.readFileSync(canary, 'utf8')).toBe('untouched');
    expect(fs.existsSync(path.join(REPO_DIR, 'evil'))).toBe(false);
  });

  it('gives nothing a run started a chance to outlive it when its parent dies', async () => {
    // A child Node process starts a sandboxed run that would loop for a minute, then dies by SIGKILL.
    const script = `
      import { runQuestion } from ${JSON.stringify(path.join(REPO_DIR, 'src/questions/harness/harness.ts'))};
      import { createSandboxLauncher, DEFAULT_SANDBOX } from ${JSON.stringify(path.join(REPO_DIR, 'src/runner/sandbox.ts'))};
      import { createBareLauncher } from ${JSON.stringify(path.join(REPO_DIR, 'src/questions/harness/launch.ts'))};
      const question = { id: 'orphan', solution: '', generator: null, contentHash: 'orphan',
        harness: { kind: 'function', call: 'f', compare: 'exact', timeoutSeconds: 60, cases: [{ args: [1], expected: 1 }] } };
      const solution = 'def f(x):\\n    block = bytearray(64 * 1024 * 1024)\\n    while True:\\n        pass\\n';
      for (const launcher of [createSandboxLauncher(DEFAULT_SANDBOX, 1), createBareLauncher()]) {
        void runQuestion({ question, solution, launcher });
      }
      setTimeout(() => console.log('started'), 1500);
    `;
    const file = path.join(outside, `orphan-${crypto.randomBytes(4).toString('hex')}.mts`);
    fs.writeFileSync(file, script);
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: REPO_DIR,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('started')) resolve();
      });
      child.on('exit', () => reject(new Error('the child exited before starting its runs')));
    });
    const started = descendantsOf(child.pid as number);
    expect(started.length).toBeGreaterThan(2);
    child.kill('SIGKILL');
    const alive = () => {
      const table = processTable();
      return started.filter((pid) => table.has(pid)).map((pid) => `${pid}: ${table.get(pid)?.cmd.slice(0, 80)}`);
    };
    expect(await gone(alive)).toEqual([]);
    expect(await noRunProcessesLeft()).toEqual([]);
  });
});
