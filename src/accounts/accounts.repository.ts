import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { appSecrets, sessions, type UserRow, users } from '../db/schema.js';

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export function createAccountsRepository({ db }: { db: Db }) {
  const sessionUser = db.$client.prepare(
    `select u.id, u.username, u.time_zone as timeZone, u.day_start_hour as dayStartHour, s.expires_at as expiresAt
       from sessions s join users u on u.id = s.user_id where s.id = ?`,
  );
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

    createSession({ userId, now, ttlMs }: { userId: number; now: number; ttlMs: number }): { token: string } {
      const token = crypto.randomBytes(32).toString('base64url');
      db.insert(sessions)
        .values({ id: tokenHash(token), userId, createdAt: now, expiresAt: now + ttlMs })
        .run();
      return { token };
    },

    findSession(
      token: string,
    ): { id: number; username: string; timeZone: string; dayStartHour: number; expiresAt: number } | undefined {
      return sessionUser.get(tokenHash(token)) as
        | { id: number; username: string; timeZone: string; dayStartHour: number; expiresAt: number }
        | undefined;
    },

    deleteSession(token: string) {
      db.delete(sessions)
        .where(eq(sessions.id, tokenHash(token)))
        .run();
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
