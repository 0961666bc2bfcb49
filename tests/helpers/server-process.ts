import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const REPO_DIR = path.resolve(import.meta.dirname, '../..');

/** A port that was free a moment ago: PORT=0 would not tell the parent where the child listens. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export type ServerProcess = {
  proc: ChildProcess;
  pid: number;
  url: string;
  port: number;
  output: () => string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export async function waitForHealthy(
  url: string,
  { timeoutMs = 90_000, exited }: { timeoutMs?: number; exited?: () => boolean } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited?.()) throw new Error('server exited before it was healthy');
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no healthy /healthz at ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Runs a TypeScript entry point (the real server by default) as a child `node --import tsx`
 * process, so the pid is the server's own (signals and RSS reach it, not an npx wrapper).
 */
export async function startServer({
  databasePath,
  env = {},
  script = 'src/server.ts',
  nodeArgs = [],
  port,
  waitHealthy = true,
}: {
  databasePath?: string;
  env?: Record<string, string>;
  script?: string;
  nodeArgs?: string[];
  port?: number;
  waitHealthy?: boolean;
}): Promise<ServerProcess> {
  // The pages load their scripts from here; without them a browser test fails far from the cause.
  if (!fs.existsSync(path.join(REPO_DIR, 'views/assets/dist/drill.js')))
    throw new Error(
      'views/assets/dist has no bundles: run `npm run build:assets` (vitest builds them in its globalSetup).',
    );
  const chosen = port ?? (await freePort());
  // Compiled JavaScript (dist/server.js, what npm start runs) starts without tsx.
  const loader = script.endsWith('.js') ? [] : ['--import', 'tsx'];
  const proc = spawn(process.execPath, [...nodeArgs, ...loader, script], {
    cwd: REPO_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      COOKIE_SECURE: 'false',
      HOST: '127.0.0.1',
      PORT: String(chosen),
      LOGIN_RATE_LIMIT: '10000',
      REGISTER_RATE_LIMIT: '10000',
      ...(databasePath ? { DATABASE_PATH: databasePath } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  const url = `http://127.0.0.1:${chosen}`;
  const server: ServerProcess = {
    proc,
    pid: proc.pid ?? 0,
    url,
    port: chosen,
    output: () => out,
    exited,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (!done) proc.kill(signal);
      return exited;
    },
  };
  if (waitHealthy) {
    try {
      await waitForHealthy(url, { exited: () => done });
    } catch (err) {
      await server.stop('SIGKILL');
      throw new Error(`${(err as Error).message}\n--- server output ---\n${out}`);
    }
  }
  return server;
}
