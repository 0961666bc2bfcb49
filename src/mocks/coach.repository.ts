import { and, asc, eq, isNull, max, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/database.js';
import { groupMembers, groups, type MockFormat, mockEvents, mocks, users } from '../db/schema.js';

export type SharedGroup = { id: number; name: string };

/**
 * SQL for the coach's side of mocks that is not about the mock rows themselves (those are in
 * mocks.repository.ts): which groups let a coach see a candidate, and what waits on Today.
 */
export function createMockCoachRepository({ db }: { db: Db }) {
  const p = sql.placeholder;
  const coach = alias(groupMembers, 'coach');
  const member = alias(groupMembers, 'member');
  // Joining a group is the candidate's consent to share with its coaches (the join page says that
  // includes watching mocks live): both memberships must be current, in those roles.
  const sharedGroupsStmt = db
    .select({ id: groups.id, name: groups.name })
    .from(coach)
    .innerJoin(member, eq(member.groupId, coach.groupId))
    .innerJoin(groups, eq(groups.id, coach.groupId))
    .where(
      and(
        eq(coach.userId, p('coachId')),
        eq(coach.role, 'coach'),
        isNull(coach.leftAt),
        eq(member.userId, p('memberId')),
        eq(member.role, 'member'),
        isNull(member.leftAt),
      ),
    )
    .orderBy(asc(groups.name), asc(groups.id))
    .prepare();
  const scheduledStmt = db
    .select({ id: mocks.id, format: mocks.format, coach: users.username })
    .from(mocks)
    .leftJoin(users, eq(users.id, mocks.scheduledBy))
    .where(and(eq(mocks.userId, p('userId')), eq(mocks.status, 'scheduled')))
    .orderBy(asc(mocks.createdAt), asc(mocks.id))
    .prepare();
  const lastEventStmt = db
    .select({ id: max(mockEvents.id) })
    .from(mockEvents)
    .where(eq(mockEvents.mockId, p('mockId')))
    .prepare();
  const usernameStmt = db
    .select({ username: users.username })
    .from(users)
    .where(eq(users.id, p('id')))
    .prepare();

  return {
    /** The groups through which this coach may see this candidate (empty: none). */
    sharedGroups({ coachId, memberId }: { coachId: number; memberId: number }): SharedGroup[] {
      return sharedGroupsStmt.all({ coachId, memberId });
    },

    /** Mocks coaches scheduled for this candidate that wait to be started. */
    scheduledFor(userId: number): { id: number; format: MockFormat; coach: string | null }[] {
      return scheduledStmt.all({ userId });
    },

    /** The newest event id of a mock (0 if none): the live hub's ring starts after it. */
    lastEventId(mockId: number): number {
      return lastEventStmt.get({ mockId })?.id ?? 0;
    },

    username(userId: number): string | undefined {
      return usernameStmt.get({ id: userId })?.username;
    },
  };
}

export type MockCoachRepository = ReturnType<typeof createMockCoachRepository>;
