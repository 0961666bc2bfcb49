import { z } from 'zod';
import type { Clock } from '../shared/clock.js';
import { AppError, createValidationError } from '../shared/errors.js';
import type { AccountsRepository } from './accounts.repository.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';

export const SESSION_TTL_MS = 30 * 24 * 3_600_000;

export const credentialsSchema = z.object({
  username: z
    .string({ message: 'username is required' })
    .trim()
    .toLowerCase()
    .min(3, 'username must be at least 3 characters')
    .max(32, 'username can be at most 32 characters')
    .regex(/^[a-z0-9_.-]+$/, 'username can use letters, digits, dot, dash and underscore'),
  password: z
    .string({ message: 'password is required' })
    .min(1, 'password is required')
    .max(200, 'password can be at most 200 characters'),
});

export const registrationSchema = credentialsSchema.extend({
  password: z
    .string({ message: 'password is required' })
    .min(10, 'password must be at least 10 characters')
    .max(200, 'password can be at most 200 characters'),
});

export function createAccountsService({
  accountsRepository,
  clock,
  scryptCost,
}: {
  accountsRepository: AccountsRepository;
  clock: Clock;
  scryptCost: number;
}) {
  let dummy: Promise<string> | undefined;
  return {
    async register({
      username,
      password,
      timeZone = 'UTC',
    }: z.infer<typeof registrationSchema> & { timeZone?: string }) {
      if (accountsRepository.findUserByUsername(username)) {
        throw createValidationError(['username: that username is taken']);
      }
      const passwordHash = await hashPassword(password, scryptCost);
      // Hashing yields: someone may have taken the name meanwhile; the unique index decides.
      try {
        const user = accountsRepository.createUser({ username, passwordHash, timeZone, now: clock.now().getTime() });
        return {
          user,
          ...accountsRepository.createSession({ userId: user.id, now: clock.now().getTime(), ttlMs: SESSION_TTL_MS }),
        };
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
      if (!user || !ok) {
        throw new AppError({
          code: 'accounts.bad_credentials',
          message: 'Wrong username or password.',
          statusCode: 401,
        });
      }
      return {
        user,
        ...accountsRepository.createSession({ userId: user.id, now: clock.now().getTime(), ttlMs: SESSION_TTL_MS }),
      };
    },

    currentUser(token: string | undefined) {
      if (!token || token.length > 200) return undefined;
      const found = accountsRepository.findSession(token);
      if (!found || found.expiresAt <= clock.now().getTime()) return undefined;
      return { id: found.id, username: found.username, timeZone: found.timeZone, dayStartHour: found.dayStartHour };
    },

    logout(token: string | undefined) {
      if (token) accountsRepository.deleteSession(token);
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
export type CurrentUser = NonNullable<ReturnType<AccountsService['currentUser']>>;
