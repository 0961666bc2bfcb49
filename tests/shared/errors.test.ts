import { EventEmitter } from 'node:events';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { installCrashHandlers } from '../../src/shared/crash.js';
import { errorMiddleware } from '../../src/shared/error-middleware.js';
import { AppError } from '../../src/shared/errors.js';
import { createLogger } from '../../src/shared/logger.js';

function capturingLogger(json = false) {
  const lines: string[] = [];
  return { lines, logger: createLogger({ json, write: (line) => lines.push(line) }) };
}

/** A tiny app with the real middleware (and the error page view from views/). */
function appWith(logger: ReturnType<typeof createLogger>) {
  const app = express();
  app.set('views', new URL('../../views', import.meta.url).pathname);
  app.set('view engine', 'ejs');
  app.use(express.urlencoded({ extended: false, limit: '1kb' }));
  app.get('/bug', () => {
    throw new Error('secret detail in a bug');
  });
  app.get('/refused', () => {
    throw new AppError({ code: 'x.busy', message: 'Busy; try again soon.', statusCode: 503, retryAfterSeconds: 7 });
  });
  app.post('/form', (_req, res) => {
    res.send('ok');
  });
  app.use(errorMiddleware({ logger }));
  return app;
}

describe('the error middleware', () => {
  it('logs a bug with its stack and tells the client nothing of it', async () => {
    const { lines, logger } = capturingLogger(true);
    const res = await request(appWith(logger)).get('/bug').set('accept', 'application/json');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('internal');
    expect(JSON.stringify(res.body)).not.toContain('secret detail');
    expect(lines).toHaveLength(1);
    const logged = JSON.parse(lines[0] as string);
    expect(logged).toMatchObject({
      level: 'error',
      message: 'request failed',
      path: '/bug',
      reason: 'secret detail in a bug',
    });
    expect(logged.stack).toContain('errors.test.ts');
  });

  it('answers a refusal with its status, message and Retry-After, as a page or JSON, logging nothing', async () => {
    const { lines, logger } = capturingLogger();
    const app = appWith(logger);
    const json = await request(app).get('/refused').set('accept', 'application/json');
    expect(json.status).toBe(503);
    expect(json.headers['retry-after']).toBe('7');
    expect(json.body.error).toMatchObject({ code: 'x.busy', message: 'Busy; try again soon.', retryAfterSeconds: 7 });
    const page = await request(app).get('/refused');
    expect(page.status).toBe(503);
    expect(page.text).toContain('Busy; try again soon.');
    expect(lines).toEqual([]);
  });

  it('turns the body parser’s own errors into a clear 4xx', async () => {
    const { logger } = capturingLogger();
    const res = await request(appWith(logger))
      .post('/form')
      .set('accept', 'application/json')
      .type('form')
      .send({ big: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_large');
  });
});

describe('crash handlers', () => {
  it('log an uncaught exception or rejection, then shut down with exit code 1', () => {
    const { lines, logger } = capturingLogger();
    const events = new EventEmitter();
    const calls: [string, number][] = [];
    installCrashHandlers({ events, logger, shutdown: (reason, code) => calls.push([reason, code]) });
    events.emit('uncaughtException', new Error('boom'));
    events.emit('unhandledRejection', new Error('late'));
    expect(calls).toEqual([
      ['uncaughtException', 1],
      ['unhandledRejection', 1],
    ]);
    expect(lines.join('')).toContain('uncaught exception');
    expect(lines.join('')).toContain('boom');
    expect(lines.join('')).toContain('unhandled promise rejection');
  });
});
