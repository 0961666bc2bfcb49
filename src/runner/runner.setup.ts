import type { Config } from '../config.js';
import { DEFAULT_LIMITS, type Limits } from '../questions/harness/harness.js';
import type { Launcher } from '../questions/harness/launch.js';
import type { Clock } from '../shared/clock.js';
import { createRunQueue, type RunQueue } from './runner.queue.js';
import { createSandboxLauncher, DEFAULT_SANDBOX, probeSandboxAsync } from './sandbox.js';

export const runnerLimits = (config: Config): Limits => ({ ...DEFAULT_LIMITS, memoryMb: config.runner.memoryMb });

export function queueFor({
  config,
  clock,
  launcherFor,
}: {
  config: Config;
  clock: Clock;
  launcherFor: (slot: number) => Launcher;
}): RunQueue {
  return createRunQueue({
    options: {
      workers: config.runner.workers,
      maxWaiting: config.runner.maxWaiting,
      perUserRuns: config.runner.runsPerMinute,
      perUserWindowMs: 60_000,
    },
    launcherFor,
    clock,
  });
}

/**
 * The run queue the app uses, or null when code cannot run here (RUNNER=off, or no usable
 * bubblewrap): then drills fall back to self-reported outcomes. `status` is one line for the log.
 */
export async function setUpRunner({ config, clock }: { config: Config; clock: Clock }): Promise<{
  queue: RunQueue | null;
  status: string;
}> {
  if (config.runner.mode === 'off') return { queue: null, status: 'code runner: off (RUNNER=off)' };
  const options = { ...DEFAULT_SANDBOX, python: config.runner.python };
  const probe = await probeSandboxAsync(options);
  if (!probe.ok) {
    return {
      queue: null,
      status: `code runner: unavailable, drills use self-reported outcomes: ${probe.reason}`,
    };
  }
  return {
    queue: queueFor({ config, clock, launcherFor: (slot) => createSandboxLauncher(options, slot) }),
    status: `code runner: bubblewrap sandbox, ${config.runner.workers} workers, ${config.runner.memoryMb} MB per run`,
  };
}
