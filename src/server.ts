import type { Server } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, parseConfig } from './config.js';
import { migrateDatabase, openDatabase } from './db/database.js';
import { BankValidationError } from './questions/bank.loader.js';
import { prepareBank } from './questions/bank.sync.js';
import { setUpRunner } from './runner/runner.setup.js';
import { systemClock } from './shared/clock.js';

function main() {
  // The database, its WAL and SHM files and everything else this process creates are readable
  // by this user only: they hold password hashes, session ids and the CSRF secret.
  process.umask(0o077);
  const config = parseConfig(process.env);
  const db = openDatabase(config.databasePath);
  const { timeZonesNormalised } = migrateDatabase(db);
  if (timeZonesNormalised > 0) console.log(`time zones: ${timeZonesNormalised} users' zones stored in canonical form`);
  const started = Date.now();
  const { catalog, sync } = prepareBank({
    db,
    questionsDir: config.questionsDir,
    clock: systemClock,
    log: (line) => console.log(line),
  });
  console.log(
    `question bank: ${catalog.active().length} questions (${sync.added} added, ${sync.updated} updated, ${sync.retired} retired) in ${Date.now() - started} ms`,
  );
  const runner = setUpRunner({ config, clock: systemClock });
  console.log(runner.status);
  const app = createApp({ db, clock: systemClock, config, catalog, runQueue: runner.queue });
  const server: Server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`opsdrill listening on http://localhost:${port} (database ${config.databasePath})`);
  });

  // Let in-flight requests finish, then close the database so the WAL is checkpointed.
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: closing`);
    server.close(() => {
      db.$client.close();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

try {
  main();
} catch (err) {
  if (err instanceof BankValidationError || err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
}
