import { NotFoundError } from '../shared/errors.js';

/** Stats for a user id that does not exist (the routes check who may see whose stats first). */
export class StatsUserNotFoundError extends NotFoundError {
  constructor() {
    super('user', { code: 'stats.user_not_found' });
  }
}
