import { and, asc, desc, eq, gte, isNotNull, isNull, lte, type SQLWrapper, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/database.js';
import { attempts, cards, groupMembers, groups, questions, users } from '../db/schema.js';
import type { Track } from '../shared/validation.js';

export type GroupRow = typeof groups.$inferSelect;
export type MembershipRow = typeof groupMembers.$inferSelect;
export type Role = MembershipRow['role'];

const p = sql.placeholder;

export function createGroupsRepository({ db }: { db: Db }) {
  const activeRoleStmt = db
    .select({ role: groupMembers.role })
    .from(groupMembers)
    .where(
      and(eq(groupMembers.groupId, p('groupId')), eq(groupMembers.userId, p('userId')), isNull(groupMembers.leftAt)),
    )
    .prepare();
  const membersStmt = db
    .select({
      userId: groupMembers.userId,
      username: users.username,
      timeZone: users.timeZone,
      dayStartHour: users.dayStartHour,
      role: groupMembers.role,
      joinedAt: groupMembers.joinedAt,
    })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(eq(groupMembers.groupId, p('groupId')), isNull(groupMembers.leftAt)))
    .orderBy(asc(groupMembers.role), asc(users.username))
    .prepare();
  const others = alias(groupMembers, 'x');
  const memberCount = db
    .select({ n: sql<number>`count(*)` })
    .from(others)
    .where(and(eq(others.groupId, groups.id), eq(others.role, 'member'), isNull(others.leftAt)));
  const myGroupsStmt = db
    .select({
      id: groups.id,
      name: groups.name,
      role: groupMembers.role,
      members: sql<number>`${memberCount}`,
    })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(and(eq(groupMembers.userId, p('userId')), isNull(groupMembers.leftAt)))
    .orderBy(asc(groups.name), asc(groups.id))
    .prepare();
  const gradedOf = (userId: SQLWrapper) => and(eq(attempts.userId, userId), isNotNull(attempts.gradedAt));
  // Streaks look at the whole history (as on the member's stats page): distinct days only.
  const activeDaysStmt = db
    .selectDistinct({ track: attempts.track, localDay: attempts.localDay })
    .from(attempts)
    .where(and(gradedOf(p('userId')), isNotNull(attempts.localDay)))
    .prepare();
  const lastDayStmt = db
    .select({ day: sql<string | null>`max(${attempts.localDay})` })
    .from(attempts)
    .where(gradedOf(p('userId')))
    .prepare();
  const dueStmt = db
    .select({ track: cards.track, n: sql<number>`count(*)` })
    .from(cards)
    .innerJoin(questions, eq(questions.id, cards.questionId))
    .where(and(eq(cards.userId, p('userId')), lte(cards.due, p('now')), isNull(questions.retiredAt)))
    .groupBy(cards.track)
    .prepare();
  const windowStmt = db
    .select({
      attempts: sql<number>`count(*)`,
      solved: sql<number>`coalesce(sum(${attempts.outcome} = 'solved'), 0)`,
    })
    .from(attempts)
    .where(and(gradedOf(p('userId')), gte(attempts.localDay, p('since'))))
    .prepare();
  const failures = sql<number>`count(*)`;
  const leechStmt = db
    .select({ questionId: attempts.questionId, failures })
    .from(attempts)
    .where(and(gradedOf(p('userId')), eq(attempts.outcome, 'failed')))
    .groupBy(attempts.questionId)
    .having(sql`${failures} >= ${p('threshold')}`)
    .orderBy(desc(failures), asc(attempts.questionId))
    .prepare();

  return {
    create({
      name,
      inviteCode,
      userId,
      now,
    }: {
      name: string;
      inviteCode: string;
      userId: number;
      now: number;
    }): GroupRow {
      return db.transaction(
        (tx) => {
          const group = tx
            .insert(groups)
            .values({ name, inviteCode, createdBy: userId, createdAt: now })
            .returning()
            .get();
          tx.insert(groupMembers).values({ groupId: group.id, userId, role: 'coach', joinedAt: now }).run();
          return group;
        },
        { behavior: 'immediate' },
      );
    },

    find(groupId: number): GroupRow | undefined {
      return db.select().from(groups).where(eq(groups.id, groupId)).get();
    },

    findByInviteCode(inviteCode: string): GroupRow | undefined {
      return db.select().from(groups).where(eq(groups.inviteCode, inviteCode)).get();
    },

    /** The user's role in the group, only while they are in it. */
    activeRole({ groupId, userId }: { groupId: number; userId: number }): Role | undefined {
      return activeRoleStmt.get({ groupId, userId })?.role;
    },

    membership({ groupId, userId }: { groupId: number; userId: number }): MembershipRow | undefined {
      return db
        .select()
        .from(groupMembers)
        .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
        .get();
    },

    /** Joining again after leaving reuses the row: the primary key is (group, user). */
    join({ groupId, userId, now }: { groupId: number; userId: number; now: number }) {
      db.insert(groupMembers)
        .values({ groupId, userId, role: 'member', joinedAt: now })
        .onConflictDoUpdate({
          target: [groupMembers.groupId, groupMembers.userId],
          set: { role: 'member', joinedAt: now, leftAt: null },
        })
        .run();
    },

    leave({ groupId, userId, now }: { groupId: number; userId: number; now: number }): number {
      return db
        .update(groupMembers)
        .set({ leftAt: now })
        .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId), isNull(groupMembers.leftAt)))
        .run().changes;
    },

    setRole({ groupId, userId, role }: { groupId: number; userId: number; role: Role }): number {
      return db
        .update(groupMembers)
        .set({ role })
        .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId), isNull(groupMembers.leftAt)))
        .run().changes;
    },

    rotateInviteCode({ groupId, inviteCode }: { groupId: number; inviteCode: string }) {
      db.update(groups).set({ inviteCode }).where(eq(groups.id, groupId)).run();
    },

    setLeechThreshold({ groupId, leechThreshold }: { groupId: number; leechThreshold: number }) {
      db.update(groups).set({ leechThreshold }).where(eq(groups.id, groupId)).run();
    },

    activeMembers(groupId: number) {
      return membersStmt.all({ groupId });
    },

    groupsOf(userId: number) {
      return myGroupsStmt.all({ userId });
    },

    /** Each (track, local day) with a graded attempt, for streaks. */
    activeDays({ userId }: { userId: number }): { track: Track; localDay: string }[] {
      // Graded attempts always have their local day.
      return activeDaysStmt
        .all({ userId })
        .flatMap((r) => (r.localDay === null ? [] : [{ track: r.track, localDay: r.localDay }]));
    },

    lastDrillDay(userId: number): string | null {
      return lastDayStmt.get({ userId })?.day ?? null;
    },

    dueByTrack({ userId, now }: { userId: number; now: number }): Record<string, number> {
      return Object.fromEntries(dueStmt.all({ userId, now }).map((r) => [r.track, r.n]));
    },

    window({ userId, since }: { userId: number; since: string }): { attempts: number; solved: number } {
      return windowStmt.get({ userId, since }) ?? { attempts: 0, solved: 0 };
    },

    leeches({ userId, threshold }: { userId: number; threshold: number }) {
      return leechStmt.all({ userId, threshold });
    },

    transaction<T>(fn: () => T): T {
      return db.transaction(() => fn(), { behavior: 'immediate' });
    },
  };
}
export type GroupsRepository = ReturnType<typeof createGroupsRepository>;
export type MemberStatsRow = ReturnType<GroupsRepository['activeMembers']>[number];
