import { and, asc, desc, eq, gt, gte, isNotNull, isNull, ne, notExists, type SQL, sql } from 'drizzle-orm';
import { alias, QueryBuilder } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/database.js';
import { fixedLimit } from '../db/fixed-limit.js';
import {
  type AttemptRow,
  attempts,
  type CardRow,
  cards,
  feedback,
  feedbackReads,
  groupMembers,
  groups,
  retryRequests,
  users,
} from '../db/schema.js';

const p = sql.placeholder;
const qb = new QueryBuilder();
const count = () => sql<number>`count(*)`;
const latest = sql<number>`max(${feedback.createdAt})`;
const one = sql`1`.as('one');

// The coach's own membership (c) and the member's (m) in the same group.
const c = alias(groupMembers, 'c');
const m = alias(groupMembers, 'm');
const coachingNow = and(eq(c.userId, p('coachId')), eq(c.role, 'coach'), isNull(c.leftAt));
const currentMember = and(eq(m.groupId, c.groupId), eq(m.role, 'member'), isNull(m.leftAt));

/** A read of a thread only moves forward: an older "read" never brings messages back as unread. */
const upsertRead = {
  target: [feedbackReads.userId, feedbackReads.attemptId, feedbackReads.groupId],
  set: { readAt: sql`max(${feedbackReads.readAt}, excluded.read_at)` },
};

// Graded attempts of current members of the groups the user coaches now, since the member
// joined and within the window, with nothing yet from anyone but the candidate in that group's
// thread. One row per (attempt, group): a member of two of the coach's groups has two threads.
// Read as: from c join groups join m join users join attempts on awaitingAttempt where awaitingWhere.
const awaitingAttempt = and(
  eq(attempts.userId, m.userId),
  isNotNull(attempts.gradedAt),
  sql`${attempts.gradedAt} >= max(${m.joinedAt}, ${p('since')})`,
);
const awaitingWhere = and(
  coachingNow,
  notExists(
    qb
      .select({ one })
      .from(feedback)
      .where(
        and(
          eq(feedback.attemptId, attempts.id),
          eq(feedback.groupId, c.groupId),
          ne(feedback.authorId, attempts.userId),
        ),
      ),
  ),
);

// Candidate replies (written by the attempt's owner, still a member) newer than this coach's
// own read of the thread. Read as: from c join groups join m join users join feedback on
// memberReply join attempts on replyAttempt left join feedback_reads on coachRead where
// coachUnreadWhere, one row per thread.
const memberReply = and(eq(feedback.groupId, c.groupId), eq(feedback.authorId, m.userId));
const replyAttempt = and(eq(attempts.id, feedback.attemptId), eq(attempts.userId, m.userId));
const coachRead = and(
  eq(feedbackReads.userId, c.userId),
  eq(feedbackReads.attemptId, feedback.attemptId),
  eq(feedbackReads.groupId, feedback.groupId),
);
const unreadSince = gt(feedback.createdAt, sql`coalesce(${feedbackReads.readAt}, -1)`);
const coachUnreadWhere = and(coachingNow, unreadSince);

// Messages by anyone but the candidate on the candidate's attempts, newer than their own read.
// Read as: from attempts join feedback join groups left join feedback_reads on ownRead where
// ownUnreadWhere, one row per thread.
const ownRead = and(
  eq(feedbackReads.userId, attempts.userId),
  eq(feedbackReads.attemptId, feedback.attemptId),
  eq(feedbackReads.groupId, feedback.groupId),
);
const ownUnreadWhere = and(eq(attempts.userId, p('userId')), ne(feedback.authorId, attempts.userId), unreadSince);

export function createCoachingRepository({ db }: { db: Db }) {
  // `group_id is ?`: null-safe, so the rows from before threads had groups are one thread too.
  const inThread = and(eq(feedback.attemptId, p('attemptId')), sql`${feedback.groupId} is ${p('groupId')}`) as SQL;
  const threadStmt = db
    .select({
      id: feedback.id,
      authorId: feedback.authorId,
      username: users.username,
      body: feedback.body,
      bodyHtml: feedback.bodyHtml,
      createdAt: feedback.createdAt,
    })
    .from(feedback)
    .innerJoin(users, eq(users.id, feedback.authorId))
    .where(inThread)
    .orderBy(asc(feedback.id))
    .limit(p('limit'))
    .offset(p('offset'))
    .prepare();
  const threadCountStmt = db.select({ n: count() }).from(feedback).where(inThread).prepare();
  const threadsOfStmt = db
    .select({ groupId: feedback.groupId, groupName: groups.name, messages: count(), latest })
    .from(feedback)
    .leftJoin(groups, eq(groups.id, feedback.groupId))
    .where(eq(feedback.attemptId, p('attemptId')))
    .groupBy(feedback.groupId)
    .prepare();
  const storeHtmlStmt = db
    .update(feedback)
    .set({ bodyHtml: sql`${p('html')}` })
    .where(and(eq(feedback.id, p('id')), isNull(feedback.bodyHtml)))
    .prepare();
  const authorWindowStmt = db
    .select({ n: count(), oldest: sql<number | null>`min(${feedback.createdAt})` })
    .from(feedback)
    .where(and(eq(feedback.authorId, p('authorId')), gt(feedback.createdAt, p('since'))))
    .prepare();
  const markReadStmt = db
    .insert(feedbackReads)
    .values({ userId: p('userId'), attemptId: p('attemptId'), groupId: p('groupId'), readAt: p('now') })
    .onConflictDoUpdate(upsertRead)
    .prepare();
  // The group's own id stands for the thread's: the inner join on groups makes it the same, never null.
  const ownUnreadStmt = db
    .select({
      attemptId: feedback.attemptId,
      groupId: groups.id,
      groupName: groups.name,
      questionId: attempts.questionId,
      count: count(),
      latest,
    })
    .from(attempts)
    .innerJoin(feedback, eq(feedback.attemptId, attempts.id))
    .innerJoin(groups, eq(groups.id, feedback.groupId))
    .leftJoin(feedbackReads, ownRead)
    .where(ownUnreadWhere)
    .groupBy(feedback.attemptId, feedback.groupId)
    .orderBy(desc(latest))
    .limit(fixedLimit(50))
    .prepare();
  const markOwnAllStmt = db
    .insert(feedbackReads)
    .select(
      qb
        .select({
          userId: attempts.userId,
          attemptId: feedback.attemptId,
          groupId: groups.id,
          readAt: sql<number>`${p('now')}`.as('read_at'),
        })
        .from(attempts)
        .innerJoin(feedback, eq(feedback.attemptId, attempts.id))
        .innerJoin(groups, eq(groups.id, feedback.groupId))
        .leftJoin(feedbackReads, ownRead)
        .where(ownUnreadWhere)
        .groupBy(feedback.attemptId, feedback.groupId),
    )
    .onConflictDoUpdate(upsertRead)
    .prepare();
  const awaitingStmt = db
    .select({
      attemptId: attempts.id,
      groupId: c.groupId,
      groupName: groups.name,
      memberId: m.userId,
      username: users.username,
      questionId: attempts.questionId,
      track: attempts.track,
      outcome: attempts.outcome,
      finalGrade: attempts.finalGrade,
      submittedAt: attempts.submittedAt,
    })
    .from(c)
    .innerJoin(groups, eq(groups.id, c.groupId))
    .innerJoin(m, currentMember)
    .innerJoin(users, eq(users.id, m.userId))
    .innerJoin(attempts, awaitingAttempt)
    .where(awaitingWhere)
    .orderBy(desc(attempts.submittedAt), desc(attempts.id))
    .limit(p('limit'))
    .offset(p('offset'))
    .prepare();
  const awaitingCountStmt = db
    .select({ n: count() })
    .from(c)
    .innerJoin(groups, eq(groups.id, c.groupId))
    .innerJoin(m, currentMember)
    .innerJoin(users, eq(users.id, m.userId))
    .innerJoin(attempts, awaitingAttempt)
    .where(awaitingWhere)
    .prepare();
  const coachUnreadStmt = db
    .select({
      attemptId: feedback.attemptId,
      groupId: groups.id,
      groupName: groups.name,
      memberId: m.userId,
      username: users.username,
      questionId: attempts.questionId,
      count: count(),
      latest,
    })
    .from(c)
    .innerJoin(groups, eq(groups.id, c.groupId))
    .innerJoin(m, currentMember)
    .innerJoin(users, eq(users.id, m.userId))
    .innerJoin(feedback, memberReply)
    .innerJoin(attempts, replyAttempt)
    .leftJoin(feedbackReads, coachRead)
    .where(coachUnreadWhere)
    .groupBy(feedback.attemptId, feedback.groupId)
    .orderBy(desc(latest))
    .limit(p('limit'))
    .prepare();
  const coachUnreadCountStmt = db
    .select({ n: count() })
    .from(
      qb
        .select({ one })
        .from(c)
        .innerJoin(groups, eq(groups.id, c.groupId))
        .innerJoin(m, currentMember)
        .innerJoin(users, eq(users.id, m.userId))
        .innerJoin(feedback, memberReply)
        .innerJoin(attempts, replyAttempt)
        .leftJoin(feedbackReads, coachRead)
        .where(coachUnreadWhere)
        .groupBy(feedback.attemptId, feedback.groupId)
        .as('threads'),
    )
    .prepare();
  const markCoachAllStmt = db
    .insert(feedbackReads)
    .select(
      qb
        .select({
          userId: c.userId,
          attemptId: feedback.attemptId,
          groupId: groups.id,
          readAt: sql<number>`${p('now')}`.as('read_at'),
        })
        .from(c)
        .innerJoin(groups, eq(groups.id, c.groupId))
        .innerJoin(m, currentMember)
        .innerJoin(users, eq(users.id, m.userId))
        .innerJoin(feedback, memberReply)
        .innerJoin(attempts, replyAttempt)
        .leftJoin(feedbackReads, coachRead)
        .where(coachUnreadWhere)
        .groupBy(feedback.attemptId, feedback.groupId),
    )
    .onConflictDoUpdate(upsertRead)
    .prepare();
  const coachesAnyStmt = db
    .select({ one })
    .from(groupMembers)
    .where(and(eq(groupMembers.userId, p('userId')), eq(groupMembers.role, 'coach'), isNull(groupMembers.leftAt)))
    .limit(fixedLimit(1))
    .prepare();
  const makeDueStmt = db
    .update(cards)
    .set({ due: sql`${p('now')}` })
    .where(eq(cards.id, p('cardId')))
    .prepare();
  const coach = alias(users, 'coach');
  const retriesStmt = db
    .select({
      id: retryRequests.id,
      groupId: retryRequests.groupId,
      coach: coach.username,
      questionId: retryRequests.questionId,
      note: retryRequests.note,
      createdAt: retryRequests.createdAt,
    })
    .from(retryRequests)
    .innerJoin(coach, eq(coach.id, retryRequests.coachId))
    .where(
      and(
        eq(retryRequests.memberId, p('memberId')),
        sql`(${p('groupId')} is null or ${retryRequests.groupId} = ${p('groupId')})`,
      ),
    )
    .orderBy(desc(retryRequests.createdAt), desc(retryRequests.id))
    .limit(fixedLimit(50))
    .prepare();
  // A retry is answered once the member grades an attempt at that question after it was asked.
  const answered = qb
    .select({ one })
    .from(attempts)
    .where(
      and(
        eq(attempts.userId, retryRequests.memberId),
        eq(attempts.questionId, retryRequests.questionId),
        isNotNull(attempts.gradedAt),
        gte(attempts.gradedAt, retryRequests.createdAt),
      ),
    );
  const pendingRetriesStmt = db
    .select({
      id: retryRequests.id,
      groupId: retryRequests.groupId,
      groupName: groups.name,
      coach: coach.username,
      questionId: retryRequests.questionId,
      note: retryRequests.note,
      createdAt: retryRequests.createdAt,
    })
    .from(retryRequests)
    .innerJoin(coach, eq(coach.id, retryRequests.coachId))
    .innerJoin(groups, eq(groups.id, retryRequests.groupId))
    .where(
      and(
        eq(retryRequests.memberId, p('memberId')),
        sql`(${p('questionId')} is null or ${retryRequests.questionId} = ${p('questionId')})`,
        notExists(answered),
      ),
    )
    .orderBy(desc(retryRequests.createdAt), desc(retryRequests.id))
    .limit(fixedLimit(20))
    .prepare();

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
    }) {
      return threadStmt.all({ attemptId, groupId, limit, offset });
    },

    threadCount({ attemptId, groupId }: { attemptId: number; groupId: number | null }): number {
      return threadCountStmt.get({ attemptId, groupId })?.n ?? 0;
    },

    /** Every thread that has messages on this attempt. */
    threadsOf(attemptId: number) {
      return threadsOfStmt.all({ attemptId });
    },

    storeHtml({ id, html }: { id: number; html: string }) {
      storeHtmlStmt.run({ id, html });
    },

    /** Messages this author wrote after `since`, and when the oldest of them was written. */
    authoredSince({ authorId, since }: { authorId: number; since: number }): { n: number; oldest: number | null } {
      return authorWindowStmt.get({ authorId, since }) ?? { n: 0, oldest: null };
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
      markReadStmt.run({ userId, attemptId, groupId, now });
    },

    unreadForCandidate(userId: number) {
      return ownUnreadStmt.all({ userId });
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
    }) {
      return awaitingStmt.all({ since, coachId, limit, offset });
    },

    awaitingCount({ coachId, since }: { coachId: number; since: number }): number {
      return awaitingCountStmt.get({ since, coachId })?.n ?? 0;
    },

    unreadForCoach({ coachId, limit }: { coachId: number; limit: number }) {
      return coachUnreadStmt.all({ coachId, limit });
    },

    unreadCountForCoach(coachId: number): number {
      return coachUnreadCountStmt.get({ coachId })?.n ?? 0;
    },

    markAllReadForCoach({ coachId, now }: { coachId: number; now: number }): number {
      return markCoachAllStmt.run({ now, coachId }).changes;
    },

    coachesAnyGroup(userId: number): boolean {
      return coachesAnyStmt.get({ userId }) !== undefined;
    },

    findCard({ userId, questionId }: { userId: number; questionId: string }): CardRow | undefined {
      return db
        .select()
        .from(cards)
        .where(and(eq(cards.userId, userId), eq(cards.questionId, questionId)))
        .get();
    },

    makeDue({ cardId, now }: { cardId: number; now: number }) {
      makeDueStmt.run({ now, cardId });
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

    retriesFor({ memberId, groupId }: { memberId: number; groupId?: number }) {
      return retriesStmt.all({ memberId, groupId: groupId ?? null });
    },

    /** Retries asked of this member that they have not answered yet (optionally for one question). */
    pendingRetries({ memberId, questionId }: { memberId: number; questionId?: string }) {
      return pendingRetriesStmt.all({ memberId, questionId: questionId ?? null });
    },

    transaction<T>(fn: () => T): T {
      return db.transaction(() => fn(), { behavior: 'immediate' });
    },
  };
}
export type CoachingRepository = ReturnType<typeof createCoachingRepository>;
export type FeedbackItem = ReturnType<CoachingRepository['threadPage']>[number];
