import crypto from 'node:crypto';
import { hashPassword } from '../src/accounts/passwords.js';
import { migrateDatabase, openDatabase } from '../src/db/database.js';
import { prepareBank } from '../src/questions/bank.sync.js';
import type { Clock } from '../src/shared/clock.js';

const DAY_MS = 86_400_000;

export type SeededUser = { id: number; username: string; token: string; cookie: string };
export type SeedResult = {
  users: SeededUser[];
  coach: SeededUser;
  cohortGroupId: number;
  attempts: number;
  questionIds: { algorithm: string[]; scripting: string[] };
};

export const sessionCookie = (token: string) => `opsdrill_session=${token}`;
export const csrfFor = (secret: string, token: string) =>
  crypto.createHmac('sha256', secret).update(`csrf:${token}`).digest('base64url');
const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** Deterministic so two runs seed the same data (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODE_SAMPLES = [
  'import re\nfrom collections import Counter\n\ndef top_ips(lines):\n    c = Counter(m.group(1) for l in lines if (m := re.match(r"(\\S+) ", l)))\n    return c.most_common(10)\n',
  'def two_sum(nums, target):\n    seen = {}\n    for i, n in enumerate(nums):\n        if target - n in seen:\n            return [seen[target - n], i]\n        seen[n] = i\n',
  'import subprocess\n\ndef disk_usage(path):\n    out = subprocess.run(["du", "-sh", path], capture_output=True, text=True, check=True)\n    return out.stdout.split()[0]\n',
  'def merge(intervals):\n    out = []\n    for s, e in sorted(intervals):\n        if out and s <= out[-1][1]:\n            out[-1][1] = max(out[-1][1], e)\n        else:\n            out.append([s, e])\n    return out\n',
];
const NOTES_SAMPLES = [
  '',
  'forgot the edge case with an empty list',
  'used a hint for the regex',
  'clean, O(n)',
  'ran out of time on the parsing part, "quoted" fields',
];

/**
 * A realistic database for benchmarks and fault tests: the question bank synced, candidates with
 * cards for every active question, a year of graded attempts, groups of ten and a cohort group of
 * everyone with its coach. Rows go in with prepared statements, one transaction per chunk.
 */
export async function seedDatabase({
  file,
  questionsDir,
  clock,
  users: userCount,
  attempts: attemptCount,
  groupSize = 10,
  dueShare = 0.66,
  cards = true,
  newPerDay = 3,
  log = () => {},
}: {
  file: string;
  questionsDir: string;
  clock: Clock;
  users: number;
  attempts: number;
  groupSize?: number;
  /** Share of review cards due now (the rest due within the next month). */
  dueShare?: number;
  /** false: no cards yet, so every card and its reps come from graded attempts (fault tests). */
  cards?: boolean;
  newPerDay?: number;
  log?: (line: string) => void;
}): Promise<SeedResult> {
  const db = openDatabase(file);
  migrateDatabase(db);
  const { catalog } = prepareBank({ db, questionsDir, clock });
  const sqlite = db.$client;
  const now = clock.now().getTime();
  const rnd = random(42);
  const passwordHash = await hashPassword('bench password 123', 2 ** 15);
  const questionIds = {
    algorithm: catalog.active('algorithm').map((q) => q.id),
    scripting: catalog.active('scripting').map((q) => q.id),
  };
  const allQuestions = catalog.active();

  const insertUser = sqlite.prepare('insert into users (username, password_hash, created_at) values (?, ?, ?)');
  const insertSession = sqlite.prepare(
    'insert into sessions (id, user_id, created_at, expires_at) values (?, ?, ?, ?)',
  );
  const insertSettings = sqlite.prepare(
    // The most minutes a day the settings allow: the benchmark's candidates answer far more
    // questions a day than a person would, and should not run out of minutes mid-measurement.
    `insert into track_settings (user_id, track, desired_retention, new_per_day, reviews_per_day, budget_easy_minutes, budget_medium_minutes, budget_hard_minutes, drill_days, daily_minutes, updated_at)
     values (?, ?, 0.9, ?, 9999, 20, 35, 50, '1,2,3,4,5,6,7', 600, ?)`,
  );
  const insertCard = sqlite.prepare(
    `insert into cards (user_id, question_id, track, due, stability, difficulty, scheduled_days, learning_steps, reps, lapses, state, last_review, created_at)
     values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 2, ?, ?)`,
  );
  const insertDrill = sqlite.prepare(
    'insert into drills (user_id, track, local_day, started_at, finished_at) values (?, ?, ?, ?, ?)',
  );
  const insertAttempt = sqlite.prepare(
    `insert into attempts (user_id, question_id, track, drill_id, served_at, deadline_at, budget_seconds, code, notes, hints_used, hint_revealed_at,
       submitted_at, duration_seconds, overtime, outcome, suggested_grade, grade_reason, final_grade, graded_at, local_day,
       state_before, stability_before, difficulty_before, due_before, last_review_before, state_after, stability_after, difficulty_after, due_after, scheduled_days_after)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?, 'seeded', ?, ?, ?, 2, ?, 5, ?, ?, 2, ?, 5, ?, ?)`,
  );
  const insertGroup = sqlite.prepare(
    'insert into groups (name, invite_code, created_by, created_at) values (?, ?, ?, ?)',
  );
  const insertMember = sqlite.prepare(
    'insert into group_members (group_id, user_id, role, joined_at) values (?, ?, ?, ?)',
  );

  const makeUser = (username: string): SeededUser => {
    const id = Number(insertUser.run(username, passwordHash, now - 400 * DAY_MS).lastInsertRowid);
    const token = `bench-${username}-${crypto.randomBytes(16).toString('base64url')}`;
    insertSession.run(tokenHash(token), id, now, now + 30 * DAY_MS);
    return { id, username, token, cookie: sessionCookie(token) };
  };

  const users: SeededUser[] = [];
  let coach!: SeededUser;
  sqlite.transaction(() => {
    for (let i = 1; i <= userCount; i++) {
      const user = makeUser(`cand${String(i).padStart(4, '0')}`);
      users.push(user);
      for (const track of ['scripting', 'algorithm']) insertSettings.run(user.id, track, newPerDay, now);
      for (const q of cards ? allQuestions : []) {
        const scheduledDays = 1 + Math.floor(rnd() * 60);
        // dueShare of the cards are due (in the past), the rest within the next 30 days.
        const due =
          rnd() < dueShare
            ? now - Math.floor(rnd() * 60 * DAY_MS) - 60_000
            : now + Math.floor(rnd() * 30 * DAY_MS) + 60_000;
        insertCard.run(
          user.id,
          q.id,
          q.track,
          due,
          5 + rnd() * 90,
          3 + rnd() * 5,
          scheduledDays,
          5 + Math.floor(rnd() * 20),
          Math.floor(rnd() * 3),
          due - scheduledDays * DAY_MS,
          now - 365 * DAY_MS,
        );
      }
    }
    coach = makeUser('coach0001');
  })();
  log(`seed: ${users.length} candidates + 1 coach, ${cards ? users.length * allQuestions.length : 0} cards`);

  // Attempts: spread evenly over the last 365 days (ending yesterday), one drill per user, track and day.
  const perUser = Math.floor(attemptCount / userCount);
  const extra = attemptCount - perUser * userCount;
  let written = 0;
  const CHUNK_USERS = 10;
  for (let start = 0; start < users.length; start += CHUNK_USERS) {
    sqlite.transaction(() => {
      for (const user of users.slice(start, start + CHUNK_USERS)) {
        const n = perUser + (user === users[0] ? extra : 0);
        const drillIds = new Map<string, number>();
        for (let k = 0; k < n; k++) {
          const dayIndex = 365 - Math.floor((k * 365) / n);
          const dayStart = now - dayIndex * DAY_MS;
          const servedAt = dayStart + Math.floor(rnd() * 12 * 3_600_000);
          const track = rnd() < 0.5 ? 'algorithm' : 'scripting';
          const ids = questionIds[track];
          const questionId = ids[Math.floor(rnd() * ids.length)] ?? ids[0]!;
          const day = new Date(servedAt - 4 * 3_600_000).toISOString().slice(0, 10);
          const key = `${track}:${day}`;
          let drillId = drillIds.get(key);
          if (drillId === undefined) {
            drillId = Number(insertDrill.run(user.id, track, day, servedAt, servedAt + 3_600_000).lastInsertRowid);
            drillIds.set(key, drillId);
          }
          const budget = 1800;
          const duration = 120 + Math.floor(rnd() * 2400);
          const outcome = (['solved', 'partial', 'failed'] as const)[Math.floor(rnd() * 3)]!;
          const grade = outcome === 'solved' ? 3 : outcome === 'partial' ? 2 : 1;
          const submittedAt = servedAt + duration * 1000;
          const s = 5 + rnd() * 50;
          insertAttempt.run(
            user.id,
            questionId,
            track,
            drillId,
            servedAt,
            servedAt + budget * 1000,
            budget,
            CODE_SAMPLES[k % CODE_SAMPLES.length],
            NOTES_SAMPLES[k % NOTES_SAMPLES.length],
            k % 3,
            submittedAt,
            duration,
            duration > budget ? 1 : 0,
            outcome,
            grade,
            grade,
            submittedAt + 5000,
            day,
            s,
            servedAt,
            servedAt - 10 * DAY_MS,
            s * 1.2,
            submittedAt + 10 * DAY_MS,
            10,
          );
          written++;
        }
      }
    })();
    if ((start / CHUNK_USERS) % 5 === 4) log(`seed: ${written} attempts`);
  }

  let cohortGroupId = 0;
  sqlite.transaction(() => {
    for (let g = 0; g * groupSize < users.length; g++) {
      const members = users.slice(g * groupSize, (g + 1) * groupSize);
      const groupId = Number(
        insertGroup.run(`Study group ${g + 1}`, `bench-invite-${g + 1}`, members[0]!.id, now - 300 * DAY_MS)
          .lastInsertRowid,
      );
      members.forEach((m, i) => {
        insertMember.run(groupId, m.id, i === 0 ? 'coach' : 'member', now - 300 * DAY_MS);
      });
    }
    // A cohort group of every candidate, coached by the coach: its export is every attempt.
    cohortGroupId = Number(
      insertGroup.run('Whole cohort', 'bench-invite-cohort', coach.id, now - 300 * DAY_MS).lastInsertRowid,
    );
    insertMember.run(cohortGroupId, coach.id, 'coach', now - 300 * DAY_MS);
    for (const m of users) insertMember.run(cohortGroupId, m.id, 'member', now - 300 * DAY_MS);
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  log(
    `seed: ${written} attempts, ${Math.ceil(users.length / groupSize)} groups of ${groupSize} + cohort group ${cohortGroupId}`,
  );
  return { users, coach, cohortGroupId, attempts: written, questionIds };
}
