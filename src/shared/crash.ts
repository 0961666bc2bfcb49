import { errorFields, type Logger } from './logger.js';

type Events = { on(event: 'uncaughtException' | 'unhandledRejection', listener: (err: unknown) => void): unknown };

/**
 * A bug that escaped every handler: log what it was, then stop the way SIGTERM does (finish what
 * is in flight, close the database) with exit code 1, so a supervisor restarts a clean process
 * rather than one in an unknown state.
 */
export function installCrashHandlers({
  events,
  logger,
  shutdown,
}: {
  events: Events;
  logger: Logger;
  shutdown: (reason: string, code: number) => void;
}) {
  events.on('uncaughtException', (err) => {
    logger.error('uncaught exception', errorFields(err));
    shutdown('uncaughtException', 1);
  });
  events.on('unhandledRejection', (reason) => {
    logger.error('unhandled promise rejection', errorFields(reason));
    shutdown('unhandledRejection', 1);
  });
}
