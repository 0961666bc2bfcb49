import { z } from 'zod';
import type { Clock } from '../shared/clock.js';
import { canonicalTimeZone } from '../shared/days.js';
import { AppError, createValidationError } from '../shared/errors.js';
import type { AccountsRepository } from './accounts.repository.js';
import {
  isCommonPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MESSAGES,
  PASSWORD_MIN_LENGTH,
  passwordProblems,
} from './password-rules.js';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords.js';

/** Absolute lifetime: a session ends this long after login, however active. */
export const SESSION_TTL_MS = 30 * 24 * 3_600_000;
/** last_seen_at is written at most this often, so most requests stay read-only. */
export const SESSION_TOUCH_MS = 60_000;
/** How long a looked-up session is trusted from memory before it is read again. */
export const SESSION_CACHE_MS = 30_000;
const SESSION_CACHE_SIZE = 10_000;
type SessionRecord = {
  id: number;
  username: string;
  timeZone: string;
  dayStartHour: number;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number | null;
};

const usernameSchema = z
  .string({ message: 'username is required' })
  .trim()
  .toLowerCase()
  .min(3, 'username must be at least 3 characters')
  .max(32, 'username can be at most 32 characters')
  .regex(/^[a-z0-9_.-]+$/, 'username can use letters, digits, dot, dash and underscore');

export const credentialsSchema = z.object({
  username: usernameSchema,
  password: z
    .string({ message: 'password is required' })
    .min(1, 'password is required')
    .max(PASSWORD_MAX_LENGTH, PASSWORD_MESSAGES.tooLong),
});

const newPasswordSchema = (label: string) =>
  z
    .string({ message: `${label} is required` })
    .min(PASSWORD_MIN_LENGTH, PASSWORD_MESSAGES.tooShort.replace(/^password/, label))
    .max(PASSWORD_MAX_LENGTH, PASSWORD_MESSAGES.tooLong.replace(/^password/, label))
    .refine((p) => !isCommonPassword(p), PASSWORD_MESSAGES.common);

export const registrationSchema = z
  .object({ username: usernameSchema, password: newPasswordSchema('password') })
  .refine((v) => v.password.toLowerCase() !== v.username, { message: PASSWORD_MESSAGES.username, path: ['password'] });

export const passwordChangeSchema = z
  .object({
    currentPassword: z
      .string({ message: 'current password is required' })
      .min(1, 'current password is required')
      .max(PASSWORD_MAX_LENGTH, 'current password can be at most 200 characters'),
    newPassword: newPasswordSchema('new password'),
    confirmPassword: z.string({ message: 'type the new password twice' }).max(PASSWORD_MAX_LENGTH),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    message: 'the two new passwords do not match',
    path: ['confirmPassword'],
  });

const badCredentials = () =>
  new AppError({ code: 'accounts.bad_credentials', message: 'Wrong username or password.', statusCode: 401 });

export function createAccountsService({
  accountsRepository,
  clock,
  scryptCost,
  sessionIdleDays = 7,
}: {
  accountsRepository: AccountsRepository;
  clock: Clock;
  scryptCost: number;
  sessionIdleDays?: number;
}) {
  const idleMs = sessionIdleDays * 24 * 3_600_000;
  // Every request looks its session up: keep recent ones in memory. Entries go stale on their
  // own after SESSION_CACHE_MS and are dropped at once by logout, password changes and profile
  // changes (forgetUser), so a logged-out token never works from the cache.
  const sessionCache = new Map<string, { session: SessionRecord; fetchedAt: number }>();
  const cachedSession = (token: string, now: number): SessionRecord | undefined => {
    const hit = sessionCache.get(token);
    if (hit && now - hit.fetchedAt < SESSION_CACHE_MS) return hit.session;
    const session = accountsRepository.findSession(token);
    if (!session) {
      sessionCache.delete(token);
      return undefined;
    }
    if (sessionCache.size >= SESSION_CACHE_SIZE) sessionCache.delete(sessionCache.keys().next().value as string);
    sessionCache.set(token, { session, fetchedAt: now });
    return session;
  };
  const forgetUser = (userId: number) => {
    for (const [token, entry] of sessionCache) if (entry.session.id === userId) sessionCache.delete(token);
  };
  let dummy: Promise<string> | undefined;
  const newSession = (userId: number) =>
    accountsRepository.createSession({ userId, now: clock.now().getTime(), ttlMs: SESSION_TTL_MS });

  return {
    async register({
      username,
      password,
      timeZone = 'UTC',
    }: z.infer<typeof registrationSchema> & { timeZone?: string }) {
      const problems = passwordProblems({ password, username });
      if (problems.length > 0) throw createValidationError(problems.map((p) => `password: ${p}`));
      if (accountsRepository.findUserByUsername(username)) {
        throw createValidationError(['username: that username is taken']);
      }
      const passwordHash = await hashPassword(password, scryptCost);
      // Hashing yields: someone may have taken the name meanwhile; the unique index decides.
      try {
        const user = accountsRepository.createUser({
          username,
          passwordHash,
          timeZone: canonicalTimeZone(timeZone) ?? 'UTC',
          now: clock.now().getTime(),
        });
        return { user, ...newSession(user.id) };
      } catch (err) {
        if (String((err as { code?: string }).code).startsWith('SQLITE_CONSTRAINT'))
          throw createValidationError(['username: that username is taken']);
        throw err;
      }
    },

    async login({ username, password }: z.infer<typeof credentialsSchema>) {
      const user = accountsRepository.findUserByUsername(username);
      dummy ??= dummyHash(scryptCost);
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummy));
      if (!user || !ok) throw badCredentials();
      // The only moment the password is at hand: bring an older hash up to today's parameters.
      if (needsRehash(user.passwordHash, scryptCost)) {
        const passwordHash = await hashPassword(password, scryptCost);
        accountsRepository.updatePasswordHash({ userId: user.id, passwordHash, previousHash: user.passwordHash });
      }
      return { user, ...newSession(user.id) };
    },

    /**
     * The session's user, or undefined when there is none or it has ended: past its absolute
     * lifetime, or idle longer than SESSION_IDLE_DAYS. Activity slides the idle window, with at
     * most one write a minute per session.
     */
    currentUser(token: string | undefined) {
      if (!token || token.length > 200) return undefined;
      const now = clock.now().getTime();
      const found = cachedSession(token, now);
      if (!found) return undefined;
      const lastSeen = found.lastSeenAt ?? found.createdAt;
      if (found.expiresAt <= now || now - lastSeen >= idleMs) {
        sessionCache.delete(token);
        accountsRepository.deleteSession(token);
        return undefined;
      }
      if (now - lastSeen >= SESSION_TOUCH_MS) {
        accountsRepository.touchSession({ token, now });
        found.lastSeenAt = now;
      }
      return { id: found.id, username: found.username, timeZone: found.timeZone, dayStartHour: found.dayStartHour };
    },

    logout(token: string | undefined) {
      if (!token) return;
      sessionCache.delete(token);
      accountsRepository.deleteSession(token);
    },

    /** A user's name, time zone or day start changed: cached sessions must not serve the old ones. */
    forgetUser,

    /** Ends every session of the user but this one; returns how many ended. */
    logoutOtherSessions({ userId, token }: { userId: number; token: string }): { ended: number } {
      forgetUser(userId);
      return { ended: accountsRepository.deleteOtherSessions({ userId, keepToken: token }) };
    },

    /**
     * Checks the current password, stores the new one and ends every other session (a thief
     * who knew the old password is logged out). Changes nothing when anything is wrong.
     */
    async changePassword({
      userId,
      token,
      currentPassword,
      newPassword,
    }: {
      userId: number;
      token: string;
      currentPassword: string;
      newPassword: string;
    }): Promise<{ ended: number }> {
      const user = accountsRepository.findUserById(userId);
      if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
        throw new AppError({
          code: 'accounts.wrong_password',
          message: 'Your current password is not right. Nothing was changed.',
          statusCode: 400,
        });
      }
      const problems = passwordProblems({ password: newPassword, username: user.username });
      if (newPassword === currentPassword) problems.push('the new password must differ from the current one');
      if (problems.length > 0) throw createValidationError(problems.map((p) => `new password: ${p}`));
      const passwordHash = await hashPassword(newPassword, scryptCost);
      // Both writes together: a new password with the old sessions still alive would defeat the point.
      forgetUser(userId);
      return accountsRepository.replacePassword({ userId, passwordHash, keepToken: token });
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
export type CurrentUser = NonNullable<ReturnType<AccountsService['currentUser']>>;
