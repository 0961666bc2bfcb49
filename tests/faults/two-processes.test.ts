import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import {
  acknowledged,
  candidate,
  cardAttemptMismatches,
  createFaultWorld,
  type FaultWorld,
  openFile,
  removeWorld,
  startWorldServer,
} from '../helpers/faults.js';
import { REPO_DIR, type ServerProcess } from '../helpers/server-process.js';

let world: FaultWorld | undefined;
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop('SIGKILL');
  removeWorld(world);
});

function longReader(dbPath: string, ms: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/faults/fixtures/long-reader.ts', dbPath, String(ms)],
    { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let started: () => void = () => {};
  const reading = new Promise<void>((r) => (started = r));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('reading')) started();
  });
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, out })),
  );
  return { reading, done };
}

describe('two processes, one database file', () => {
  it('drills keep writing while another process streams a large read: no SQLITE_BUSY reaches a user', async () => {
    world = await createFaultWorld({ users: 6, attempts: 30_000, questions: 8 });
    server = await startWorldServer(world);
    const { url } = server;

    const reader = longReader(world.dbPath, 4000);
    await reader.reading;
    // The export route, when this build has it, streams from the server's own connection too.
    const exportRes = await fetch(`${url}/me/attempts.csv`, { headers: { cookie: world.seed.users[0]!.cookie } });
    const exportStream = exportRes.status === 200 ? exportRes.text() : exportRes.arrayBuffer().then(() => '');

    const statuses: number[] = [];
    const readerDone = reader.done.then((r) => r);
    let readerFinished = false;
    void readerDone.then(() => (readerFinished = true));
    await Promise.all(
      world.seed.users.map(async (user, n) => {
        const c = candidate({ url, secret: world!.secret, user });
        for (let i = 0; !readerFinished && i < 200; i++) {
          const step = await c.open(n % 2 ? 'algorithm' : 'scripting');
          statuses.push(step.status);
          if (!step.attemptId) continue;
          if (step.page === 'question') statuses.push((await c.submit(step.attemptId, 'partial')).status);
          statuses.push((await c.grade(step.attemptId, 2)).status);
        }
      }),
    );
    const { code, out } = await readerDone;
    await exportStream;
    expect(code, out).toBe(0);
    const summary = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { rows?: number };
    expect(summary.rows).toBeGreaterThanOrEqual(30_000);
    expect(statuses.length).toBeGreaterThan(30);
    expect(statuses.filter((s) => !acknowledged(s))).toEqual([]);
    expect(server.output()).not.toMatch(/SQLITE_BUSY/);

    await server.stop();
    const db = openFile(world.dbPath);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(cardAttemptMismatches(db)).toEqual([]);
    } finally {
      db.close();
    }
  }, 120_000);
});
