import { type Response, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { isValidTimeZone } from '../shared/days.js';
import { AppError } from '../shared/errors.js';
import { type AccountsService, credentialsSchema, registrationSchema, SESSION_TTL_MS } from './accounts.service.js';
import { cookieOptions, SESSION_COOKIE } from './session.middleware.js';

// Only same-site relative paths: an open redirect after login would be a phishing aid.
const nextSchema = z
  .string()
  .regex(/^\/(?![/\\])[\w\-./?=&%]*$/)
  .max(300)
  .optional()
  .catch(undefined);

export function createAccountsRouter({
  accountsService,
  loginRateLimit,
  secureCookies,
}: {
  accountsService: AccountsService;
  loginRateLimit: number;
  secureCookies: boolean;
}) {
  const router = Router();
  const render = (
    res: Response,
    mode: 'login' | 'register',
    status: number,
    extra: { username?: string; errors?: string[]; next?: string } = {},
  ) =>
    res.status(status).render('accounts/login', {
      mode,
      username: extra.username ?? '',
      errors: extra.errors ?? [],
      next: extra.next ?? '',
    });

  const limiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: loginRateLimit,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) =>
      render(res, 'login', 429, {
        errors: ['Too many failed logins from your address. Wait 15 minutes and try again.'],
      }),
  });

  const startSession = (res: Response, token: string) =>
    res.cookie(SESSION_COOKIE, token, cookieOptions(secureCookies, SESSION_TTL_MS));

  router.get('/login', (req, res) => {
    if (res.locals.user) return res.redirect('/today');
    render(res, 'login', 200, { next: nextSchema.parse(req.query.next) });
  });
  router.get('/register', (req, res) => {
    if (res.locals.user) return res.redirect('/today');
    render(res, 'register', 200, { next: nextSchema.parse(req.query.next) });
  });

  router.post('/register', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    // An invite link sends people here through the login page: they land where they were going.
    const next = nextSchema.parse(body.next);
    const parsed = registrationSchema.safeParse(body);
    const username = typeof body.username === 'string' ? body.username.slice(0, 32) : '';
    if (!parsed.success)
      return render(res, 'register', 400, { username, next, errors: parsed.error.issues.map((i) => i.message) });
    // The browser's zone when the form's script sent a real one; anything else means UTC.
    const timeZone =
      typeof body.timeZone === 'string' && body.timeZone.length <= 64 && isValidTimeZone(body.timeZone)
        ? body.timeZone
        : 'UTC';
    try {
      const { token } = await accountsService.register({ ...parsed.data, timeZone });
      startSession(res, token);
      res.redirect(303, next ?? '/today');
    } catch (err) {
      if (err instanceof AppError && err.statusCode < 500)
        return render(res, 'register', err.statusCode, {
          username,
          next,
          errors: err.details.length ? err.details.map((d) => d.replace(/^username: /, 'Username: ')) : [err.message],
        });
      throw err;
    }
  });

  router.post('/login', limiter, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const next = nextSchema.parse(body.next);
    const username = typeof body.username === 'string' ? body.username.slice(0, 32) : '';
    const parsed = credentialsSchema.safeParse(body);
    if (!parsed.success)
      return render(res, 'login', 400, { username, next, errors: parsed.error.issues.map((i) => i.message) });
    try {
      const { token } = await accountsService.login(parsed.data);
      startSession(res, token);
      res.redirect(303, next ?? '/today');
    } catch (err) {
      if (err instanceof AppError && err.statusCode === 401)
        return render(res, 'login', 401, { username, next, errors: [err.message] });
      throw err;
    }
  });

  router.post('/logout', (_req, res) => {
    accountsService.logout(res.locals.sessionToken);
    res.clearCookie(SESSION_COOKIE, cookieOptions(secureCookies));
    res.redirect(303, '/login');
  });

  return router;
}
