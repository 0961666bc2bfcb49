import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

// Against a real server process, so the twenty requests really interleave on the socket level.
let world: FaultWorld;
let server: ServerProcess;
beforeAll(async () => {
  world = await createFaultWorld({ users: 12, questions: 6 });
  server = await startWorldServer(world);
}, 120_000);
afterAll(async () => {
  await server?.stop('SIGKILL');
  removeWorld(world);
});

const rows = <T>(sql: string, ...params: unknown[]): T[] => {
  const db = openFile(world.dbPath);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
};

describe('concurrent requests', () => {
  it('20 concurrent submits of one attempt store one answer; 20 concurrent grades update the card once', async () => {
    const user = world.seed.users[0]!;
    const c = candidate({ url: server.url, secret: world.secret, user });
    const opened = await c.open('algorithm');
    expect(opened.status).toBe(200);
    const id = opened.attemptId!;

    const submits = await Promise.all(Array.from({ length: 20 }, (_, i) => c.submit(id, 'solved', `# answer ${i}\n`)));
    expect(submits.filter((s) => !acknowledged(s.status))).toEqual([]);
    const grades = await Promise.all(Array.from({ length: 20 }, (_, i) => c.grade(id, 1 + (i % 4))));
    expect(grades.filter((g) => !acknowledged(g.status))).toEqual([]);

    const attempts = rows<{ id: number; code: string; submitted_at: number | null; final_grade: number | null }>(
      'select id, code, submitted_at, final_grade from attempts where user_id = ?',
      user.id,
    );
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.submitted_at).not.toBeNull();
    expect(attempts[0]!.code).toMatch(/^# answer \d+\n$/);
    const cards = rows<{ reps: number }>('select reps from cards where user_id = ?', user.id);
    expect(cards).toEqual([{ reps: 1 }]);
    // The grade that won is the one the attempt row and the card both record.
    expect(attempts[0]!.final_grade).toBeGreaterThanOrEqual(1);
  });

  it('two tabs opening a drill at once share one attempt, never two attempts of the same new question', async () => {
    for (const user of world.seed.users.slice(1, 11)) {
      const tab1 = candidate({ url: server.url, secret: world.secret, user });
      const tab2 = candidate({ url: server.url, secret: world.secret, user });
      const [a, b] = await Promise.all([tab1.open('scripting'), tab2.open('scripting')]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.attemptId).toBeDefined();
      expect(b.attemptId).toBe(a.attemptId);
      // Finish it, then open the next question from two tabs again.
      await tab1.submit(a.attemptId!, 'failed');
      await tab1.grade(a.attemptId!, 1);
      const [c, d] = await Promise.all([tab1.open('scripting'), tab2.open('scripting')]);
      expect(d.attemptId).toBe(c.attemptId);
      expect(c.attemptId).not.toBe(a.attemptId);
    }
    const twice = rows<{ user_id: number; question_id: string; n: number }>(
      `select user_id, question_id, count(*) as n from attempts where state_before = 0 or graded_at is null group by user_id, question_id having n > 1`,
    );
    expect(twice).toEqual([]);
    const open = rows<{ user_id: number; n: number }>(
      'select user_id, count(*) as n from attempts where graded_at is null group by user_id, track having n > 1',
    );
    expect(open).toEqual([]);
    const db = openFile(world.dbPath);
    try {
      expect(cardAttemptMismatches(db)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
