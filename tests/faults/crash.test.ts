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
import type { ServerProcess } from '../helpers/server-process.js';

let world: FaultWorld | undefined;
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL');
  removeWorld(world);
});

describe('SIGKILL mid-load', () => {
  it('loses no acknowledged submit or grade and never splits a card from its attempt', async () => {
    world = await createFaultWorld({ users: 6, questions: 10 });
    const server = await startWorldServer(world);
    servers.push(server);
    const { url } = server;
    const acked = { submits: new Set<number>(), grades: new Set<number>() };
    let stop = false;
    let killedAt = 0;

    // Each candidate drills both tracks in a loop: open, submit, grade (Again or Hard keeps the
    // cards in learning, so there is always a next question).
    const drive = async (c: ReturnType<typeof candidate>, n: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const track = (i + n) % 2 ? 'algorithm' : 'scripting';
          const step = await c.open(track);
          if (!step.attemptId) continue;
          if (step.page === 'question') {
            const s = await c.submit(step.attemptId, ['solved', 'partial', 'failed'][i % 3]);
            if (acknowledged(s.status)) acked.submits.add(step.attemptId);
          }
          const g = await c.grade(step.attemptId, 1 + (i % 2));
          if (acknowledged(g.status)) acked.grades.add(step.attemptId);
        } catch {
          return; // the server is gone
        }
      }
    };
    const load = world.seed.users.map((u, n) => drive(candidate({ url, secret: world!.secret, user: u }), n));

    // Kill once a good amount of work was acknowledged, while requests are still in flight.
    const deadline = Date.now() + 60_000;
    while (acked.grades.size < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(acked.grades.size).toBeGreaterThanOrEqual(40);
    killedAt = acked.grades.size;
    process.kill(server.pid, 'SIGKILL');
    const exit = await server.exited;
    stop = true;
    await Promise.all(load);
    expect(exit.signal).toBe('SIGKILL');

    // Restart on the same file: the server recovers the WAL and serves again.
    const again = await startWorldServer(world);
    servers.push(again);
    const health = await fetch(`${again.url}/healthz`);
    expect(health.status).toBe(200);
    const c = candidate({ url: again.url, secret: world.secret, user: world.seed.users[0]! });
    const step = await c.open('algorithm');
    expect(step.status).toBe(200);
    await again.stop();

    const db = openFile(world.dbPath);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const submitted = db.prepare('select id from attempts where submitted_at is not null').all() as { id: number }[];
      const graded = db.prepare('select id from attempts where graded_at is not null').all() as { id: number }[];
      const submittedIds = new Set(submitted.map((r) => r.id));
      const gradedIds = new Set(graded.map((r) => r.id));
      expect([...acked.submits].filter((id) => !submittedIds.has(id))).toEqual([]);
      expect([...acked.grades].filter((id) => !gradedIds.has(id))).toEqual([]);
      expect(gradedIds.size).toBeGreaterThanOrEqual(killedAt);
      expect(cardAttemptMismatches(db)).toEqual([]);
    } finally {
      db.close();
    }
  }, 120_000);
});
