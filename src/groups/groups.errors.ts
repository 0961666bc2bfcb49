import { ConflictError, NotFoundError } from '../shared/errors.js';

/** A group the user is not in with the needed role looks exactly like one that does not exist. */
export class GroupNotFoundError extends NotFoundError {
  constructor() {
    super('group', { code: 'groups.not_found' });
  }
}

/** Not a current member (not a coach) of the group. */
export class GroupMemberNotFoundError extends NotFoundError {
  constructor() {
    super('member', { code: 'groups.member_not_found' });
  }
}

export class InviteCodeNotFoundError extends NotFoundError {
  constructor() {
    super('invite code', { code: 'groups.invite_not_found' });
  }
}

export class CoachCannotJoinError extends ConflictError {
  constructor() {
    super('You coach this group; a coach cannot also be a member of it.', { code: 'groups.coach_cannot_join' });
  }
}

export class LastCoachLeavingError extends ConflictError {
  constructor() {
    super('You are the only coach of this group. Make another member a coach, or remove the members, before leaving.', {
      code: 'groups.last_coach',
    });
  }
}
