import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { csrfFor, type SeededUser, type SeedResult, seedDatabase } from '../../bench/seed.js';
import { systemClock } from '../../src/shared/clock.js';
import { writeFixtureBank } from './bank.js';
import { type ServerProcess, startServer } from './server-process.js';
import { tempDir } from './tmp.js';

export type FaultWorld = { dir: string; dbPath: string; bankDir: string; secret: string; seed: SeedResult };

/**
 * A database file with candidates who have no cards yet (so every card is the product of graded
 * attempts) and no daily limit on new questions, plus a small bank the server loads too.
 */
export async function createFaultWorld({
  users = 6,
  attempts = 0,
  questions = 12,
}: {
  users?: number;
  attempts?: number;
  questions?: number;
} = {}): Promise<FaultWorld> {
  const dir = tempDir('faults');
  const dbPath = path.join(dir, 'opsdrill.db');
  const bankDir = writeFixtureBank({ scripting: questions, algorithm: questions });
  const seed = await seedDatabase({
    file: dbPath,
    questionsDir: bankDir,
    clock: systemClock,
    users,
    attempts,
    cards: false,
    newPerDay: 9999,
  });
  return { dir, dbPath, bankDir, secret: crypto.randomBytes(32).toString('base64url'), seed };
}

export function startWorldServer(
  world: FaultWorld,
  extra: { env?: Record<string, string> } = {},
): Promise<ServerProcess> {
  return startServer({
    databasePath: world.dbPath,
    // Self-reported outcomes: these tests are about the database under load, not the runner.
    env: { SESSION_SECRET: world.secret, QUESTIONS_DIR: world.bankDir, RUNNER: 'off', ...extra.env },
  });
}

export function removeWorld(world: FaultWorld | undefined) {
  if (!world) return;
  fs.rmSync(world.dir, { recursive: true, force: true });
  fs.rmSync(world.bankDir, { recursive: true, force: true });
}

export function openFile(dbPath: string) {
  const db = new Database(dbPath);
  db.pragma('busy_timeout = 5000');
  return db;
}

export type Step = { status: number; attemptId?: number; page?: 'question' | 'grade'; location?: string };

/** A signed-in candidate talking plain HTTP to a server process (cookie + CSRF, no redirects followed). */
export function candidate({ url, secret, user }: { url: string; secret: string; user: SeededUser }) {
  const csrf = csrfFor(secret, user.token);
  const headers = { cookie: user.cookie };
  const post = async (pathname: string, fields: Record<string, string>): Promise<Step> => {
    const res = await fetch(`${url}${pathname}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      redirect: 'manual',
    });
    await res.arrayBuffer();
    return { status: res.status, location: res.headers.get('location') ?? undefined };
  };
  return {
    user,
    /** The drill page, after pressing Start when nothing is open yet (opening is a POST). */
    async open(track: 'algorithm' | 'scripting'): Promise<Step> {
      let res = await fetch(`${url}/drills/${track}`, { headers, redirect: 'manual' });
      let body = await res.text();
      if (res.status === 200 && body.includes(`action="/drills/${track}/start"`)) {
        const started = await post(`/drills/${track}/start`, {});
        if (started.status !== 303) return started;
        res = await fetch(`${url}/drills/${track}`, { headers, redirect: 'manual' });
        body = await res.text();
      }
      const grade = /action="\/attempts\/(\d+)\/grade"/.exec(body);
      const question = /data-attempt="(\d+)"/.exec(body);
      const id = question?.[1] ?? grade?.[1];
      return {
        status: res.status,
        attemptId: id ? Number(id) : undefined,
        page: question ? 'question' : grade ? 'grade' : undefined,
        location: res.headers.get('location') ?? undefined,
      };
    },
    submit: (attemptId: number, outcome = 'solved', code = 'def solve(x):\n    return x\n') =>
      post(`/attempts/${attemptId}/submit`, { outcome, code, notes: '' }),
    grade: (attemptId: number, grade: number) => post(`/attempts/${attemptId}/grade`, { grade: String(grade) }),
  };
}
export type Candidate = ReturnType<typeof candidate>;

export const acknowledged = (status: number) => status >= 200 && status < 400;

type CardRow = { user_id: number; question_id: string; reps: number; due: number };
type LastGraded = { user_id: number; question_id: string; graded: number; last_due_after: number | null };

/**
 * Cards and graded attempts that disagree: a card rescheduled without its attempt row, or the
 * reverse. Seeded history (grade_reason 'seeded') has no cards in a fault world and is left out.
 */
export function cardAttemptMismatches(db: Database.Database): string[] {
  const cards = db.prepare('select user_id, question_id, reps, due from cards').all() as CardRow[];
  const graded = db
    .prepare(
      `select user_id, question_id, count(*) as graded,
         (select a2.due_after from attempts a2 where a2.user_id = a.user_id and a2.question_id = a.question_id and a2.graded_at is not null and a2.grade_reason is not 'seeded' order by a2.graded_at desc, a2.id desc limit 1) as last_due_after
       from attempts a where graded_at is not null and grade_reason is not 'seeded' group by user_id, question_id`,
    )
    .all() as LastGraded[];
  const byKey = new Map(graded.map((g) => [`${g.user_id}:${g.question_id}`, g]));
  const problems: string[] = [];
  for (const c of cards) {
    const key = `${c.user_id}:${c.question_id}`;
    const g = byKey.get(key);
    byKey.delete(key);
    if (!g) problems.push(`card ${key} has reps ${c.reps} but no graded attempt`);
    else if (g.graded !== c.reps) problems.push(`card ${key}: reps ${c.reps}, graded attempts ${g.graded}`);
    else if (g.last_due_after !== c.due)
      problems.push(`card ${key}: due ${c.due}, last graded attempt's due_after ${g.last_due_after}`);
  }
  for (const key of byKey.keys()) problems.push(`graded attempts for ${key} but no card`);
  return problems;
}
