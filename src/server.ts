import type { Server } from 'node:http';
import { closeApp, createApp } from './app.js';
import { type Config, ConfigError, parseConfig } from './config.js';
import { startCheckpointer } from './db/checkpointer.js';
import { migrateDatabase, openDatabase } from './db/database.js';
import { BankValidationError } from './questions/bank.loader.js';
import { prepareBank } from './questions/bank.sync.js';
import { setUpRunner } from './runner/runner.setup.js';
import { systemClock } from './shared/clock.js';
import { installCrashHandlers } from './shared/crash.js';
import { createLogger, errorFields, type Logger } from './shared/logger.js';

async function main(config: Config, logger: Logger) {
  // The database, its WAL and SHM files and everything else this process creates are readable
  // by this user only: they hold password hashes, session ids and the CSRF secret.
  process.umask(0o077);
  // The sandbox probe (one Python start in bubblewrap) runs in a child process while this one
  // migrates and prepares the bank: startup no longer waits for the two in turn.
  const runnerReady = setUpRunner({ config, clock: systemClock });
  const db = openDatabase(config.databasePath, { warn: (line) => logger.warn(line) });
  const { timeZonesNormalised } = migrateDatabase(db);
  if (timeZonesNormalised > 0) logger.info(`time zones: ${timeZonesNormalised} users' zones stored in canonical form`);
  const started = Date.now();
  const { catalog, sync } = prepareBank({
    db,
    questionsDir: config.questionsDir,
    clock: systemClock,
    log: (line) => logger.info(line),
  });
  logger.info(
    sync.cached
      ? `question bank: ${catalog.active().length} questions, unchanged since the last start, in ${Date.now() - started} ms`
      : `question bank: ${catalog.active().length} questions (${sync.added} added, ${sync.updated} updated, ${sync.retired} retired) in ${Date.now() - started} ms`,
  );
  const runner = await runnerReady;
  if (runner.queue) logger.info(runner.status);
  else logger.warn(runner.status);
  const checkpointer = startCheckpointer({
    db,
    file: config.databasePath,
    warn: (line, err) => logger.warn(line, errorFields(err)),
  });
  const app = createApp({ db, clock: systemClock, config, catalog, runQueue: runner.queue, logger });
  const server: Server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info(`opsdrill listening on http://localhost:${port} (database ${config.databasePath})`);
  });

  // Let in-flight requests finish, then close the database so the WAL is checkpointed.
  let closing = false;
  const shutdown = (signal: string, code = 0) => {
    if (closing) return;
    closing = true;
    logger.info(`${signal}: closing`);
    server.close(async () => {
      await checkpointer.stop();
      db.$client.close();
      process.exit(code);
    });
    closeApp(app);
    server.closeIdleConnections();
    setTimeout(() => process.exit(code || 1), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  installCrashHandlers({ events: process, logger, shutdown });
}

let logger = createLogger();
function startupFailed(err: unknown): never {
  // A bad environment or question file: its own message says what to fix; anything else is a bug.
  if (err instanceof BankValidationError || err instanceof ConfigError) logger.error(err.message);
  else logger.error('startup failed', errorFields(err));
  process.exit(1);
}
try {
  const config = parseConfig(process.env);
  logger = createLogger({ json: config.env === 'production' });
  main(config, logger).catch(startupFailed);
} catch (err) {
  startupFailed(err);
}
