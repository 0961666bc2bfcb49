import { AppError } from '../shared/errors.js';

export const createMockAlreadyRunningError = (mockId: number) =>
  new AppError({
    code: 'mocks.already_running',
    message: `You already have a mock interview running (mock ${mockId}). Finish it before starting another.`,
    statusCode: 409,
  });

export const createMockNotRunningError = () =>
  new AppError({
    code: 'mocks.not_running',
    message: 'This mock interview is not running: it has finished, or has not started yet.',
    statusCode: 409,
  });

export const createMockNotFinishedError = () =>
  new AppError({
    code: 'mocks.not_finished',
    message: 'The scorecard opens when the mock interview ends.',
    statusCode: 409,
  });

export const createNoMockQuestionsError = (format: string) =>
  new AppError({
    code: 'mocks.no_questions',
    message: `There are not enough questions you have not answered in the last 7 days for a ${format} round.`,
    statusCode: 409,
  });
