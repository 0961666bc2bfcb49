import crypto from 'node:crypto';
import { z } from 'zod';
import type { Catalog } from '../questions/catalog.js';
import type { SettingsRepository } from '../settings/settings.repository.js';
import type { Clock } from '../shared/clock.js';
import { type DayOptions, localDay, shiftDay } from '../shared/days.js';
import { memberStreaks } from '../stats/streaks.js';
import {
  CoachCannotJoinError,
  GroupMemberNotFoundError,
  GroupNotFoundError,
  InviteCodeNotFoundError,
  LastCoachLeavingError,
} from './groups.errors.js';
import type { GroupRow, GroupsRepository, Role } from './groups.repository.js';

export type GroupUser = { id: number; username: string } & DayOptions;

export const groupNameSchema = z.object({
  name: z
    .string({ message: 'give the group a name' })
    .trim()
    .min(1, 'give the group a name')
    .max(80, 'a group name can be at most 80 characters'),
});
export const inviteCodeSchema = z.object({
  code: z
    .string({ message: 'enter the invite code' })
    .trim()
    .min(1, 'enter the invite code')
    .max(64, 'that is not an invite code')
    .regex(/^[A-Za-z0-9_-]+$/, 'that is not an invite code'),
});
export const leechThresholdSchema = z.object({
  leechThreshold: z.coerce
    .number({ message: 'the leech threshold must be a number' })
    .int('the leech threshold must be a whole number')
    .min(2, 'the leech threshold must be 2 to 100')
    .max(100, 'the leech threshold must be 2 to 100'),
});

const newInviteCode = () => crypto.randomBytes(9).toString('base64url');

export function createGroupsService({
  groupsRepository,
  settingsRepository,
  catalog,
  clock,
}: {
  groupsRepository: GroupsRepository;
  /** For each member's drill days: a streak skips the days they do not drill, as on their stats page. */
  settingsRepository: Pick<SettingsRepository, 'getPreset'>;
  catalog: Catalog;
  clock: Clock;
}) {
  /**
   * The group, if the user is in it now with one of these roles. Everyone else, including a
   * former member and a stranger guessing ids, gets the same 404 as for a group that does not exist.
   */
  function requireRole({ user, groupId, roles }: { user: { id: number }; groupId: number; roles: readonly Role[] }): {
    group: GroupRow;
    role: Role;
  } {
    const role = groupsRepository.activeRole({ groupId, userId: user.id });
    const group = role && roles.includes(role) ? groupsRepository.find(groupId) : undefined;
    if (!group || !role) throw new GroupNotFoundError();
    return { group, role };
  }

  // Pages ask on every render whether the user coaches a group (the nav's "Coach" link) and keep
  // the answer; every change of a membership tells them to forget it.
  const membershipListeners = new Set<(userId: number) => void>();
  const membershipChanged = (userId: number) => {
    for (const listener of membershipListeners) listener(userId);
  };

  return {
    requireRole,

    /** A coach may read a member's attempts only while both are in the group, in those roles. */
    /** Whether the user is a current member (not a coach) of the group; no role check of the caller. */
    isActiveMember({ groupId, userId }: { groupId: number; userId: number }): boolean {
      return groupsRepository.activeRole({ groupId, userId }) === 'member';
    },

    requireCoachOfMember({ user, groupId, memberId }: { user: { id: number }; groupId: number; memberId: number }) {
      const { group } = requireRole({ user, groupId, roles: ['coach'] });
      if (groupsRepository.activeRole({ groupId, userId: memberId }) !== 'member') throw new GroupMemberNotFoundError();
      return { group };
    },

    onMembershipChange(listener: (userId: number) => void) {
      membershipListeners.add(listener);
    },

    create({ user, name }: { user: GroupUser; name: string }) {
      const group = groupsRepository.create({
        name,
        inviteCode: newInviteCode(),
        userId: user.id,
        now: clock.now().getTime(),
      });
      membershipChanged(user.id);
      return { group };
    },

    myGroups({ user }: { user: GroupUser }) {
      return groupsRepository.groupsOf(user.id);
    },

    /** What the join page shows before consent: the group's name and who will see the attempts. */
    preview({ user, code }: { user: GroupUser; code: string }) {
      const group = groupsRepository.findByInviteCode(code);
      if (!group) throw new InviteCodeNotFoundError();
      const coaches = groupsRepository
        .activeMembers(group.id)
        .filter((m) => m.role === 'coach')
        .map((m) => m.username);
      return { group, coaches, role: groupsRepository.activeRole({ groupId: group.id, userId: user.id }) ?? null };
    },

    join({ user, code }: { user: GroupUser; code: string }) {
      return groupsRepository.transaction(() => {
        const group = groupsRepository.findByInviteCode(code);
        if (!group) throw new InviteCodeNotFoundError();
        const role = groupsRepository.activeRole({ groupId: group.id, userId: user.id });
        if (role === 'coach') throw new CoachCannotJoinError();
        if (!role) {
          groupsRepository.join({ groupId: group.id, userId: user.id, now: clock.now().getTime() });
          membershipChanged(user.id);
        }
        return { group, alreadyMember: role === 'member' };
      });
    },

    leave({ user, groupId }: { user: GroupUser; groupId: number }) {
      return groupsRepository.transaction(() => {
        const { group, role } = requireRole({ user, groupId, roles: ['coach', 'member'] });
        if (role === 'coach') {
          const members = groupsRepository.activeMembers(groupId);
          const coaches = members.filter((m) => m.role === 'coach').length;
          if (coaches === 1 && members.length > 1) throw new LastCoachLeavingError();
        }
        groupsRepository.leave({ groupId, userId: user.id, now: clock.now().getTime() });
        membershipChanged(user.id);
        return { group };
      });
    },

    /** A current member (not a coach) of a group the user coaches, for the confirmation pages. */
    memberOf({ user, groupId, memberId }: { user: GroupUser; groupId: number; memberId: number }) {
      const { group } = requireRole({ user, groupId, roles: ['coach'] });
      const member = groupsRepository.activeMembers(groupId).find((m) => m.userId === memberId && m.role === 'member');
      if (!member) throw new GroupMemberNotFoundError();
      return { group, member };
    },

    removeMember({ user, groupId, memberId }: { user: GroupUser; groupId: number; memberId: number }) {
      return groupsRepository.transaction(() => {
        requireRole({ user, groupId, roles: ['coach'] });
        if (groupsRepository.activeRole({ groupId, userId: memberId }) !== 'member')
          throw new GroupMemberNotFoundError();
        groupsRepository.leave({ groupId, userId: memberId, now: clock.now().getTime() });
        membershipChanged(memberId);
      });
    },

    promote({ user, groupId, memberId }: { user: GroupUser; groupId: number; memberId: number }) {
      return groupsRepository.transaction(() => {
        requireRole({ user, groupId, roles: ['coach'] });
        if (groupsRepository.activeRole({ groupId, userId: memberId }) !== 'member')
          throw new GroupMemberNotFoundError();
        groupsRepository.setRole({ groupId, userId: memberId, role: 'coach' });
        membershipChanged(memberId);
      });
    },

    rotateInviteCode({ user, groupId }: { user: GroupUser; groupId: number }) {
      requireRole({ user, groupId, roles: ['coach'] });
      const inviteCode = newInviteCode();
      groupsRepository.rotateInviteCode({ groupId, inviteCode });
      return { inviteCode };
    },

    setLeechThreshold({ user, groupId, leechThreshold }: { user: GroupUser; groupId: number; leechThreshold: number }) {
      requireRole({ user, groupId, roles: ['coach'] });
      groupsRepository.setLeechThreshold({ groupId, leechThreshold });
    },

    /** The coach's group page: one line per current member, each counted in that member's own days. */
    overview({ user, groupId }: { user: GroupUser; groupId: number }) {
      const { group, role } = requireRole({ user, groupId, roles: ['coach', 'member'] });
      const everyone = groupsRepository.activeMembers(groupId);
      const coaches = everyone.filter((m) => m.role === 'coach');
      if (role !== 'coach') return { group, role, coaches, members: [] };
      const now = clock.now();
      const members = everyone
        .filter((m) => m.role === 'member')
        .map((m) => {
          const today = localDay(now, m);
          const streaks = memberStreaks({
            now,
            day: m,
            activeDays: groupsRepository.activeDays({ userId: m.userId }),
            drillDays: {
              scripting: settingsRepository.getPreset({ userId: m.userId, track: 'scripting' }).drillDays,
              algorithm: settingsRepository.getPreset({ userId: m.userId, track: 'algorithm' }).drillDays,
            },
          });
          const last7 = groupsRepository.window({ userId: m.userId, since: shiftDay(today, -6) });
          const last30 = groupsRepository.window({ userId: m.userId, since: shiftDay(today, -29) });
          const due = groupsRepository.dueByTrack({ userId: m.userId, now: now.getTime() });
          return {
            ...m,
            lastDrillDay: groupsRepository.lastDrillDay(m.userId),
            streak: streaks.overall.current,
            dueScripting: due.scripting ?? 0,
            dueAlgorithm: due.algorithm ?? 0,
            last7,
            last30,
            leeches: groupsRepository
              .leeches({ userId: m.userId, threshold: group.leechThreshold })
              .map((l) => ({ ...l, title: catalog.get(l.questionId)?.title ?? l.questionId })),
          };
        });
      return { group, role, coaches, members };
    },
  };
}
export type GroupsService = ReturnType<typeof createGroupsService>;
