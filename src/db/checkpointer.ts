import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './database.js';

/**
 * WAL pages the request connection lets accumulate before it checkpoints on its own: a fallback
 * for a checkpointer that stopped or fell behind. SQLite's default is 1000.
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
/** How often the checkpointer copies the WAL back into the database file. */
export const CHECKPOINT_INTERVAL_MS = 250;

export type CheckpointResult = { busy: number; log: number; checkpointed: number };

// CommonJS, evaluated as the worker's own script: the bundle has no separate worker file, and
// tests run the sources without one either.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
let timer;
function tick() {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  if (result.log > 0) parentPort.postMessage({ kind: 'checkpoint', ...result });
  timer = setTimeout(tick, workerData.intervalMs);
}
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
tick();
`;

/**
 * Checkpoints the WAL from a worker thread with its own connection. With SQLite's automatic
 * checkpoint, the commit that crosses 1000 WAL pages copies them into the database file and
 * fsyncs it on the request thread: on the bench's drill cycle that was a third of the write
 * transactions' time. A PASSIVE checkpoint never blocks readers or writers; the request
 * connection keeps a higher automatic checkpoint as a fallback, and the default again if the
 * worker fails.
 */
export function startCheckpointer({
  db,
  file,
  intervalMs = CHECKPOINT_INTERVAL_MS,
  warn,
  onCheckpoint,
}: {
  db: Db;
  file: string;
  intervalMs?: number;
  warn: (line: string, err?: unknown) => void;
  onCheckpoint?: (result: CheckpointResult) => void;
}): { stop: () => Promise<void> } {
  if (file === ':memory:') return { stop: async () => {} };
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, intervalMs } });
  db.$client.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  let stopped = false;
  worker.on('message', (message: { kind: string } & CheckpointResult) => {
    if (message.kind === 'checkpoint') onCheckpoint?.(message);
  });
  worker.on('error', (err) => {
    warn('WAL checkpointer failed: the request connection checkpoints on its own again', err);
    if (db.$client.open) db.$client.pragma('wal_autocheckpoint = 1000');
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // The worker must not keep a finished process alive.
  worker.unref();
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      worker.postMessage('stop');
      await exited;
    },
  };
}
