import type { Launcher } from '../questions/harness/launch.js';
import type { Clock } from '../shared/clock.js';
import { createRunnerBusyError, createRunnerInProgressError, createRunnerRateLimitedError } from './runner.errors.js';

export type QueueOptions = {
  /** Runs at once: one per core by default, so a run gets a core to itself. */
  workers: number;
  /** Runs waiting for a worker; beyond this a run is refused with 503 and Retry-After. */
  maxWaiting: number;
  /** Runs a user may start per window. */
  perUserRuns: number;
  perUserWindowMs: number;
};

type Job<T> = {
  userId: number;
  work: (launcher: Launcher) => Promise<T>;
  resolve: (value: T) => void;
  reject: (err: unknown) => void;
};

/**
 * A bounded queue in front of the sandbox: as many workers as cores, each with its own launcher
 * (its own uid), one run at a time per user, a per-user rate limit, and a hard cap on waiting runs
 * so a burst answers "busy, try again in N s" instead of piling up.
 */
export function createRunQueue({
  options,
  launcherFor,
  clock,
}: {
  options: QueueOptions;
  launcherFor: (slot: number) => Launcher;
  clock: Clock;
}) {
  const launchers = Array.from({ length: options.workers }, (_, slot) => launcherFor(slot));
  const idle = launchers.map((_, slot) => slot);
  const waiting: Job<unknown>[] = [];
  const activeUsers = new Set<number>();
  const recent = new Map<number, number[]>();
  let averageMs = 2000;

  function pump() {
    while (idle.length && waiting.length) {
      const slot = idle.pop() as number;
      const job = waiting.shift() as Job<unknown>;
      const started = clock.now().getTime();
      job
        .work(launchers[slot] as Launcher)
        .then(job.resolve, job.reject)
        .finally(() => {
          // A moving average of run time, for an honest Retry-After.
          averageMs = averageMs * 0.8 + Math.max(100, clock.now().getTime() - started) * 0.2;
          activeUsers.delete(job.userId);
          idle.push(slot);
          pump();
        });
    }
  }

  return {
    /** Seconds a refused caller should wait: the queue ahead of them, at the recent pace. */
    retryAfterSeconds() {
      return Math.max(1, Math.ceil(((waiting.length + 1) * averageMs) / options.workers / 1000));
    },

    run<T>({ userId, work }: { userId: number; work: (launcher: Launcher) => Promise<T> }): Promise<T> {
      if (activeUsers.has(userId)) throw createRunnerInProgressError();
      const now = clock.now().getTime();
      const times = (recent.get(userId) ?? []).filter((t) => t > now - options.perUserWindowMs);
      if (times.length >= options.perUserRuns) {
        const wait = Math.ceil(((times[0] as number) + options.perUserWindowMs - now) / 1000);
        throw createRunnerRateLimitedError(Math.max(1, wait));
      }
      if (waiting.length >= options.maxWaiting && idle.length === 0) {
        throw createRunnerBusyError(this.retryAfterSeconds());
      }
      times.push(now);
      recent.set(userId, times);
      if (recent.size > 10_000) {
        for (const [id, ts] of recent) if (!ts.some((t) => t > now - options.perUserWindowMs)) recent.delete(id);
      }
      activeUsers.add(userId);
      return new Promise<T>((resolve, reject) => {
        waiting.push({ userId, work, resolve, reject } as Job<unknown>);
        pump();
      });
    },

    stats() {
      return { workers: options.workers, busy: options.workers - idle.length, waiting: waiting.length };
    },
  };
}
export type RunQueue = ReturnType<typeof createRunQueue>;
