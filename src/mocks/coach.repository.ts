import type { Db } from '../db/database.js';

export type SharedGroup = { id: number; name: string };

/**
 * SQL for the coach's side of mocks that is not about the mock rows themselves (those are in
 * mocks.repository.ts): which groups let a coach see a candidate.
 */
export function createMockCoachRepository({ db }: { db: Db }) {
  const c = db.$client;
  // Joining a group is the candidate's consent to share with its coaches (the join page says that
  // includes watching mocks live): both memberships must be current, in those roles.
  const sharedGroupsStmt = c.prepare(
    `select g.id, g.name
       from group_members coach
       join group_members member on member.group_id = coach.group_id
       join groups g on g.id = coach.group_id
      where coach.user_id = ? and coach.role = 'coach' and coach.left_at is null
        and member.user_id = ? and member.role = 'member' and member.left_at is null
      order by g.name, g.id`,
  );
  const usernameStmt = c.prepare('select username from users where id = ?');
  const scheduledStmt = c.prepare(
    `select m.id, m.format, u.username as coach
       from mocks m left join users u on u.id = m.scheduled_by
      where m.user_id = ? and m.status = 'scheduled' order by m.created_at, m.id`,
  );
  const lastEventStmt = c.prepare('select coalesce(max(id), 0) as id from mock_events where mock_id = ?');

  return {
    /** The groups through which this coach may see this candidate (empty: none). */
    sharedGroups({ coachId, memberId }: { coachId: number; memberId: number }): SharedGroup[] {
      return sharedGroupsStmt.all(coachId, memberId) as SharedGroup[];
    },

    /** The newest event id of a mock (0 if none): the live hub's ring starts after it. */
    lastEventId(mockId: number): number {
      return (lastEventStmt.get(mockId) as { id: number }).id;
    },

    /** Mocks coaches scheduled for this candidate that wait to be started. */
    scheduledFor(userId: number): { id: number; format: 'scripting' | 'algorithm' | 'loop'; coach: string | null }[] {
      return scheduledStmt.all(userId) as {
        id: number;
        format: 'scripting' | 'algorithm' | 'loop';
        coach: string | null;
      }[];
    },

    username(userId: number): string | undefined {
      return (usernameStmt.get(userId) as { username: string } | undefined)?.username;
    },
  };
}

export type MockCoachRepository = ReturnType<typeof createMockCoachRepository>;
