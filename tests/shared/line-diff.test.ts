import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DiffLine, lineDiff } from '../../src/shared/line-diff.js';

const side = (diff: DiffLine[], which: 'expected' | 'actual') =>
  diff
    .filter((d) => d.op === 'same' || d.op === (which === 'expected' ? 'del' : 'ins'))
    .map((d) => d.text)
    .join('\n');

describe('lineDiff (expected vs actual of a failed case)', () => {
  it('keeps shared lines and marks the ones that differ', () => {
    expect(lineDiff('a\nb\nc', 'a\nx\nc')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'del', text: 'b' },
      { op: 'ins', text: 'x' },
      { op: 'same', text: 'c' },
    ]);
    expect(lineDiff('1\n2\n3', '1\n3')).toEqual([
      { op: 'same', text: '1' },
      { op: 'del', text: '2' },
      { op: 'same', text: '3' },
    ]);
    expect(lineDiff('', 'out')).toEqual([
      { op: 'del', text: '' },
      { op: 'ins', text: 'out' },
    ]);
  });

  it('finds a smallest diff inside a changed middle', () => {
    const diff = lineDiff('h\na\nb\nc\nd\nt', 'h\nb\nc\nx\nd\nt');
    expect(diff.filter((d) => d.op !== 'same')).toEqual([
      { op: 'del', text: 'a' },
      { op: 'ins', text: 'x' },
    ]);
  });

  it('stays linear on outputs of thousands of lines (the runner cuts them at 8 KB)', () => {
    const expected = Array.from({ length: 4000 }, (_, i) => `e${i}`).join('\n');
    const actual = Array.from({ length: 4000 }, (_, i) => `a${i}`).join('\n');
    const started = performance.now();
    const diff = lineDiff(expected, actual);
    expect(performance.now() - started).toBeLessThan(500);
    expect(diff).toHaveLength(8000);
    expect(side(diff, 'expected')).toBe(expected);
    expect(side(diff, 'actual')).toBe(actual);
  });

  it('always rebuilds both sides exactly', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', '', 'long line'), { maxLength: 30 }).map((l) => l.join('\n'));
    fc.assert(
      fc.property(text, text, (expected, actual) => {
        const diff = lineDiff(expected, actual);
        expect(side(diff, 'expected')).toBe(expected);
        expect(side(diff, 'actual')).toBe(actual);
      }),
    );
  });
});
