export type DiffLine = { op: 'same' | 'del' | 'ins'; text: string };

/** Above this many line pairs the middle is shown as all-removed then all-added (still correct). */
const MAX_CELLS = 40_000;

/**
 * A line diff of expected vs actual output: shared lines, lines only in `expected` (del) and lines
 * only in `actual` (ins). Used by the run results in the page and in the browser alike, so it has
 * no dependencies. Outputs are cut at 8 KB by the runner; the longest-common-subsequence table is
 * only built for the part that differs and only when it is small.
 */
export function lineDiff(expected: string, actual: string): DiffLine[] {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head = a.slice(0, start).map((text): DiffLine => ({ op: 'same', text }));
  const tail = a.slice(endA).map((text): DiffLine => ({ op: 'same', text }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  return [...head, ...diffMiddle(midA, midB), ...tail];
}

function diffMiddle(a: string[], b: string[]): DiffLine[] {
  const del = (text: string): DiffLine => ({ op: 'del', text });
  const ins = (text: string): DiffLine => ({ op: 'ins', text });
  if (a.length === 0 || b.length === 0 || a.length * b.length > MAX_CELLS) return [...a.map(del), ...b.map(ins)];
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..], in one flat array.
  const w = b.length + 1;
  const lcs = new Uint16Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * w + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i] ?? '' });
      i++;
      j++;
    } else if ((lcs[(i + 1) * w + j] ?? 0) >= (lcs[i * w + j + 1] ?? 0)) out.push(del(a[i++] ?? ''));
    else out.push(ins(b[j++] ?? ''));
  }
  while (i < a.length) out.push(del(a[i++] ?? ''));
  while (j < b.length) out.push(ins(b[j++] ?? ''));
  return out;
}
