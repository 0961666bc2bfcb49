import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cell, encodeRow, encodeText, neutralise } from '../../src/export/csv.js';

const readBack = (text: string) => parse(text, { columns: false, relax_column_count: true }) as string[][];

describe('CSV encoder', () => {
  it('quotes only the fields that need it and ends records with CRLF', () => {
    expect(encodeRow(['plain', ' spaced ', 'naïve 日本語 🚀'])).toBe('plain, spaced ,naïve 日本語 🚀\r\n');
    expect(encodeRow(['a,b', 'say "hi"', 'line\r\nbreak', 'lf\nonly', 'cr\ronly'])).toBe(
      '"a,b","say ""hi""","line\r\nbreak","lf\nonly","cr\ronly"\r\n',
    );
    // Nothing but quotes: wrapped, each one doubled.
    expect(encodeText('""')).toBe('""""""');
    expect(encodeText('"')).toBe('""""');
  });

  it('writes an empty string and null alike, as an empty field', () => {
    expect(encodeRow(['', null, 'x'])).toBe(',,x\r\n');
    expect(encodeRow([null, ''])).toBe(',\r\n');
    // A record of one empty field must not turn into a blank line that readers drop.
    expect(encodeRow([''])).toBe('""\r\n');
    expect(readBack(encodeRow(['']) + encodeRow(['a']))).toEqual([[''], ['a']]);
  });

  it('keeps numbers and booleans as data, and neutralises text that a spreadsheet would run', () => {
    expect(encodeRow([-3, 0, 1.5, true, false])).toBe('-3,0,1.5,true,false\r\n');
    expect(encodeRow(['-3', '-x', '+1', '=SUM(A1)', '@A1'])).toBe("'-3,'-x,'+1,'=SUM(A1),'@A1\r\n");
    // Tab needs no quotes; CR does, after the apostrophe.
    expect(encodeRow(['\tcmd', '\rcmd'])).toBe(`'\tcmd,"'\rcmd"\r\n`);
    expect(encodeRow(['=HYPERLINK("http://x","y")'])).toBe(`"'=HYPERLINK(""http://x"",""y"")"\r\n`);
    // Only the first character counts.
    expect(encodeRow(['1-2', 'a=b', ' =1'])).toBe('1-2,a=b, =1\r\n');
  });

  it('reads back as the neutralised input for any text, with csv-parse', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom('"', '""', ',', '\r\n', '\r', '\n', '-1', '=1', '\t', ' a '),
      fc.string({ unit: fc.constantFrom('"', ',', '\r', '\n', 'a', '=', '-') }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((r) => encodeRow(r)).join('');
        expect(readBack(text)).toEqual(rows.map((r) => r.map(neutralise)));
      }),
      { numRuns: 300 },
    );
  });

  it('reads numbers, booleans and nulls back as their text', () => {
    const row: Cell[] = [42, -0.25, true, null, 'ok'];
    expect(readBack(encodeRow(row))).toEqual([['42', '-0.25', 'true', '', 'ok']]);
  });
});
