import { type Response, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { isValidTimeZone } from '../shared/days.js';
import { AccountFieldsError, BadCredentialsError, WrongPasswordError } from './accounts.errors.js';
import {
  type AccountsService,
  credentialsSchema,
  passwordChangeSchema,
  registrationSchema,
  SESSION_TTL_MS,
} from './accounts.service.js';
import { PASSWORD_MIN_LENGTH } from './password-rules.js';
import { cookieOptions, currentUser, requireUser, SESSION_COOKIE } from './session.middleware.js';

// Only same-site relative paths: an open redirect after login would be a phishing aid.
const nextSchema = z
  .string()
  .regex(/^\/(?![/\\])[\w\-./?=&%]*$/)
  .max(300)
  .optional()
  .catch(undefined);

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** Service details start with their field ("username: that username is taken"): shown as a sentence. */
const detailMessage = (detail: string) => sentence(detail.replace(/^(username|password|new password): /, ''));

const usernameOf = (body: Record<string, unknown>) =>
  typeof body.username === 'string' ? body.username.slice(0, 32) : '';

export function createAccountsRouter({
  accountsService,
  loginRateLimit,
  registerRateLimit,
  secureCookies,
}: {
  accountsService: AccountsService;
  loginRateLimit: number;
  registerRateLimit: number;
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
      minLength: PASSWORD_MIN_LENGTH,
    });
  const renderPassword = (res: Response, status: number, errors: string[] = []) =>
    res.status(status).render('accounts/password', { nav: 'settings', errors, minLength: PASSWORD_MIN_LENGTH });

  const loginLimiter = rateLimit({
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

  // Each sign-up runs scrypt (128 MiB, a few hundred ms): count the ones that did, per address.
  // Refused forms (taken name, weak password) are answered before hashing and do not count.
  const registerLimiter = rateLimit({
    windowMs: 60 * 60_000,
    limit: registerRateLimit,
    skipFailedRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) =>
      render(res, 'register', 429, {
        username: usernameOf((req.body ?? {}) as Record<string, unknown>),
        errors: ['Too many sign-ups from your address. Wait an hour and try again.'],
      }),
  });

  // A stolen session must not become a way to guess the password: wrong current passwords count
  // like failed logins.
  const passwordLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: loginRateLimit,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) =>
      renderPassword(res, 429, ['Too many wrong passwords from your address. Wait 15 minutes and try again.']),
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

  router.post('/register', registerLimiter, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    // An invite link sends people here through the login page: they land where they were going.
    const next = nextSchema.parse(body.next);
    const parsed = registrationSchema.safeParse(body);
    const username = usernameOf(body);
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
      if (err instanceof AccountFieldsError)
        return render(res, 'register', err.statusCode, { username, next, errors: err.details.map(detailMessage) });
      throw err;
    }
  });

  router.post('/login', loginLimiter, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const next = nextSchema.parse(body.next);
    const username = usernameOf(body);
    const parsed = credentialsSchema.safeParse(body);
    if (!parsed.success)
      return render(res, 'login', 400, { username, next, errors: parsed.error.issues.map((i) => i.message) });
    try {
      const { token } = await accountsService.login(parsed.data);
      startSession(res, token);
      res.redirect(303, next ?? '/today');
    } catch (err) {
      if (err instanceof BadCredentialsError)
        return render(res, 'login', 401, { username, next, errors: [err.message] });
      throw err;
    }
  });

  router.post('/logout', (_req, res) => {
    accountsService.logout(res.locals.sessionToken);
    res.clearCookie(SESSION_COOKIE, cookieOptions(secureCookies));
    res.redirect(303, '/login');
  });

  // Under /settings, so this router must come before the settings router (whose
  // POST /settings/:track would otherwise answer these paths).
  router.get('/settings/password', requireUser, (_req, res) => renderPassword(res, 200));

  router.post('/settings/password', requireUser, passwordLimiter, async (req, res) => {
    const parsed = passwordChangeSchema.safeParse(req.body ?? {});
    if (!parsed.success)
      return renderPassword(
        res,
        400,
        parsed.error.issues.map((i) => sentence(i.message)),
      );
    try {
      const { ended } = await accountsService.changePassword({
        userId: currentUser(res).id,
        token: res.locals.sessionToken ?? '',
        currentPassword: parsed.data.currentPassword,
        newPassword: parsed.data.newPassword,
      });
      res.redirect(303, `/settings?saved=password&ended=${ended}`);
    } catch (err) {
      if (err instanceof WrongPasswordError) return renderPassword(res, err.statusCode, [err.message]);
      if (err instanceof AccountFieldsError) return renderPassword(res, err.statusCode, err.details.map(detailMessage));
      throw err;
    }
  });

  router.post('/settings/sessions/logout-others', requireUser, (_req, res) => {
    const { ended } = accountsService.logoutOtherSessions({
      userId: currentUser(res).id,
      token: res.locals.sessionToken ?? '',
    });
    res.redirect(303, `/settings?saved=sessions&ended=${ended}`);
  });

  return router;
}
