import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { groupMembers, groups } from '../db/schema.js';

export type GroupRow = typeof groups.$inferSelect;
export type Role = 'coach' | 'member';
export type MembershipRow = typeof groupMembers.$inferSelect;

export type MemberStatsRow = {
  userId: number;
  username: string;
  timeZone: string;
  dayStartHour: number;
  role: Role;
  joinedAt: number;
};

export function createGroupsRepository({ db }: { db: Db }) {
  const c = db.$client;
  const activeMembershipStmt = c.prepare(
    `select role from group_members where group_id = ? and user_id = ? and left_at is null`,
  );
  const membersStmt = c.prepare(
    `select gm.user_id as userId, u.username, u.time_zone as timeZone, u.day_start_hour as dayStartHour, gm.role, gm.joined_at as joinedAt
       from group_members gm join users u on u.id = gm.user_id
      where gm.group_id = ? and gm.left_at is null order by gm.role, u.username`,
  );
  const myGroupsStmt = c.prepare(
    `select g.id, g.name, gm.role,
        (select count(*) from group_members x where x.group_id = g.id and x.role = 'member' and x.left_at is null) as members
       from group_members gm join groups g on g.id = gm.group_id
      where gm.user_id = ? and gm.left_at is null order by g.name, g.id`,
  );
  const localDaysStmt = c.prepare(
    `select distinct local_day as day from attempts where user_id = ? and graded_at is not null and local_day >= ? order by local_day desc`,
  );
  const lastDayStmt = c.prepare(
    `select max(local_day) as day from attempts where user_id = ? and graded_at is not null`,
  );
  const dueStmt = c.prepare(
    `select c.track, count(*) as n from cards c join questions q on q.id = c.question_id
      where c.user_id = ? and c.due <= ? and q.retired_at is null group by c.track`,
  );
  const windowStmt = c.prepare(
    `select count(*) as attempts, coalesce(sum(outcome = 'solved'), 0) as solved
       from attempts where user_id = ? and graded_at is not null and local_day >= ?`,
  );
  const leechStmt = c.prepare(
    `select a.question_id as questionId, count(*) as failures from attempts a
      where a.user_id = ? and a.graded_at is not null and a.outcome = 'failed'
      group by a.question_id having count(*) >= ? order by failures desc, a.question_id`,
  );

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
      return (activeMembershipStmt.get(groupId, userId) as { role: Role } | undefined)?.role;
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

    activeMembers(groupId: number): MemberStatsRow[] {
      return membersStmt.all(groupId) as MemberStatsRow[];
    },

    groupsOf(userId: number): { id: number; name: string; role: Role; members: number }[] {
      return myGroupsStmt.all(userId) as { id: number; name: string; role: Role; members: number }[];
    },

    drillDaysSince({ userId, since }: { userId: number; since: string }): string[] {
      return (localDaysStmt.all(userId, since) as { day: string }[]).map((r) => r.day);
    },

    lastDrillDay(userId: number): string | null {
      return (lastDayStmt.get(userId) as { day: string | null }).day;
    },

    dueByTrack({ userId, now }: { userId: number; now: number }): Record<string, number> {
      return Object.fromEntries(
        (dueStmt.all(userId, now) as { track: string; n: number }[]).map((r) => [r.track, r.n]),
      );
    },

    window({ userId, since }: { userId: number; since: string }): { attempts: number; solved: number } {
      return windowStmt.get(userId, since) as { attempts: number; solved: number };
    },

    leeches({ userId, threshold }: { userId: number; threshold: number }): { questionId: string; failures: number }[] {
      return leechStmt.all(userId, threshold) as { questionId: string; failures: number }[];
    },

    transaction<T>(fn: () => T): T {
      return db.transaction(() => fn(), { behavior: 'immediate' });
    },
  };
}
export type GroupsRepository = ReturnType<typeof createGroupsRepository>;
