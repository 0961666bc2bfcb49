import crypto from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { appSecrets, sessions, type UserRow, users } from '../db/schema.js';

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

const p = sql.placeholder;

export function createAccountsRepository({ db }: { db: Db }) {
  // Read on every request: one statement, prepared once (as fast as the raw statement it
  // replaced: bench/RESULTS.md, "Drizzle vs raw").
  const sessionUserStmt = db
    .select({
      id: users.id,
      username: users.username,
      timeZone: users.timeZone,
      dayStartHour: users.dayStartHour,
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, p('id')))
    .prepare();
  const touchStmt = db
    .update(sessions)
    .set({ lastSeenAt: sql`${p('now')}` })
    .where(eq(sessions.id, p('id')))
    .prepare();

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

    findSession(token: string) {
      return sessionUserStmt.get({ id: tokenHash(token) });
    },

    touchSession({ token, now }: { token: string; now: number }) {
      touchStmt.run({ id: tokenHash(token), now });
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
export type SessionUser = NonNullable<ReturnType<AccountsRepository['findSession']>>;
