import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromRoot } from '../../shared/paths.js';

/** The driver's source, passed with `python3 -c`: the sandbox needs no view of this repository. */
export const DRIVER_SOURCE = fs.readFileSync(fromRoot('src/questions/harness/driver.py'), 'utf8');

/**
 * The Python that runs solutions. Debian's /usr/bin/python3 when it exists: the sandbox can only
 * see /usr, and version managers' shims (pyenv) start several shell processes per call.
 */
export const DEFAULT_PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/**
 * glibc reserves 64 MB of address space per thread arena: under the address-space limit a
 * solution with a few threads would fail to start them. Two arenas are plenty for one run.
 */
export const LIMIT_FRIENDLY_ENV = { MALLOC_ARENA_MAX: '2' } as const;

export type LaunchResult = {
  /** What the driver wrote on its result channel (fd 3): one JSON line per finished case. */
  channel: string;
  /** The process's own stdout/stderr (a solution's prints are captured per case by the driver). */
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** The run wrote more than the caps allow and was stopped. */
  outputExceeded: boolean;
  ms: number;
};

export type LaunchRequest = { payload: string; wallTimeoutMs: number };

/** Runs the driver with a payload: bare for the bank's own reference solutions, sandboxed for candidates. */
export type Launcher = {
  name: string;
  /** Runs in a pid namespace of its own, where the driver may end every other process after each case. */
  isolated: boolean;
  launch(request: LaunchRequest): Promise<LaunchResult>;
};

export const CHANNEL_CAP_BYTES = 64 * 1024 * 1024;
export const OUTPUT_CAP_BYTES = 1024 * 1024;

/**
 * Spawn a command with the payload on stdin and a result channel on fd 3. The wall-clock timeout
 * and the output caps kill the whole process group; the returned promise settles only once the
 * process has exited.
 */
export function spawnWithChannel({
  command,
  args,
  cwd,
  env,
  payload,
  wallTimeoutMs,
}: {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  payload: string;
  wallTimeoutMs: number;
}): Promise<LaunchResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe', 'pipe'], detached: true });
    const channel: Buffer[] = [];
    let channelBytes = 0;
    let stdout = '';
    let stderr = '';
    let outputBytes = 0;
    let timedOut = false;
    let outputExceeded = false;
    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, wallTimeoutMs);
    const onOutput = (which: 'out' | 'err') => (d: Buffer) => {
      outputBytes += d.length;
      if (outputBytes > OUTPUT_CAP_BYTES) {
        if (!outputExceeded) {
          outputExceeded = true;
          kill();
        }
        return;
      }
      if (which === 'out') stdout += d.toString();
      else stderr += d.toString();
    };
    child.stdout?.on('data', onOutput('out'));
    child.stderr?.on('data', onOutput('err'));
    const fd3 = child.stdio[3] as NodeJS.ReadableStream | null;
    fd3?.on('data', (d: Buffer) => {
      channelBytes += d.length;
      if (channelBytes > CHANNEL_CAP_BYTES) {
        if (!outputExceeded) {
          outputExceeded = true;
          kill();
        }
        return;
      }
      channel.push(d);
    });
    fd3?.on('error', () => {});
    child.stdin?.on('error', () => {});
    child.stdin?.end(payload);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({
        channel: '',
        stdout,
        stderr: `${stderr}${String(err)}`,
        exitCode: -1,
        signal: null,
        timedOut,
        outputExceeded,
        ms: performance.now() - started,
      });
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({
        channel: Buffer.concat(channel).toString('utf8'),
        stdout,
        stderr,
        exitCode,
        signal,
        timedOut,
        outputExceeded,
        ms: performance.now() - started,
      });
    });
  });
}

/**
 * No sandbox: for the bank's own reference solutions (questions:verify, expected outputs of
 * generated cases). Each launch gets a fresh temporary directory, removed afterwards.
 */
export function createBareLauncher({ python = DEFAULT_PYTHON }: { python?: string } = {}): Launcher {
  return {
    name: 'bare',
    isolated: false,
    async launch({ payload, wallTimeoutMs }) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdrill-run-'));
      try {
        return await spawnWithChannel({
          command: python,
          args: ['-I', '-c', DRIVER_SOURCE],
          cwd: dir,
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', ...LIMIT_FRIENDLY_ENV },
          payload,
          wallTimeoutMs,
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
