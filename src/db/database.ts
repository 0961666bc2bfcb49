import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { canonicalTimeZone } from '../shared/days.js';
import { fromRoot } from '../shared/paths.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_DIR = fromRoot('migrations');

/**
 * The database and its WAL and SHM files hold password hashes, session ids and the CSRF secret:
 * owner-only. New files get that from the server's umask; files from an older install (or
 * copied in with a wider mode) are narrowed here, before SQLite opens them, since SQLite gives
 * new WAL and SHM files the database file's own mode.
 */
function restrictFileModes(file: string, warn: (line: string) => void) {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    let mode: number;
    try {
      mode = fs.statSync(f).mode & 0o777;
    } catch {
      continue;
    }
    if ((mode & 0o077) === 0) continue;
    fs.chmodSync(f, mode & 0o700);
    warn(`${f} was readable by others (mode ${mode.toString(8)}): changed to ${(mode & 0o700).toString(8)}`);
  }
}

export function openDatabase(
  file: string,
  { warn = (line: string) => process.stderr.write(`${line}\n`) }: { warn?: (line: string) => void } = {},
): Db {
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    restrictFileModes(file, warn);
  }
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return drizzle(sqlite, { schema }) as Db;
}

export function migrateDatabase(db: Db): { timeZonesNormalised: number } {
  // drizzle's migrator runs every pending migration in one transaction, where the
  // `PRAGMA foreign_keys=OFF` of a generated table rebuild is a no-op: dropping the old attempts
  // table would cascade-delete its runs (0008 rebuilds attempts). Foreign keys go off for the
  // migration, and are checked once before they come back on.
  // The check reads every table, so it runs only when a migration was applied.
  const applied = () => {
    try {
      return (db.$client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
    } catch {
      return 0;
    }
  };
  db.$client.pragma('foreign_keys = OFF');
  try {
    const before = applied();
    migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    if (applied() !== before) {
      const broken = db.$client.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`migrations left ${broken.length} rows with a broken foreign key`);
    }
  } finally {
    db.$client.pragma('foreign_keys = ON');
  }
  return { timeZonesNormalised: normaliseTimeZones(db) };
}

/**
 * Stores every user's zone under its canonical name ("asia/tokyo", "Japan" -> "Asia/Tokyo"), as
 * the settings form now does. SQL cannot ask ICU, so this data step runs after the migrations,
 * at every start: it reads one row per distinct zone and is a no-op once done. It also catches
 * names that a newer ICU canonicalises differently after a Node upgrade.
 */
function normaliseTimeZones(db: Db): number {
  const zones = db.$client.prepare('select distinct time_zone as zone from users').all() as { zone: string }[];
  const update = db.$client.prepare('update users set time_zone = ? where time_zone = ?');
  let changed = 0;
  for (const { zone } of zones) {
    const canonical = canonicalTimeZone(zone);
    // A zone ICU no longer knows is left alone: rewriting it to some other zone would move the user's days.
    if (canonical && canonical !== zone) changed += update.run(canonical, zone).changes;
  }
  return changed;
}

export function checkDatabase(db: Db): boolean {
  const row = db.$client.prepare('select 1 as ok').get() as { ok: number } | undefined;
  return row?.ok === 1;
}

/**
 * A count that moves whenever this connection inserts, updates or deletes a row (SQLite's
 * total_changes(), foreign-key actions and triggers included). It reads no table, so unlike a
 * query it takes no lock: reading it costs well under a microsecond.
 */
export function writeCounter(db: Db): () => number {
  const stmt = db.$client.prepare('select total_changes()').pluck();
  return () => stmt.get() as number;
}
