import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

// Every environment variable the server and the CLIs read is parsed here, once, with zod. A bad
// value stops the process with the variable's name and the reason (ConfigError), never a default.

/** A whole number from an environment string; `PORT=` or `PORT=3e3` is an error, not 0 or 3000. */
const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return fallback;
      const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max} (got "${value}")` });
        return z.NEVER;
      }
      return n;
    });

const trueOrFalse = z
  .enum(['true', 'false'], { message: 'must be true or false' })
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true'));

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, or a subnet as address/prefix (or IPv4 address/netmask), as Express's proxy-addr reads them. */
function isProxyAddress(item: string): boolean {
  if (PROXY_NAMES.has(item)) return true;
  const [ip, range, ...rest] = item.split('/');
  const family = net.isIP(ip ?? '');
  if (!family || rest.length > 0) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && net.isIPv4(range);
}

export type TrustProxy = boolean | number | string[];

/**
 * Express's `trust proxy`: false (the socket's address is the client), true (the left-most
 * X-Forwarded-For entry: only behind a proxy that overwrites the header), a hop count, or the
 * proxies' addresses and subnets (and the names loopback, linklocal, uniquelocal).
 */
const trustProxy = z
  .string()
  .optional()
  .transform((value, ctx): TrustProxy => {
    const v = value?.trim() ?? '';
    if (v === '' || v === 'false') return false;
    if (v === 'true') return true;
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops <= 10) return hops;
    }
    const items = v.split(',').map((s) => s.trim());
    const bad = items.filter((s) => !isProxyAddress(s));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be false, true, a hop count (0-10), or comma-separated proxy addresses/subnets or loopback, linklocal, uniquelocal; not understood: "${bad.join('", "')}"`,
      });
      return z.NEVER;
    }
    return items;
  });

const envSchema = z.object({
  PORT: wholeNumber(0, 65535, 3000),
  HOST: z.string().min(1, 'must not be empty').default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1, 'must not be empty').default('./data/opsdrill.db'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { message: 'must be development, production or test' })
    .default('development'),
  COOKIE_SECURE: trueOrFalse,
  QUESTIONS_DIR: z.string().min(1, 'must not be empty').default('./questions'),
  LOGIN_RATE_LIMIT: wholeNumber(1, 10_000, 10),
  REGISTER_RATE_LIMIT: wholeNumber(1, 10_000, 5),
  TRUST_PROXY: trustProxy,
  SESSION_IDLE_DAYS: wholeNumber(1, 365, 7),
  RUNNER: z.enum(['bwrap', 'off'], { message: 'must be bwrap or off' }).default('bwrap'),
  RUNNER_WORKERS: wholeNumber(1, 64, os.availableParallelism()),
  RUNNER_QUEUE: wholeNumber(0, 1000, 8),
  RUNNER_RUNS_PER_MINUTE: wholeNumber(1, 1000, 12),
  RUNNER_MEMORY_MB: wholeNumber(64, 16_384, 512),
  MOCK_MINUTES_SCALE: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return 1;
      const n = /^(0|1)?(\.\d+)?$/.test(value.trim()) && value.trim() !== '' ? Number(value.trim()) : Number.NaN;
      if (!(n >= 0.001 && n <= 1)) {
        ctx.addIssue({ code: 'custom', message: `must be a number from 0.001 to 1 (got "${value}")` });
        return z.NEVER;
      }
      return n;
    }),
  RUNNER_PYTHON: z
    .string()
    .regex(/^\/usr\//, 'must live under /usr (the only host folder the sandbox sees)')
    .default('/usr/bin/python3'),
  MOCK_LIVE_PER_COACH: wholeNumber(1, 20, 3),
  MOCK_LIVE_PER_MOCK: wholeNumber(1, 10_000, 250),
});

/** A bad environment: the message names each variable and the reason; the process prints it and exits 1. */
export class ConfigError extends Error {}

function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.output<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}

const resolveDatabasePath = (p: string) => (p === ':memory:' ? p : path.resolve(p));

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  sessionSecret: string | undefined;
  env: 'development' | 'production' | 'test';
  questionsDir: string;
  /** Failed logins allowed per IP per 15 minutes. */
  loginRateLimit: number;
  /** Sign-ups allowed per IP per hour (each one runs scrypt). */
  registerRateLimit: number;
  trustProxy: TrustProxy;
  /** A session unused this long ends, whatever its absolute lifetime left. */
  sessionIdleDays: number;
  /** Anki always fuzzes intervals so cards learned together spread out; tests turn it off. */
  fsrsFuzz: boolean;
  /** scrypt cost (N); tests lower it to keep the suite fast. */
  scryptCost: number;
  secureCookies: boolean;
  /** Mock interview lengths are multiplied by this (MOCK_MINUTES_SCALE, for tests; 1 otherwise). */
  mockMinutesScale: number;
  runner: {
    mode: 'bwrap' | 'off';
    workers: number;
    maxWaiting: number;
    runsPerMinute: number;
    memoryMb: number;
    python: string;
  };
  /** Live streams of a running mock (SSE): per watching coach, and all viewers together. */
  mockLive: { perCoach: number; perMock: number };
};

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const e = parseEnv(envSchema, env);
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: resolveDatabasePath(e.DATABASE_PATH),
    sessionSecret: e.SESSION_SECRET,
    env: e.NODE_ENV,
    questionsDir: path.resolve(e.QUESTIONS_DIR),
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    registerRateLimit: e.REGISTER_RATE_LIMIT,
    trustProxy: e.TRUST_PROXY,
    sessionIdleDays: e.SESSION_IDLE_DAYS,
    fsrsFuzz: true,
    // 2^17 with r=8 takes 128 MiB and a few hundred ms per hash (OWASP's scrypt minimum).
    scryptCost: 2 ** 17,
    secureCookies: e.COOKIE_SECURE ?? e.NODE_ENV === 'production',
    mockMinutesScale: e.MOCK_MINUTES_SCALE,
    runner: {
      mode: e.RUNNER,
      workers: e.RUNNER_WORKERS,
      maxWaiting: e.RUNNER_QUEUE,
      runsPerMinute: e.RUNNER_RUNS_PER_MINUTE,
      memoryMb: e.RUNNER_MEMORY_MB,
      python: e.RUNNER_PYTHON,
    },
    mockLive: { perCoach: e.MOCK_LIVE_PER_COACH, perMock: e.MOCK_LIVE_PER_MOCK },
  };
}

/** What the backup CLI reads: only the database's path. */
export function parseDatabaseEnv(env: NodeJS.ProcessEnv): { databasePath: string } {
  const e = parseEnv(envSchema.pick({ DATABASE_PATH: true }), env);
  return { databasePath: resolveDatabasePath(e.DATABASE_PATH) };
}

/** What the question CLIs read: only where the bank lives. */
export function parseQuestionsEnv(env: NodeJS.ProcessEnv): { questionsDir: string } {
  const e = parseEnv(envSchema.pick({ QUESTIONS_DIR: true }), env);
  return { questionsDir: path.resolve(e.QUESTIONS_DIR) };
}
