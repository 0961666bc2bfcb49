import { NotFoundError } from '../shared/errors.js';

/** No question with that id in the bank (a retired one still has its page). */
export class QuestionNotFoundError extends NotFoundError {
  constructor() {
    super('question', { code: 'questions.not_found' });
  }
}
