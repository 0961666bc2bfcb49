import type { Server } from 'node:http';
import { createApp } from './app.js';
import { parseConfig } from './config.js';
import { migrateDatabase, openDatabase } from './db/database.js';
import { BankValidationError } from './questions/bank.loader.js';
import { prepareBank } from './questions/bank.sync.js';
import { systemClock } from './shared/clock.js';

function main() {
  const config = parseConfig(process.env);
  config.secureCookies = config.env === 'production' && process.env.COOKIE_SECURE !== 'false';
  const db = openDatabase(config.databasePath);
  migrateDatabase(db);
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
  const app = createApp({ db, clock: systemClock, config, catalog });
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
  if (err instanceof BankValidationError || (err instanceof Error && err.message.startsWith('Invalid environment'))) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
}
