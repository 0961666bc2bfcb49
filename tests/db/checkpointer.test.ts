import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CheckpointResult, FALLBACK_AUTOCHECKPOINT_PAGES, startCheckpointer } from '../../src/db/checkpointer.js';
import { migrateDatabase, openDatabase } from '../../src/db/database.js';
import { tempDir } from '../helpers/tmp.js';

function writeRows(db: ReturnType<typeof openDatabase>, n: number) {
  db.$client.exec('create table if not exists filler (id integer primary key, body text not null)');
  const insert = db.$client.prepare('insert into filler (body) values (?)');
  // Many small transactions, as requests write: each commit appends pages to the WAL.
  for (let i = 0; i < n; i++) insert.run('x'.repeat(2000));
}

describe('WAL checkpointer', () => {
  it('copies the whole WAL into the database file from its own connection, and raises the request connection’s own checkpoint to 10,000 pages', async () => {
    const file = path.join(tempDir('checkpoint'), 'app.db');
    const db = openDatabase(file, { warn: () => {} });
    migrateDatabase(db);
    const results: CheckpointResult[] = [];
    let resolveFull: (r: CheckpointResult) => void = () => {};
    const full = new Promise<CheckpointResult>((resolve) => {
      resolveFull = resolve;
    });
    const warnings: string[] = [];
    const checkpointer = startCheckpointer({
      db,
      file,
      intervalMs: 20,
      warn: (line) => warnings.push(line),
      onCheckpoint: (r) => {
        results.push(r);
        if (r.log > 1200 && r.checkpointed === r.log) resolveFull(r);
      },
    });
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);
    // Enough pages in one go that SQLite's own checkpoint (1000 pages) would have run.
    db.$client.transaction(() => writeRows(db, 3000))();
    const done = await full;
    expect(done.checkpointed).toBe(done.log);
    // Closing the last connection removes the WAL; every row is still there on reopening.
    await checkpointer.stop();
    db.$client.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const reopened = openDatabase(file, { warn: () => {} });
    expect(reopened.$client.prepare('select count(*) as n from filler').get()).toEqual({ n: 3000 });
    reopened.$client.close();
    expect(warnings).toEqual([]);
  });

  it('falls back to SQLite checkpointing on its own when the worker cannot open the database', async () => {
    const dir = tempDir('checkpoint-missing');
    const file = path.join(dir, 'app.db');
    const db = openDatabase(file, { warn: () => {} });
    const warnings: string[] = [];
    let failed: () => void = () => {};
    const warned = new Promise<void>((resolve) => {
      failed = resolve;
    });
    // The worker opens its own connection with fileMustExist: a path that is not there fails it.
    const checkpointer = startCheckpointer({
      db,
      file: path.join(dir, 'gone.db'),
      intervalMs: 20,
      warn: (line) => {
        warnings.push(line);
        failed();
      },
    });
    await warned;
    expect(warnings[0]).toMatch(/checkpointer failed/);
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointer.stop();
    db.$client.close();
  });

  it('does nothing for an in-memory database', async () => {
    const db = openDatabase(':memory:');
    const checkpointer = startCheckpointer({ db, file: ':memory:', warn: () => {} });
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointer.stop();
    db.$client.close();
  });
});
