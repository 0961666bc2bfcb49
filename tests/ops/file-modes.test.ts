import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFixtureBank } from '../helpers/bank.js';
import { REPO_DIR, type ServerProcess, startServer } from '../helpers/server-process.js';

// The database, its WAL and SHM files and backups hold password hashes, session ids and the CSRF
// secret: readable by their owner only, whatever the umask of whoever starts the process.

const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

let dir: string | undefined;
let bankDir: string | undefined;
let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.stop();
  for (const d of [dir, bankDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
  server = dir = bankDir = undefined;
});

function setUp() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdrill-modes-'));
  bankDir = writeFixtureBank({ scripting: 2, algorithm: 2 });
  return { dir, dbPath: path.join(dir, 'data', 'opsdrill.db'), bankDir };
}

describe('file modes', () => {
  it('creates the database, WAL and SHM files 0600 and their folder 0700 under a permissive umask', async () => {
    const { dir, dbPath, bankDir } = setUp();
    // The server inherits the test runner's umask, which (usually 022) lets others read new files.
    fs.writeFileSync(path.join(dir, 'probe'), '');
    expect(modeOf(path.join(dir, 'probe'))).not.toBe('600');
    server = await startServer({ databasePath: dbPath, env: { QUESTIONS_DIR: bankDir } });
    for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) expect(modeOf(file), file).toBe('600');
    expect(modeOf(path.dirname(dbPath))).toBe('700');
  }, 120_000);

  it('narrows an existing database file that others can read, and says so', async () => {
    const { dbPath, bankDir } = setUp();
    fs.mkdirSync(path.dirname(dbPath));
    new Database(dbPath).close();
    fs.chmodSync(dbPath, 0o644);
    server = await startServer({ databasePath: dbPath, env: { QUESTIONS_DIR: bankDir } });
    expect(modeOf(dbPath)).toBe('600');
    expect(modeOf(`${dbPath}-wal`)).toBe('600');
    expect(server.output()).toContain(`${dbPath} was readable by others (mode 644): changed to 600`);
  }, 120_000);

  it('writes backups 0600 in a folder it creates 0700', async () => {
    const { dir, dbPath, bankDir } = setUp();
    server = await startServer({ databasePath: dbPath, env: { QUESTIONS_DIR: bankDir } });
    const destination = path.join(dir, 'backups', 'copy.db');
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/ops/backup.ts', destination], {
      cwd: REPO_DIR,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_PATH: dbPath },
      encoding: 'utf8',
    });
    expect(res.status, res.stderr).toBe(0);
    expect(modeOf(destination)).toBe('600');
    expect(modeOf(path.dirname(destination))).toBe('700');
  }, 120_000);
});
