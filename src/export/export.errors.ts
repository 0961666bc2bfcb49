import { NotFoundError, ValidationError } from '../shared/errors.js';

/** A filter, `include` or `bom` the export cannot take; each detail is `parameter: problem`. */
export class ExportQueryError extends ValidationError {
  constructor(details: string[]) {
    super(details, { code: 'export.bad_query', message: 'That export cannot be made with these options.' });
  }
}

/**
 * `member=` names someone who is not a current member of the group: said so, instead of an
 * empty file that reads as "no attempts" (a former member's attempts are no longer shared).
 */
export class ExportMemberNotFoundError extends NotFoundError {
  constructor() {
    super('member', {
      code: 'export.member_not_found',
      message: 'That member is not in this group (a former member’s attempts are no longer shared).',
    });
  }
}
