import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseDatabaseEnv, parseQuestionsEnv } from '../src/config.js';
import { REPO_DIR, startServer } from './helpers/server-process.js';

const errorOf = (parse: () => unknown): string => {
  try {
    parse();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration', () => {
  it('has safe defaults', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      env: 'development',
      loginRateLimit: 10,
      registerRateLimit: 5,
      trustProxy: false,
      sessionIdleDays: 7,
      scryptCost: 2 ** 17,
      secureCookies: false,
      sessionSecret: undefined,
      mockLive: { perCoach: 3, perMock: 250 },
    });
    expect(parseConfig({ NODE_ENV: 'production' }).secureCookies).toBe(true);
    expect(parseConfig({ NODE_ENV: 'production', COOKIE_SECURE: 'false' }).secureCookies).toBe(false);
    expect(parseConfig({ COOKIE_SECURE: 'true' }).secureCookies).toBe(true);
  });

  it('reads TRUST_PROXY as Express does: false, true, a hop count, or proxy addresses and subnets', () => {
    const read = (TRUST_PROXY: string) => parseConfig({ TRUST_PROXY }).trustProxy;
    expect(read('false')).toBe(false);
    expect(read('')).toBe(false);
    expect(read('true')).toBe(true);
    expect(read('1')).toBe(1);
    expect(read('2')).toBe(2);
    expect(read('loopback')).toEqual(['loopback']);
    expect(read('loopback, 10.0.0.0/8,192.168.1.7')).toEqual(['loopback', '10.0.0.0/8', '192.168.1.7']);
    expect(read('::1,fd00::/8,uniquelocal,linklocal')).toEqual(['::1', 'fd00::/8', 'uniquelocal', 'linklocal']);
    expect(read('10.0.0.0/255.0.0.0')).toEqual(['10.0.0.0/255.0.0.0']);
  });

  it('stops on a bad value with the variable name and the reason', () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ PORT: 'abc' }, 'PORT', 'whole number from 0 to 65535'],
      [{ PORT: '' }, 'PORT', 'whole number'],
      [{ PORT: '70000' }, 'PORT', 'whole number from 0 to 65535'],
      [{ PORT: '3e3' }, 'PORT', 'whole number'],
      [{ NODE_ENV: 'prod' }, 'NODE_ENV', 'development, production or test'],
      [{ COOKIE_SECURE: 'yes' }, 'COOKIE_SECURE', 'true or false'],
      [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET', 'at least 32 characters'],
      [{ LOGIN_RATE_LIMIT: '0' }, 'LOGIN_RATE_LIMIT', 'from 1 to 10000'],
      [{ REGISTER_RATE_LIMIT: 'five' }, 'REGISTER_RATE_LIMIT', 'whole number'],
      [{ REGISTER_RATE_LIMIT: '-1' }, 'REGISTER_RATE_LIMIT', 'whole number'],
      [{ MOCK_LIVE_PER_COACH: '0' }, 'MOCK_LIVE_PER_COACH', 'from 1 to 20'],
      [{ MOCK_LIVE_PER_MOCK: 'many' }, 'MOCK_LIVE_PER_MOCK', 'from 1 to 10000'],
      [{ SESSION_IDLE_DAYS: '0' }, 'SESSION_IDLE_DAYS', 'from 1 to 365'],
      [{ SESSION_IDLE_DAYS: '1.5' }, 'SESSION_IDLE_DAYS', 'whole number'],
      [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY', 'not understood: "yes"'],
      [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY', '"10.0.0.0/33"'],
      [{ TRUST_PROXY: 'loopback,proxy.internal' }, 'TRUST_PROXY', '"proxy.internal"'],
      [{ TRUST_PROXY: '99' }, 'TRUST_PROXY', 'hop count (0-10)'],
      [{ DATABASE_PATH: '' }, 'DATABASE_PATH', 'must not be empty'],
      [{ QUESTIONS_DIR: '' }, 'QUESTIONS_DIR', 'must not be empty'],
    ];
    for (const [env, name, reason] of cases) {
      const message = errorOf(() => parseConfig(env));
      expect(message, JSON.stringify(env)).toContain(`${name}: `);
      expect(message, JSON.stringify(env)).toContain(reason);
    }
    // Several at once are all listed.
    const both = errorOf(() => parseConfig({ PORT: 'x', SESSION_IDLE_DAYS: 'y' }));
    expect(both).toContain('PORT: ');
    expect(both).toContain('SESSION_IDLE_DAYS: ');
  });

  it('reads MOCK_MINUTES_SCALE as a number from 0.001 to 1 (1 by default)', () => {
    expect(parseConfig({}).mockMinutesScale).toBe(1);
    expect(parseConfig({ MOCK_MINUTES_SCALE: '0.01' }).mockMinutesScale).toBe(0.01);
    expect(parseConfig({ MOCK_MINUTES_SCALE: '1' }).mockMinutesScale).toBe(1);
    for (const bad of ['0', '2', '-0.5', 'fast', '', '1e-2', '0.0001'])
      expect(errorOf(() => parseConfig({ MOCK_MINUTES_SCALE: bad }))).toContain(
        'MOCK_MINUTES_SCALE: must be a number from 0.001 to 1',
      );
  });

  it('gives each CLI only the variables it reads', () => {
    expect(parseDatabaseEnv({ PORT: 'not read here' }).databasePath).toMatch(/data\/opsdrill\.db$/);
    expect(errorOf(() => parseDatabaseEnv({ DATABASE_PATH: '' }))).toContain('DATABASE_PATH: must not be empty');
    expect(parseQuestionsEnv({ QUESTIONS_DIR: '/srv/bank' }).questionsDir).toBe('/srv/bank');
    expect(errorOf(() => parseQuestionsEnv({ QUESTIONS_DIR: '' }))).toContain('QUESTIONS_DIR: must not be empty');
  });

  it('stops the server, the backup and the question check with the message and no stack trace', async () => {
    const server = await startServer({ env: { TRUST_PROXY: 'everyone', SESSION_IDLE_DAYS: '0' }, waitHealthy: false });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(server.output()).toContain('TRUST_PROXY: ');
    expect(server.output()).toContain('SESSION_IDLE_DAYS: must be a whole number from 1 to 365');
    expect(server.output()).not.toMatch(/\n\s+at /);

    const run = (script: string, env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', script], {
        cwd: REPO_DIR,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        encoding: 'utf8',
      });
    for (const [script, env, name] of [
      ['src/ops/backup.ts', { DATABASE_PATH: '' }, 'DATABASE_PATH'],
      ['src/questions/cli-check.ts', { QUESTIONS_DIR: '' }, 'QUESTIONS_DIR'],
    ] as const) {
      const res = run(script, env);
      expect(res.status, script).toBe(1);
      expect(res.stderr, script).toContain(`${name}: must not be empty`);
      expect(res.stderr, script).not.toMatch(/\n\s+at /);
    }
  }, 60_000);
});
