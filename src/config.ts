import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('./data/opsdrill.db'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  QUESTIONS_DIR: z.string().min(1).default('./questions'),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  RUNNER: z.enum(['bwrap', 'off'], { message: 'RUNNER is bwrap or off' }).default('bwrap'),
  RUNNER_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  RUNNER_QUEUE: z.coerce.number().int().min(0).max(1000).default(8),
  RUNNER_RUNS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(12),
  RUNNER_MEMORY_MB: z.coerce.number().int().min(64).max(16_384).default(512),
  RUNNER_PYTHON: z
    .string()
    .regex(/^\/usr\//, 'RUNNER_PYTHON must live under /usr (the only host folder the sandbox sees)')
    .default('/usr/bin/python3'),
});

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  sessionSecret: string | undefined;
  env: 'development' | 'production' | 'test';
  questionsDir: string;
  /** Failed logins allowed per IP per 15 minutes. */
  loginRateLimit: number;
  /** Anki always fuzzes intervals so cards learned together spread out; tests turn it off. */
  fsrsFuzz: boolean;
  /** scrypt cost (N); tests lower it to keep the suite fast. */
  scryptCost: number;
  secureCookies: boolean;
  runner: {
    mode: 'bwrap' | 'off';
    workers: number;
    maxWaiting: number;
    runsPerMinute: number;
    memoryMb: number;
    python: string;
  };
};

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH === ':memory:' ? e.DATABASE_PATH : path.resolve(e.DATABASE_PATH),
    sessionSecret: e.SESSION_SECRET,
    env: e.NODE_ENV,
    questionsDir: path.resolve(e.QUESTIONS_DIR),
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    fsrsFuzz: true,
    scryptCost: 2 ** 15,
    secureCookies: false,
    runner: {
      mode: e.RUNNER,
      workers: e.RUNNER_WORKERS ?? os.availableParallelism(),
      maxWaiting: e.RUNNER_QUEUE,
      runsPerMinute: e.RUNNER_RUNS_PER_MINUTE,
      memoryMb: e.RUNNER_MEMORY_MB,
      python: e.RUNNER_PYTHON,
    },
  };
}
