import { AppError, ConflictError, NotFoundError } from '../shared/errors.js';

/**
 * Feedback that was refused with nothing saved: the reply and feedback forms show the message
 * again with the typed text kept, instead of an error page.
 */
export class FeedbackRefusedError extends AppError {}

export class FeedbackRateLimitedError extends FeedbackRefusedError {
  constructor({ perHour, minutes }: { perHour: number; minutes: number }) {
    super({
      code: 'feedback.rate_limited',
      statusCode: 429,
      message: `You have sent ${perHour} messages in the last hour, the most allowed. Nothing was saved: your text is still in the box. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    });
  }
}

export class ThreadFullError extends FeedbackRefusedError {
  constructor({ limit }: { limit: number }) {
    super({
      code: 'feedback.thread_full',
      statusCode: 409,
      message: `This thread has reached its limit of ${limit} messages. Nothing was saved: your text is still in the box. Carry on under a newer attempt.`,
    });
  }
}

export class AttemptNotGradedError extends FeedbackRefusedError {
  constructor() {
    super({
      code: 'feedback.not_graded',
      statusCode: 409,
      message: 'Finish and grade this attempt before discussing it.',
    });
  }
}

/** An attempt that does not exist, is not graded yet (for a coach), or is not the user's to see. */
export class CoachedAttemptNotFoundError extends NotFoundError {
  constructor() {
    super('attempt', { code: 'coaching.attempt_not_found' });
  }
}

export class ThreadNotFoundError extends NotFoundError {
  constructor() {
    super('thread', { code: 'coaching.thread_not_found' });
  }
}

export class RetryQuestionNotFoundError extends NotFoundError {
  constructor() {
    super("question in this member's history", { code: 'coaching.retry_question_not_found' });
  }
}

export class RetiredQuestionError extends ConflictError {
  constructor() {
    super('That question has been retired from the bank; it cannot come back.', { code: 'coaching.question_retired' });
  }
}
