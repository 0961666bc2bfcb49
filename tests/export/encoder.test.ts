import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cell, encodeRow, encodeText, neutralise } from '../../src/export/csv.js';

const readBack = (text: string) => parse(text, { columns: false, relax_column_count: true }) as string[][];

describe('CSV encoder', () => {
  it('quotes only the fields that need it and ends records with CRLF', () => {
    expect(encodeRow(['plain', 'spaced inside ', 'naïve 日本語 🚀'])).toBe('plain,spaced inside ,naïve 日本語 🚀\r\n');
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
    expect(encodeRow(['1-2', 'a=b', 'a =1'])).toBe('1-2,a=b,a =1\r\n');
  });

  it('neutralises text that starts with any whitespace or a full-width formula sign', () => {
    // Spreadsheets trim leading whitespace (ASCII or Unicode) before they look for a formula,
    // and some fold full-width ＝＋－＠ to their ASCII forms.
    const starts = [
      ' ',
      '\t',
      '\r',
      '\n',
      '\u00a0',
      '\u1680',
      '\u2000',
      '\u2007',
      '\u200a',
      '\u2028',
      '\u2029',
      '\u202f',
      '\u205f',
      '\u3000',
      '\ufeff',
      '\u000b',
      '\u000c',
      '\uff1d',
      '\uff0b',
      '\uff0d',
      '\uff20',
    ];
    for (const start of starts) {
      const value = `${start}=1+1`;
      const label = `U+${start.codePointAt(0)?.toString(16).padStart(4, '0')}`;
      expect(neutralise(value), label).toBe(`'${value}`);
      expect(readBack(encodeRow([value, 'x'])), label).toEqual([[`'${value}`, 'x']]);
    }
    expect(encodeRow([' =1', '\u00a0@A1', '＝SUM(A1)', '＋1', '－1', '＠A1'])).toBe(
      "' =1,'\u00a0@A1,'＝SUM(A1),'＋1,'－1,'＠A1\r\n",
    );
    // An LF start needs the apostrophe and quotes.
    expect(encodeText('\n=1')).toBe(`"'\n=1"`);
    // Full-width letters and other signs are plain text.
    expect(encodeRow(['ｘ=1', '＃1', 'a\u00a0b'])).toBe('ｘ=1,＃1,a\u00a0b\r\n');
  });

  it('reads back as the neutralised input for any text, with csv-parse', () => {
    const risky = ['=', '+', '-', '@', ' ', '\t', '\r', '\n', '\u00a0', '\u2003', '\u3000', '＝', '＋', '－', '＠'];
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom('"', '""', ',', '\r\n', '\r', '\n', '-1', '=1', '\t', ' a ', '\u00a0=1', '＝1', '＠x'),
      fc.string({ unit: fc.constantFrom('"', ',', '\r', '\n', 'a', '=', '-', '\u00a0', '＋', '\u2009') }),
      fc.tuple(fc.constantFrom(...risky), fc.string({ unit: 'grapheme' })).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((r) => encodeRow(r)).join('');
        expect(readBack(text)).toEqual(rows.map((r) => r.map(neutralise)));
        // No cell a spreadsheet reads starts with a formula sign or whitespace.
        for (const cells of readBack(text))
          for (const c of cells) expect(c === '' || /^[^=+\-@\s＝＋－＠]/u.test(c), JSON.stringify(c)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('reads numbers, booleans and nulls back as their text', () => {
    const row: Cell[] = [42, -0.25, true, null, 'ok'];
    expect(readBack(encodeRow(row))).toEqual([['42', '-0.25', 'true', '', 'ok']]);
  });
});
