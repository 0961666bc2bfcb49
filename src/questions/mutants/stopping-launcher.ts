import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CHANNEL_CAP_BYTES,
  DEFAULT_PYTHON,
  DRIVER_SOURCE,
  type Launcher,
  type LaunchResult,
  LIMIT_FRIENDLY_ENV,
  OUTPUT_CAP_BYTES,
} from '../harness/launch.js';

/** One record the driver wrote on its channel (fd 3) for a finished case. */
export type ChannelRecord = { index: number } & Record<string, unknown>;

/**
 * The bare launcher (same driver, arguments, environment, caps and wall timeout), that can also
 * end the run as soon as a finished case decides it: once a mutant differs from the reference on
 * one case, the cases after it cost time and change nothing. The harness reports the cases that
 * did not run as stopped; the caller must tell those from real failures.
 *
 * A copy of spawnWithChannel with one hook: the harness's launcher has no way to watch records
 * as they arrive.
 */
export function createStoppingLauncher({
  python = DEFAULT_PYTHON,
  stopAfter,
}: {
  python?: string;
  /** Called with each record as it arrives; true ends the run there. */
  stopAfter: (record: ChannelRecord) => boolean;
}): Launcher {
  return {
    name: 'bare-stopping',
    isolated: false,
    async launch({ payload, wallTimeoutMs }) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdrill-run-'));
      try {
        return await spawnStopping({ python, cwd: dir, payload, wallTimeoutMs, stopAfter });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Direct children of every thread of a process (Linux /proc). */
function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tasks.flatMap((task) => {
    try {
      return fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
}

const send = (target: number, sig: NodeJS.Signals) => {
  try {
    process.kill(target, sig);
  } catch {
    // Already gone.
  }
};

/**
 * Ends a driver and what it started. The driver runs each script case in a session (and process
 * group) of its own, which killing the driver's group does not reach: a run stopped between two
 * cases would leave the next case running. So the driver's group is frozen first (it cannot start
 * another case), then each child's group is killed, then the driver's.
 */
export function endRun(pid: number) {
  send(-pid, 'SIGSTOP');
  for (const child of childrenOf(pid)) {
    send(-child, 'SIGKILL');
    send(child, 'SIGKILL');
  }
  send(-pid, 'SIGKILL');
}

function spawnStopping({
  python,
  cwd,
  payload,
  wallTimeoutMs,
  stopAfter,
}: {
  python: string;
  cwd: string;
  payload: string;
  wallTimeoutMs: number;
  stopAfter: (record: ChannelRecord) => boolean;
}): Promise<LaunchResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(python, ['-I', '-c', DRIVER_SOURCE], {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', ...LIMIT_FRIENDLY_ENV },
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const channel: string[] = [];
    let pending = '';
    let channelBytes = 0;
    let stdout = '';
    let stderr = '';
    let outputBytes = 0;
    let timedOut = false;
    let outputExceeded = false;
    let stopped = false;
    const kill = () => {
      if (child.pid) endRun(child.pid);
      else child.kill('SIGKILL');
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
    fd3?.setEncoding('utf8');
    fd3?.on('data', (d: string) => {
      if (stopped) return;
      channelBytes += Buffer.byteLength(d);
      if (channelBytes > CHANNEL_CAP_BYTES) {
        if (!outputExceeded) {
          outputExceeded = true;
          kill();
        }
        return;
      }
      pending += d;
      let nl = pending.indexOf('\n');
      while (nl >= 0 && !stopped) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        channel.push(line);
        let record: ChannelRecord | null = null;
        try {
          record = JSON.parse(line) as ChannelRecord;
        } catch {
          // Not a record: the harness skips it too.
        }
        if (record && typeof record.index === 'number' && stopAfter(record)) {
          stopped = true;
          kill();
        }
        nl = pending.indexOf('\n');
      }
    });
    fd3?.on('error', () => {});
    child.stdin?.on('error', () => {});
    child.stdin?.end(payload);
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null, extraErr = '') => {
      clearTimeout(timer);
      resolve({
        channel: `${channel.join('\n')}${channel.length ? '\n' : ''}${stopped ? '' : pending}`,
        stdout,
        stderr: `${stderr}${extraErr}`,
        exitCode,
        signal,
        timedOut,
        outputExceeded,
        ms: performance.now() - started,
      });
    };
    child.on('error', (err) => finish(-1, null, String(err)));
    child.on('close', (exitCode, signal) => finish(exitCode, signal));
  });
}
