import type { ErrorRequestHandler, Request } from 'express';
import createHttpError from 'http-errors';
import { AppError } from './errors.js';
import { errorFields, type Logger } from './logger.js';

const HEADINGS: Record<number, string> = {
  400: 'That did not work',
  401: 'Please log in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Already done',
  413: 'Too large',
  429: 'Slow down',
  503: 'Busy',
};

const INTERNAL_MESSAGE = 'Something went wrong on our side. Your saved work is safe; try again in a moment.';

export function wantsJson(req: Request) {
  const accept = req.get('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/**
 * What the client may learn of an error. Services throw AppError; Express's own body parsers throw
 * http-errors (a form over the size limit, a body that is not a form); anything else is a bug,
 * logged with its stack and answered with a message that leaks nothing.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (createHttpError.isHttpError(err) && err.status < 500) {
    if (err.type === 'entity.too.large') {
      return new AppError({
        code: 'too_large',
        message: 'That form is too large (256 KB at most). Nothing was saved.',
        statusCode: 413,
      });
    }
    return new AppError({ code: 'bad_request', message: 'The request could not be read.', statusCode: err.status });
  }
  return new AppError({ code: 'internal', message: INTERNAL_MESSAGE, statusCode: 500, isInternal: true });
}

/** The one error handler, registered after every route: a page, JSON, or a redirect to log in. */
export function errorMiddleware({ logger }: { logger: Logger }): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const error = toAppError(err);
    if (error.isInternal) {
      logger.error('request failed', { method: req.method, path: req.path, ...errorFields(err) });
    }
    if (res.headersSent) return;
    if (error.statusCode === 401 && req.method === 'GET' && !wantsJson(req)) {
      return res.redirect(`/login?next=${encodeURIComponent(req.originalUrl.slice(0, 300))}`);
    }
    const message = error.isInternal ? INTERNAL_MESSAGE : error.message;
    res.status(error.statusCode);
    if (error.retryAfterSeconds !== undefined) res.set('Retry-After', String(error.retryAfterSeconds));
    if (wantsJson(req)) {
      return res.json({
        error: {
          code: error.code,
          message,
          details: error.details,
          ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
        },
      });
    }
    res.render(
      'errors/error',
      { heading: HEADINGS[error.statusCode] ?? 'Something went wrong', message, details: error.details },
      (renderErr, html) => {
        if (renderErr) return res.type('text/plain').send(message);
        res.send(html);
      },
    );
  };
}
