import crypto from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createCsrfError, createUnauthenticatedError } from '../shared/errors.js';
import type { AccountsService, CurrentUser } from './accounts.service.js';
import { SESSION_TTL_MS } from './accounts.service.js';

export const SESSION_COOKIE = 'opsdrill_session';
const ANON_COOKIE = 'opsdrill_anon';

export function readCookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key && !(key in out)) {
      try {
        out[key] = decodeURIComponent(value);
      } catch {
        out[key] = value;
      }
    }
  }
  return out;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      user?: CurrentUser;
      csrfToken: string;
      sessionToken?: string;
    }
  }
}

export function cookieOptions(secure: boolean, maxAge?: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', ...(maxAge ? { maxAge } : {}) };
}

/**
 * Loads the user from the session cookie and binds a CSRF token to it. The token is an HMAC of
 * the session (or, before login, of an anonymous cookie), so it needs no storage and changes
 * when the session does.
 */
export function sessionMiddleware({
  accountsService,
  secret,
  secureCookies,
}: {
  accountsService: AccountsService;
  secret: string;
  secureCookies: boolean;
}): RequestHandler {
  // An HMAC per request was a visible share of a page's time: a signed-in session's token is
  // signed once and kept (bounded; anonymous visitors are signed each time).
  const signed = new Map<string, string>();
  const hmac = (value: string) => crypto.createHmac('sha256', secret).update(`csrf:${value}`).digest('base64url');
  const signSession = (token: string) => {
    let value = signed.get(token);
    if (value === undefined) {
      if (signed.size >= 10_000) signed.clear();
      value = hmac(token);
      signed.set(token, value);
    }
    return value;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    // Every page from here on depends on the session (a user's data, or at least a CSRF token
    // bound to the visitor): no browser or proxy may keep a copy for the next person at this
    // computer. Assets and /healthz are served before this middleware and keep their headers.
    res.setHeader('Cache-Control', 'no-store');
    const cookies = readCookies(req);
    const token = cookies[SESSION_COOKIE];
    const user = accountsService.currentUser(token);
    let binding: string;
    if (user && token) {
      res.locals.user = user;
      res.locals.sessionToken = token;
      binding = token;
    } else {
      binding = cookies[ANON_COOKIE] ?? '';
      if (!/^[A-Za-z0-9_-]{20,64}$/.test(binding)) {
        binding = crypto.randomBytes(24).toString('base64url');
        res.cookie(ANON_COOKIE, binding, cookieOptions(secureCookies, SESSION_TTL_MS));
      }
    }
    res.locals.csrfToken = user && token ? signSession(token) : hmac(binding);
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
      const body = req.body as Record<string, unknown> | undefined;
      const sent = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? req.get('x-csrf-token') ?? '';
      const expected = Buffer.from(res.locals.csrfToken);
      const given = Buffer.from(sent);
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
        next(createCsrfError());
        return;
      }
    }
    next();
  };
}

export const requireUser: RequestHandler = (_req, res, next) => {
  if (!res.locals.user) {
    next(createUnauthenticatedError());
    return;
  }
  next();
};

export function currentUser(res: Response): CurrentUser {
  const user = res.locals.user;
  if (!user) throw createUnauthenticatedError();
  return user;
}
