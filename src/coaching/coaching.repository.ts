import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { type AttemptRow, attempts, type CardRow, cards, feedback, retryRequests } from '../db/schema.js';

export type FeedbackItem = {
  id: number;
  authorId: number;
  username: string;
  body: string;
  bodyHtml: string | null;
  createdAt: number;
};
/** One thread on an attempt: the group it belongs to (null: written before threads had groups). */
export type ThreadSummary = { groupId: number | null; groupName: string | null; messages: number; latest: number };
export type UnreadItem = {
  attemptId: number;
  groupId: number;
  groupName: string;
  questionId: string;
  count: number;
  latest: number;
};
export type CoachUnreadItem = UnreadItem & { memberId: number; username: string };
export type AwaitingItem = {
  attemptId: number;
  groupId: number;
  groupName: string;
  memberId: number;
  username: string;
  questionId: string;
  track: 'scripting' | 'algorithm';
  outcome: 'solved' | 'partial' | 'failed';
  finalGrade: number;
  submittedAt: number;
};
export type RetryItem = {
  id: number;
  groupId: number;
  coach: string;
  questionId: string;
  note: string;
  createdAt: number;
};
export type PendingRetry = RetryItem & { groupName: string };

// Statements below use named parameters (@coachId, @since...).

// Graded attempts of current members of the groups the user coaches now, since the member
// joined and within the window, with nothing yet from anyone but the candidate in that group's
// thread. One row per (attempt, group): a member of two of the coach's groups has two threads.
const AWAITING_FROM = `from group_members c
  join groups g on g.id = c.group_id
  join group_members m on m.group_id = c.group_id and m.role = 'member' and m.left_at is null
  join users u on u.id = m.user_id
  join attempts a on a.user_id = m.user_id and a.graded_at is not null and a.graded_at >= max(m.joined_at, @since)
  where c.user_id = @coachId and c.role = 'coach' and c.left_at is null
    and not exists (select 1 from feedback f where f.attempt_id = a.id and f.group_id = c.group_id and f.author_id <> a.user_id)`;

// Candidate replies (written by the attempt's owner, still a member) newer than this coach's
// own read of the thread.
const COACH_UNREAD_FROM = `from group_members c
  join groups g on g.id = c.group_id
  join group_members m on m.group_id = c.group_id and m.role = 'member' and m.left_at is null
  join users u on u.id = m.user_id
  join feedback f on f.group_id = c.group_id and f.author_id = m.user_id
  join attempts a on a.id = f.attempt_id and a.user_id = m.user_id
  left join feedback_reads r on r.user_id = c.user_id and r.attempt_id = f.attempt_id and r.group_id = f.group_id
  where c.user_id = @coachId and c.role = 'coach' and c.left_at is null and f.created_at > coalesce(r.read_at, -1)`;

// Messages by anyone but the candidate on the candidate's attempts, newer than their own read.
const OWN_UNREAD_FROM = `from attempts a
  join feedback f on f.attempt_id = a.id
  join groups g on g.id = f.group_id
  left join feedback_reads r on r.user_id = a.user_id and r.attempt_id = f.attempt_id and r.group_id = f.group_id
  where a.user_id = @userId and f.author_id <> a.user_id and f.created_at > coalesce(r.read_at, -1)`;

const UPSERT_READ =
  'on conflict (user_id, attempt_id, group_id) do update set read_at = max(read_at, excluded.read_at)';

export function createCoachingRepository({ db }: { db: Db }) {
  const c = db.$client;
  const threadStmt = c.prepare(
    `select f.id, f.author_id as authorId, u.username, f.body, f.body_html as bodyHtml, f.created_at as createdAt
       from feedback f join users u on u.id = f.author_id
      where f.attempt_id = ? and f.group_id is ? order by f.id limit ? offset ?`,
  );
  const threadCountStmt = c.prepare(`select count(*) as n from feedback where attempt_id = ? and group_id is ?`);
  const threadsOfStmt = c.prepare(
    `select f.group_id as groupId, g.name as groupName, count(*) as messages, max(f.created_at) as latest
       from feedback f left join groups g on g.id = f.group_id
      where f.attempt_id = ? group by f.group_id`,
  );
  const storeHtmlStmt = c.prepare(`update feedback set body_html = ? where id = ? and body_html is null`);
  const authorWindowStmt = c.prepare(
    `select count(*) as n, min(created_at) as oldest from feedback where author_id = ? and created_at > ?`,
  );
  const markReadStmt = c.prepare(
    `insert into feedback_reads (user_id, attempt_id, group_id, read_at) values (?, ?, ?, ?) ${UPSERT_READ}`,
  );
  const ownUnreadStmt = c.prepare(
    `select f.attempt_id as attemptId, f.group_id as groupId, g.name as groupName, a.question_id as questionId,
            count(*) as count, max(f.created_at) as latest
       ${OWN_UNREAD_FROM}
      group by f.attempt_id, f.group_id order by latest desc limit 50`,
  );
  const markOwnAllStmt = c.prepare(
    `insert into feedback_reads (user_id, attempt_id, group_id, read_at)
       select a.user_id, f.attempt_id, f.group_id, @now ${OWN_UNREAD_FROM} group by f.attempt_id, f.group_id ${UPSERT_READ}`,
  );
  const awaitingStmt = c.prepare(
    `select a.id as attemptId, c.group_id as groupId, g.name as groupName, m.user_id as memberId, u.username,
            a.question_id as questionId, a.track, a.outcome, a.final_grade as finalGrade, a.submitted_at as submittedAt
       ${AWAITING_FROM}
      order by a.submitted_at desc, a.id desc limit @limit offset @offset`,
  );
  const awaitingCountStmt = c.prepare(`select count(*) as n ${AWAITING_FROM}`);
  const coachUnreadStmt = c.prepare(
    `select f.attempt_id as attemptId, f.group_id as groupId, g.name as groupName, m.user_id as memberId, u.username,
            a.question_id as questionId, count(*) as count, max(f.created_at) as latest
       ${COACH_UNREAD_FROM}
      group by f.attempt_id, f.group_id order by latest desc limit @limit`,
  );
  const coachUnreadCountStmt = c.prepare(
    `select count(*) as n from (select 1 ${COACH_UNREAD_FROM} group by f.attempt_id, f.group_id)`,
  );
  const markCoachAllStmt = c.prepare(
    `insert into feedback_reads (user_id, attempt_id, group_id, read_at)
       select c.user_id, f.attempt_id, f.group_id, @now ${COACH_UNREAD_FROM} group by f.attempt_id, f.group_id ${UPSERT_READ}`,
  );
  const coachesAnyStmt = c.prepare(
    `select 1 as yes from group_members where user_id = ? and role = 'coach' and left_at is null limit 1`,
  );
  const makeDueStmt = c.prepare(`update cards set due = ? where id = ?`);
  const retriesStmt = c.prepare(
    `select r.id, r.group_id as groupId, u.username as coach, r.question_id as questionId, r.note, r.created_at as createdAt
       from retry_requests r join users u on u.id = r.coach_id
      where r.member_id = ? and (? is null or r.group_id = ?) order by r.created_at desc, r.id desc limit 50`,
  );
  // A retry is answered once the member grades an attempt at that question after it was asked.
  const pendingRetriesStmt = c.prepare(
    `select r.id, r.group_id as groupId, g.name as groupName, u.username as coach, r.question_id as questionId,
            r.note, r.created_at as createdAt
       from retry_requests r join users u on u.id = r.coach_id join groups g on g.id = r.group_id
      where r.member_id = ? and (? is null or r.question_id = ?)
        and not exists (select 1 from attempts a where a.user_id = r.member_id and a.question_id = r.question_id
                           and a.graded_at is not null and a.graded_at >= r.created_at)
      order by r.created_at desc, r.id desc limit 20`,
  );

  return {
    findAttempt(attemptId: number): AttemptRow | undefined {
      return db.select().from(attempts).where(eq(attempts.id, attemptId)).get();
    },

    /** One page of a thread, oldest first. */
    threadPage({
      attemptId,
      groupId,
      limit,
      offset,
    }: {
      attemptId: number;
      groupId: number | null;
      limit: number;
      offset: number;
    }): FeedbackItem[] {
      return threadStmt.all(attemptId, groupId, limit, offset) as FeedbackItem[];
    },

    threadCount({ attemptId, groupId }: { attemptId: number; groupId: number | null }): number {
      return (threadCountStmt.get(attemptId, groupId) as { n: number }).n;
    },

    /** Every thread that has messages on this attempt. */
    threadsOf(attemptId: number): ThreadSummary[] {
      return threadsOfStmt.all(attemptId) as ThreadSummary[];
    },

    storeHtml({ id, html }: { id: number; html: string }) {
      storeHtmlStmt.run(html, id);
    },

    /** Messages this author wrote after `since`, and when the oldest of them was written. */
    authoredSince({ authorId, since }: { authorId: number; since: number }): { n: number; oldest: number | null } {
      return authorWindowStmt.get(authorId, since) as { n: number; oldest: number | null };
    },

    addFeedback(values: {
      attemptId: number;
      groupId: number;
      authorId: number;
      body: string;
      bodyHtml: string;
      now: number;
    }) {
      const { now, ...rest } = values;
      return db
        .insert(feedback)
        .values({ ...rest, createdAt: now })
        .returning()
        .get();
    },

    markRead({ userId, attemptId, groupId, now }: { userId: number; attemptId: number; groupId: number; now: number }) {
      markReadStmt.run(userId, attemptId, groupId, now);
    },

    unreadForCandidate(userId: number): UnreadItem[] {
      return ownUnreadStmt.all({ userId }) as UnreadItem[];
    },

    markAllReadForCandidate({ userId, now }: { userId: number; now: number }): number {
      return markOwnAllStmt.run({ now, userId }).changes;
    },

    awaitingForCoach({
      coachId,
      since,
      limit,
      offset,
    }: {
      coachId: number;
      since: number;
      limit: number;
      offset: number;
    }): AwaitingItem[] {
      return awaitingStmt.all({ since, coachId, limit, offset }) as AwaitingItem[];
    },

    awaitingCount({ coachId, since }: { coachId: number; since: number }): number {
      return (awaitingCountStmt.get({ since, coachId }) as { n: number }).n;
    },

    unreadForCoach({ coachId, limit }: { coachId: number; limit: number }): CoachUnreadItem[] {
      return coachUnreadStmt.all({ coachId, limit }) as CoachUnreadItem[];
    },

    unreadCountForCoach(coachId: number): number {
      return (coachUnreadCountStmt.get({ coachId }) as { n: number }).n;
    },

    markAllReadForCoach({ coachId, now }: { coachId: number; now: number }): number {
      return markCoachAllStmt.run({ now, coachId }).changes;
    },

    coachesAnyGroup(userId: number): boolean {
      return coachesAnyStmt.get(userId) !== undefined;
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

    /** Retries asked of this member that they have not answered yet (optionally for one question). */
    pendingRetries({ memberId, questionId }: { memberId: number; questionId?: string }): PendingRetry[] {
      const q = questionId ?? null;
      return pendingRetriesStmt.all(memberId, q, q) as PendingRetry[];
    },

    transaction<T>(fn: () => T): T {
      return db.transaction(() => fn(), { behavior: 'immediate' });
    },
  };
}
export type CoachingRepository = ReturnType<typeof createCoachingRepository>;
