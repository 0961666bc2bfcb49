/**
 * One line per event on stderr (info on stdout), as JSON in production so a log collector can
 * read it, and as plain text elsewhere. A module of our own rather than pino: the server logs a
 * handful of lines (startup, errors, shutdown), not request traces.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** An Error as loggable fields: its name, message and stack (never the request that caused it). */
export function errorFields(err: unknown): Record<string, unknown> {
  if (err instanceof Error) {
    return {
      error: err.name,
      reason: err.message,
      stack: err.stack,
      ...(err.cause ? { cause: errorFields(err.cause) } : {}),
    };
  }
  return { error: String(err) };
}

export function createLogger({
  level = 'info',
  json = false,
  write = (line: string, lvl: LogLevel) =>
    (lvl === 'info' || lvl === 'debug' ? process.stdout : process.stderr).write(line),
}: {
  level?: LogLevel | 'silent';
  json?: boolean;
  write?: (line: string, level: LogLevel) => void;
} = {}): Logger {
  const threshold = level === 'silent' ? Number.POSITIVE_INFINITY : ORDER[level];
  const log =
    (lvl: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (ORDER[lvl] < threshold) return;
      if (json) {
        write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, message, ...fields })}\n`, lvl);
        return;
      }
      const { stack, ...rest } = fields;
      const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
      write(
        `${lvl === 'info' ? '' : `${lvl}: `}${message}${extra}${typeof stack === 'string' ? `\n${stack}` : ''}\n`,
        lvl,
      );
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** For tests and CLIs that want silence. */
export const silentLogger: Logger = createLogger({ level: 'silent' });
