import type { Response } from 'express';

export type Cell = string | number | boolean | null;

// = + - @ and their full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20, which some spreadsheets
// fold to ASCII), and any leading whitespace: \s covers space, tab, CR, LF, no-break space and
// the other Unicode spaces, which spreadsheets may trim before they look for a formula.
const FORMULA_START = /^[=+\-@\s\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\r\n]/;
/** Either of the two above: most cells match neither, so one test settles them. */
const NEEDS_WORK = /^[=+\-@\s\uFF1D\uFF0B\uFF0D\uFF20]|[",\r\n]/;

/**
 * A text cell that a spreadsheet would read as a formula (or that it trims and then reads as
 * one) gets a leading apostrophe, as OWASP advises. Numbers stay numbers: -3 is data.
 */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Only letters, digits, dot, dash and underscore: the name goes inside a quoted header value. */
export const safeFileName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);

/** One text field: neutralised, then quoted (quotes doubled) only if it holds a quote, comma, CR or LF. */
export function encodeText(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  const text = neutralise(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One RFC 4180 record with its CRLF. Null is an empty field; booleans are true/false. */
export function encodeRow(cells: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (i > 0) line += ',';
    if (typeof v === 'string') line += encodeText(v);
    else if (typeof v === 'number') line += String(v);
    else if (typeof v === 'boolean') line += v ? 'true' : 'false';
  }
  // A lone empty field would be a blank line, which readers skip as no record at all.
  return cells.length === 1 && line === '' ? '""\r\n' : `${line}\r\n`;
}

/** Rows are encoded into one string of about this many characters per socket write. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Streams rows to the response as RFC 4180 CSV. Rows are encoded in ~64 KB batches, one write
 * each (many small writes left the event loop idle between them); when the socket's buffer is
 * full the loop waits for 'drain', so memory stays flat however many rows there are. A client
 * that goes away stops the loop, and `onEnd` always runs so the caller can close its cursor.
 */
export async function sendCsv({
  res,
  fileName,
  columns,
  rows,
  bom,
  onEnd,
}: {
  res: Response;
  fileName: string;
  columns: string[];
  rows: Iterable<Cell[]>;
  bom: boolean;
  onEnd: () => void;
}) {
  let gone = false;
  let wake: (() => void) | undefined;
  const onClose = () => {
    if (!res.writableFinished) gone = true;
    wake?.();
  };
  const onDrain = () => wake?.();
  res.on('close', onClose);
  res.on('drain', onDrain);
  // Resolves on 'drain', or on 'close' when the client disconnects instead.
  const drained = () =>
    new Promise<void>((resolve) => {
      wake = () => {
        wake = undefined;
        resolve();
      };
    });
  try {
    const iterator = rows[Symbol.iterator]();
    let chunk = (bom ? '\ufeff' : '') + encodeRow(columns);
    let done = false;
    const stopped = () => gone || res.destroyed;
    while (!done && !stopped()) {
      while (chunk.length < CHUNK_CHARS) {
        const next = iterator.next();
        if (next.done) {
          done = true;
          break;
        }
        chunk += encodeRow(next.value);
      }
      if (chunk === '') break;
      if (!res.headersSent) {
        // Set only now, so a query that fails on its first rows still gets the ordinary error page.
        res.status(200);
        res.set({
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${safeFileName(fileName)}"`,
          'Cache-Control': 'no-store',
        });
      }
      const ok = res.write(chunk);
      chunk = '';
      if (!ok && !stopped()) await drained();
      // A socket that takes every write at once would otherwise keep the loop to this download.
      else if (ok) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (!stopped()) res.end();
  } catch (err) {
    // Before the first write the error handler can still answer; after it, only a cut connection is honest.
    if (!res.headersSent) throw err;
    res.destroy(err instanceof Error ? err : undefined);
  } finally {
    res.off('close', onClose);
    res.off('drain', onDrain);
    onEnd();
  }
}
