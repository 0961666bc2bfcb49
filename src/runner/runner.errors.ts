import { AppError } from '../shared/errors.js';

export const createRunnerBusyError = (retryAfterSeconds: number) =>
  new AppError({
    code: 'runner.busy',
    message: `The code runner is busy. Try again in ${retryAfterSeconds} s; your code is kept.`,
    statusCode: 503,
    retryAfterSeconds,
  });

export const createRunnerRateLimitedError = (retryAfterSeconds: number) =>
  new AppError({
    code: 'runner.rate_limited',
    message: `That is a lot of runs in a short time. Try again in ${retryAfterSeconds} s; your code is kept.`,
    statusCode: 429,
    retryAfterSeconds,
  });

export const createRunnerInProgressError = () =>
  new AppError({
    code: 'runner.in_progress',
    message: 'Your previous run is still going. Wait for its results, then run again; your code is kept.',
    statusCode: 429,
    retryAfterSeconds: 2,
  });

export const createRunnerUnavailableError = () =>
  new AppError({
    code: 'runner.unavailable',
    message: 'Running code is unavailable on this server; mark your outcome yourself.',
    statusCode: 503,
  });

export const createRunnerFailedError = () =>
  new AppError({
    code: 'runner.failed',
    message: 'The code runner failed on our side. Your code is saved; try again in a moment.',
    statusCode: 500,
    isInternal: true,
  });
