import crypto from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { appSecrets, sessions, type UserRow, users } from '../db/schema.js';

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export type SessionUser = {
  id: number;
  username: string;
  timeZone: string;
  dayStartHour: number;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number | null;
};

export function createAccountsRepository({ db }: { db: Db }) {
  // Read on every request: prepared once.
  const sessionUser = db.$client.prepare(
    `select u.id, u.username, u.time_zone as timeZone, u.day_start_hour as dayStartHour,
            s.created_at as createdAt, s.expires_at as expiresAt, s.last_seen_at as lastSeenAt
       from sessions s join users u on u.id = s.user_id where s.id = ?`,
  );
  const touch = db.$client.prepare('update sessions set last_seen_at = ? where id = ?');

  const otherSessions = (userId: number, keepToken: string) =>
    and(eq(sessions.userId, userId), ne(sessions.id, tokenHash(keepToken)));

  return {
    findUserByUsername(username: string): UserRow | undefined {
      return db.select().from(users).where(eq(users.username, username)).get();
    },

    findUserById(id: number): UserRow | undefined {
      return db.select().from(users).where(eq(users.id, id)).get();
    },

    createUser({
      username,
      passwordHash,
      timeZone = 'UTC',
      now,
    }: {
      username: string;
      passwordHash: string;
      timeZone?: string;
      now: number;
    }): UserRow {
      return db.insert(users).values({ username, passwordHash, timeZone, createdAt: now }).returning().get();
    },

    /** Replaces the hash only if it is still `previousHash`: a login's rehash never undoes a password change. */
    updatePasswordHash({
      userId,
      passwordHash,
      previousHash,
    }: {
      userId: number;
      passwordHash: string;
      previousHash: string;
    }) {
      db.update(users)
        .set({ passwordHash })
        .where(and(eq(users.id, userId), eq(users.passwordHash, previousHash)))
        .run();
    },

    /** The new hash and the end of every other session, in one transaction. */
    replacePassword({ userId, passwordHash, keepToken }: { userId: number; passwordHash: string; keepToken: string }): {
      ended: number;
    } {
      return db.transaction(
        (tx) => {
          tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
          return { ended: tx.delete(sessions).where(otherSessions(userId, keepToken)).run().changes };
        },
        { behavior: 'immediate' },
      );
    },

    createSession({ userId, now, ttlMs }: { userId: number; now: number; ttlMs: number }): { token: string } {
      const token = crypto.randomBytes(32).toString('base64url');
      db.insert(sessions)
        .values({ id: tokenHash(token), userId, createdAt: now, expiresAt: now + ttlMs, lastSeenAt: now })
        .run();
      return { token };
    },

    findSession(token: string): SessionUser | undefined {
      return sessionUser.get(tokenHash(token)) as SessionUser | undefined;
    },

    touchSession({ token, now }: { token: string; now: number }) {
      touch.run(now, tokenHash(token));
    },

    deleteSession(token: string) {
      db.delete(sessions)
        .where(eq(sessions.id, tokenHash(token)))
        .run();
    },

    /** Every session of the user except the one with this token; returns how many ended. */
    deleteOtherSessions({ userId, keepToken }: { userId: number; keepToken: string }): number {
      return db.delete(sessions).where(otherSessions(userId, keepToken)).run().changes;
    },

    getOrCreateSecret({ name, create }: { name: string; create: () => string }): string {
      const existing = db.select().from(appSecrets).where(eq(appSecrets.name, name)).get();
      if (existing) return existing.value;
      db.insert(appSecrets).values({ name, value: create() }).onConflictDoNothing().run();
      return db.select().from(appSecrets).where(eq(appSecrets.name, name)).get()!.value;
    },
  };
}
export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
