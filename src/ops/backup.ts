import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parseDatabaseEnv } from '../config.js';
import { type Clock, systemClock } from '../shared/clock.js';

// `npm run backup [-- <destination>]`: an online copy of the live database through SQLite's
// backup API, safe while the server runs (it copies a consistent snapshot, WAL included).

export function defaultBackupPath(clock: Clock, dir = './data/backups'): string {
  const stamp = clock
    .now()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  return path.resolve(dir, `opsdrill-${stamp}.db`);
}

export async function backupDatabase({
  source,
  destination,
}: {
  source: string;
  destination: string;
}): Promise<{ pages: number; attempts: number }> {
  if (!fs.existsSync(source)) throw new Error(`No database at ${source} (set DATABASE_PATH)`);
  if (fs.existsSync(destination)) throw new Error(`${destination} already exists; pick another destination`);
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // All remaining pages in one step: a step-by-step copy restarts whenever the server writes
    // in between, and under steady load might never finish. In WAL mode the one long read does
    // not block the server's writes.
    const { totalPages } = await db.backup(destination, { progress: () => 2 ** 30 });
    // The CLI's umask already makes the copy owner-only; a caller in another process may not
    // have one, and a backup holds the same secrets as the database.
    fs.chmodSync(destination, 0o600);
    const copy = new Database(destination, { fileMustExist: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`The copy at ${destination} failed its integrity check: ${String(check)}`);
      const { n } = copy.prepare('select count(*) as n from attempts').get() as { n: number };
      return { pages: totalPages, attempts: n };
    } finally {
      copy.close();
    }
  } finally {
    db.close();
  }
}

async function main() {
  // Backups hold password hashes and session ids: the copy and any folder made for it are owner-only.
  process.umask(0o077);
  const source = parseDatabaseEnv(process.env).databasePath;
  const destination = process.argv[2] ? path.resolve(process.argv[2]) : defaultBackupPath(systemClock);
  const started = Date.now();
  const { pages, attempts } = await backupDatabase({ source, destination });
  console.log(
    `backup of ${source} written to ${destination}: ${pages} pages, ${attempts} attempts, integrity ok (${Date.now() - started} ms)`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
