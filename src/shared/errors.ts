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

type Refinement = { code?: string; message?: string; details?: string[] };

// Not-found and forbidden look the same to the client on purpose: a stranger must not learn
// whether someone else's attempt exists. Features subclass these (`<feature>.errors.ts`), so a
// route tells refusals apart with `instanceof`, never by status code or message text.
export class NotFoundError extends AppError {
  constructor(what = 'page', { code = 'not_found', message }: Refinement = {}) {
    super({ code, message: message ?? `That ${what} does not exist or is not yours.`, statusCode: 404 });
  }
}

export class ValidationError extends AppError {
  constructor(details: string[], { code = 'validation', message = 'Some fields need fixing.' }: Refinement = {}) {
    super({ code, message, statusCode: 400, details });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, { code = 'conflict' }: Refinement = {}) {
    super({ code, message, statusCode: 409 });
  }
}

export class UnauthenticatedError extends AppError {
  constructor() {
    super({ code: 'unauthenticated', message: 'Please log in first.', statusCode: 401 });
  }
}

export class CsrfError extends AppError {
  constructor() {
    super({
      code: 'csrf',
      message: 'This form has expired or did not come from opsdrill. Go back, reload the page and try again.',
      statusCode: 403,
    });
  }
}

export const createNotFoundError = (what = 'page') => new NotFoundError(what);
export const createValidationError = (details: string[]) => new ValidationError(details);
export const createUnauthenticatedError = () => new UnauthenticatedError();
export const createCsrfError = () => new CsrfError();
export const createConflictError = (message: string) => new ConflictError(message);
