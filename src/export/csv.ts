import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';

export type Cell = string | number | boolean | null;

/**
 * A text cell that a spreadsheet would read as a formula (or that Excel trims and then reads as
 * one) gets a leading apostrophe, as OWASP advises. Numbers stay numbers: -3 is data.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Only letters, digits, dot, dash and underscore: the name goes inside a quoted header value. */
export const safeFileName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);

/**
 * Streams rows to the response as RFC 4180 CSV (CRLF records, quotes doubled). The rows are
 * pulled one at a time as the socket drains, so memory stays flat however many rows there are.
 */
export async function sendCsv({ res, fileName, columns, rows, bom, onEnd }: { res: Response; fileName: string; columns: string[]; rows: Iterable<Cell[]>; bom: boolean; onEnd: () => void }) {
  res.status(200);
  res.set({
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${safeFileName(fileName)}"`,
    'Cache-Control': 'no-store',
  });
  const stringifier = stringify({
    header: true,
    columns,
    bom,
    record_delimiter: '\r\n',
    cast: {
      string: (value) => neutralise(value),
      boolean: (value) => (value ? 'true' : 'false'),
      number: (value) => String(value),
    },
  });
  try {
    await pipeline(Readable.from(rows, { objectMode: true, highWaterMark: 64 }), stringifier, res);
  } catch (err) {
    // A client that closes the download early is not an error worth a 500 (headers are gone anyway).
    if (!(err instanceof Error && 'code' in err && err.code === 'ERR_STREAM_PREMATURE_CLOSE')) {
      if (!res.headersSent) throw err;
      res.destroy(err instanceof Error ? err : undefined);
    }
  } finally {
    onEnd();
  }
}
