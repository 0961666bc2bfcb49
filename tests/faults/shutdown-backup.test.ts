import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { csrfFor } from '../../bench/seed.js';
import { defaultBackupPath } from '../../src/ops/backup.js';
import { createFixedClock } from '../../src/shared/clock.js';
import {
  acknowledged,
  candidate,
  createFaultWorld,
  type FaultWorld,
  openFile,
  removeWorld,
  startWorldServer,
} from '../helpers/faults.js';
import { REPO_DIR, type ServerProcess } from '../helpers/server-process.js';

let world: FaultWorld | undefined;
let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.stop('SIGKILL');
  removeWorld(world);
  server = undefined;
  world = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function runBackup(dbPath: string, destination: string) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/ops/backup.ts', destination], {
      cwd: REPO_DIR,
      env: { ...process.env, DATABASE_PATH: dbPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('SIGTERM', () => {
  it('lets an in-flight submit finish, closes the database (WAL checkpointed away) and exits 0', async () => {
    world = await createFaultWorld({ users: 2, questions: 4 });
    server = await startWorldServer(world);
    const user = world.seed.users[0]!;
    const opened = await candidate({ url: server.url, secret: world.secret, user }).open('algorithm');
    expect(opened.status).toBe(200);
    const id = opened.attemptId!;
    expect(fs.existsSync(`${world.dbPath}-wal`)).toBe(true);

    // Half a request body is on the wire when SIGTERM arrives; the rest follows after.
    const body = new URLSearchParams({
      _csrf: csrfFor(world.secret, user.token),
      outcome: 'solved',
      code: 'print("sent across a shutdown")',
      notes: '',
    }).toString();
    const half = Math.floor(body.length / 2);
    const response = new Promise<number>((resolve, reject) => {
      const req = http.request(`${server!.url}/attempts/${id}/submit`, {
        method: 'POST',
        agent: false,
        headers: {
          cookie: user.cookie,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          connection: 'close',
        },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.write(body.slice(0, half));
      // Nothing outside the server can see it has read the headers: a generous pause lets a slow
      // machine accept the connection and read them. Then the rest of the body goes only once the
      // server says it is closing (a readiness signal, not a second pause).
      void sleep(1000).then(async () => {
        process.kill(server!.pid, 'SIGTERM');
        while (!server!.output().includes('SIGTERM: closing')) await sleep(10);
        req.end(body.slice(half));
      });
    });
    expect(await response).toBe(303);
    const exit = await server.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('SIGTERM: closing');
    expect(fs.existsSync(`${world.dbPath}-wal`)).toBe(false);

    const db = openFile(world.dbPath);
    try {
      const row = db.prepare('select code, submitted_at from attempts where id = ?').get(id) as {
        code: string;
        submitted_at: number | null;
      };
      expect(row.code).toBe('print("sent across a shutdown")');
      expect(row.submitted_at).not.toBeNull();
    } finally {
      db.close();
    }
  }, 90_000);
});

describe('npm run backup', () => {
  it('copies the live database while drills write; the copy opens and holds every attempt', async () => {
    world = await createFaultWorld({ users: 4, attempts: 20_000, questions: 6 });
    server = await startWorldServer(world);
    const { url } = server;
    const graded: number[] = [];
    let stop = false;
    const load = Promise.all(
      world.seed.users.map(async (user, n) => {
        const c = candidate({ url, secret: world!.secret, user });
        for (let i = 0; !stop && i < 500; i++) {
          const step = await c.open(n % 2 ? 'algorithm' : 'scripting');
          if (!step.attemptId) continue;
          if (step.page === 'question') await c.submit(step.attemptId, 'solved');
          const g = await c.grade(step.attemptId, 1);
          if (acknowledged(g.status)) graded.push(step.attemptId);
        }
      }),
    );
    while (graded.length < 10) await sleep(20);
    const gradedBefore = [...graded];
    const during = path.join(world.dir, 'backups', 'during.db');
    const first = await runBackup(world.dbPath, during);
    stop = true;
    await load;
    expect(first.code, first.out).toBe(0);
    expect(first.out).toMatch(/integrity ok/);

    const copy = openFile(during);
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const ids = new Set(
        (copy.prepare('select id from attempts where graded_at is not null').all() as { id: number }[]).map(
          (r) => r.id,
        ),
      );
      expect(gradedBefore.filter((id) => !ids.has(id))).toEqual([]);
      expect(ids.size).toBeGreaterThanOrEqual(20_000 + gradedBefore.length);
    } finally {
      copy.close();
    }

    // Writes over, server still up: a second copy matches the live file attempt for attempt.
    const after = path.join(world.dir, 'backups', 'after.db');
    const second = await runBackup(world.dbPath, after);
    expect(second.code, second.out).toBe(0);
    const snapshot = (file: string) => {
      const db = openFile(file);
      try {
        return db
          .prepare(
            'select id, user_id, question_id, submitted_at, graded_at, final_grade, code from attempts order by id',
          )
          .all();
      } finally {
        db.close();
      }
    };
    expect(snapshot(after)).toEqual(snapshot(world.dbPath));

    // Refuses to overwrite an existing backup.
    const again = await runBackup(world.dbPath, after);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/already exists/);
  }, 120_000);

  it('names a default backup by time under data/backups', () => {
    const clock = createFixedClock('2026-03-02T10:15:30.123Z');
    expect(defaultBackupPath(clock)).toBe(path.resolve('./data/backups/opsdrill-2026-03-02T10-15-30Z.db'));
  });
});
