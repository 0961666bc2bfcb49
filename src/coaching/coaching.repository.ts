import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { type AttemptRow, attempts, type CardRow, cards, feedback, retryRequests } from '../db/schema.js';

export type FeedbackItem = { id: number; authorId: number; username: string; body: string; createdAt: number };
export type UnreadItem = { attemptId: number; questionId: string; count: number; latest: number };
export type RetryItem = {
  id: number;
  groupId: number;
  coach: string;
  questionId: string;
  note: string;
  createdAt: number;
};

export function createCoachingRepository({ db }: { db: Db }) {
  const c = db.$client;
  const threadStmt = c.prepare(
    `select f.id, f.author_id as authorId, u.username, f.body, f.created_at as createdAt
       from feedback f join users u on u.id = f.author_id where f.attempt_id = ? order by f.created_at, f.id`,
  );
  // Unread = written by someone else after the candidate last opened that attempt.
  const unreadStmt = c.prepare(
    `select f.attempt_id as attemptId, a.question_id as questionId, count(*) as count, max(f.created_at) as latest
       from feedback f
       join attempts a on a.id = f.attempt_id
       left join feedback_reads r on r.user_id = a.user_id and r.attempt_id = f.attempt_id
      where a.user_id = ? and f.author_id <> a.user_id and f.created_at > coalesce(r.read_at, -1)
      group by f.attempt_id order by latest desc limit 50`,
  );
  const markReadStmt = c.prepare(
    `insert into feedback_reads (user_id, attempt_id, read_at) values (?, ?, ?)
       on conflict (user_id, attempt_id) do update set read_at = max(read_at, excluded.read_at)`,
  );
  const makeDueStmt = c.prepare(`update cards set due = ? where id = ?`);
  const retriesStmt = c.prepare(
    `select r.id, r.group_id as groupId, u.username as coach, r.question_id as questionId, r.note, r.created_at as createdAt
       from retry_requests r join users u on u.id = r.coach_id
      where r.member_id = ? and (? is null or r.group_id = ?) order by r.created_at desc, r.id desc limit 50`,
  );

  return {
    findAttempt(attemptId: number): AttemptRow | undefined {
      return db.select().from(attempts).where(eq(attempts.id, attemptId)).get();
    },

    thread(attemptId: number): FeedbackItem[] {
      return threadStmt.all(attemptId) as FeedbackItem[];
    },

    addFeedback({
      attemptId,
      authorId,
      body,
      now,
    }: {
      attemptId: number;
      authorId: number;
      body: string;
      now: number;
    }) {
      return db.insert(feedback).values({ attemptId, authorId, body, createdAt: now }).returning().get();
    },

    markRead({ userId, attemptId, now }: { userId: number; attemptId: number; now: number }) {
      markReadStmt.run(userId, attemptId, now);
    },

    unreadFor(userId: number): UnreadItem[] {
      return unreadStmt.all(userId) as UnreadItem[];
    },

    findCard({ userId, questionId }: { userId: number; questionId: string }): CardRow | undefined {
      return db
        .select()
        .from(cards)
        .where(and(eq(cards.userId, userId), eq(cards.questionId, questionId)))
        .get();
    },

    makeDue({ cardId, now }: { cardId: number; now: number }) {
      makeDueStmt.run(now, cardId);
    },

    addRetry(values: {
      groupId: number;
      coachId: number;
      memberId: number;
      questionId: string;
      note: string;
      now: number;
    }) {
      const { now, ...rest } = values;
      return db
        .insert(retryRequests)
        .values({ ...rest, createdAt: now })
        .returning()
        .get();
    },

    retriesFor({ memberId, groupId }: { memberId: number; groupId?: number }): RetryItem[] {
      const g = groupId ?? null;
      return retriesStmt.all(memberId, g, g) as RetryItem[];
    },

    transaction<T>(fn: () => T): T {
      return db.transaction(() => fn(), { behavior: 'immediate' });
    },
  };
}
export type CoachingRepository = ReturnType<typeof createCoachingRepository>;
