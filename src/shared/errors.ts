/** One error type for everything a service refuses; the error middleware turns it into a page or JSON. */
export class AppError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly isInternal: boolean;
  readonly details: string[];
  /** Sent as Retry-After (429, 503): when the same request may succeed. */
  readonly retryAfterSeconds: number | undefined;

  constructor({
    code,
    message,
    statusCode,
    isInternal = false,
    details = [],
    retryAfterSeconds,
  }: {
    code: string;
    message: string;
    statusCode: number;
    isInternal?: boolean;
    details?: string[];
    retryAfterSeconds?: number;
  }) {
    super(message);
    this.code = code;
    this.statusCode = statusCode;
    this.isInternal = isInternal;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

// Not-found and forbidden look the same to the client on purpose: a stranger must not learn
// whether someone else's attempt exists.
export const createNotFoundError = (what = 'page') =>
  new AppError({ code: 'not_found', message: `That ${what} does not exist or is not yours.`, statusCode: 404 });

export const createValidationError = (details: string[]) =>
  new AppError({ code: 'validation', message: 'Some fields need fixing.', statusCode: 400, details });

export const createUnauthenticatedError = () =>
  new AppError({ code: 'unauthenticated', message: 'Please log in first.', statusCode: 401 });

export const createCsrfError = () =>
  new AppError({
    code: 'csrf',
    message: 'This form has expired or did not come from opsdrill. Go back, reload the page and try again.',
    statusCode: 403,
  });

export const createConflictError = (message: string) => new AppError({ code: 'conflict', message, statusCode: 409 });
