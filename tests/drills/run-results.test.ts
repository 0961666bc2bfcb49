import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ejs from 'ejs';
import { afterAll, describe, expect, it } from 'vitest';
import { ejsClientModule } from '../../src/client/build.js';
import { lineDiff } from '../../src/shared/line-diff.js';
import { tempDir } from '../helpers/tmp.js';

const VIEWS = path.resolve(import.meta.dirname, '../../views');
const PARTIAL = path.join(VIEWS, 'drills/_run-results.ejs');
const tmp = tempDir('run-results');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const run = {
  id: 7,
  scope: 'examples',
  passed: 1,
  total: 3,
  cases: [
    {
      index: 0,
      name: 'basic',
      visible: true,
      verdict: 'passed',
      ms: 41,
      input: 'two_sum([2, 7, 11, 15], 9)',
      expected: '[0, 1]',
      actual: '[0, 1]',
      stdout: '',
      stderr: '',
      error: '',
    },
    {
      index: 1,
      name: 'lines',
      visible: true,
      verdict: 'failed',
      ms: 12,
      input: 'report("<b>")',
      expected: 'ok 1\nok 2\nok 3',
      actual: 'ok 1\nbad <script>alert(1)</script>\nok 3',
      stdout: 'debug & more',
      stderr: 'warning: careful',
      error: '',
    },
    {
      // Output right, files wrong: only the judge's reason says what failed.
      index: 3,
      name: 'archive',
      visible: true,
      verdict: 'failed',
      ms: 30,
      input: 'python3 solution.py logs 7 old.tar.gz',
      expected: '1 file archived',
      actual: '1 file archived',
      reason: 'old.tar.gz is not gzip-compressed; old.tar.gz is missing <a.log>',
      stdout: '',
      stderr: '',
      error: '',
    },
    { index: 2, name: 'big input', visible: false, verdict: 'timeout', ms: 2000 },
  ],
};

/** What the server renders (the app's EJS settings) and what the drill page's script renders. */
async function bothRenders(locals: Record<string, unknown>) {
  const server = await ejs.renderFile(PARTIAL, locals, { root: VIEWS, views: [VIEWS] });
  const file = path.join(tmp, `render-${Math.random().toString(36).slice(2)}.mjs`);
  fs.writeFileSync(file, ejsClientModule(fs.readFileSync(PARTIAL, 'utf8'), PARTIAL));
  const { default: render } = (await import(pathToFileURL(file).href)) as {
    default: (l: Record<string, unknown>) => string;
  };
  return { server, browser: render(locals) };
}

describe('the run results partial', () => {
  it('renders the same markup on the server and in the browser', async () => {
    const { server, browser } = await bothRenders({ run, lineDiff });
    expect(browser).toBe(server);
    const empty = await bothRenders({ run: null });
    expect(empty.browser).toBe(empty.server);
    expect(empty.server.trim()).toBe('');
  });

  it('says why a failed case failed when the output matches (files, archives, stderr)', async () => {
    const { server: html } = await bothRenders({ run, lineDiff });
    expect(html).toContain(
      '<dt>Why it failed</dt><dd><p class="reason">old.tar.gz is not gzip-compressed; old.tar.gz is missing &lt;a.log&gt;</p></dd>',
    );
    // A passed case carries no reason to show.
    expect(html.match(/Why it failed/g)).toHaveLength(1);
  });

  it('shows the summary, each verdict as text, runtimes, and only name, verdict and time for hidden cases', async () => {
    const { server: html } = await bothRenders({ run, lineDiff });
    expect(html).toContain('1 of 3 examples passed');
    expect(html).toContain('✓ Passed');
    expect(html).toContain('✗ Failed');
    expect(html).toContain('⏱ Timed out');
    expect(html).toContain('41 ms');
    expect(html).toContain('2000 ms · hidden case');
    // A passed case starts folded, the others open.
    expect(html).toMatch(/<details>\s*<summary><span class="verdict passed">/);
    expect(html).toMatch(/<details open>\s*<summary><span class="verdict failed">/);
    const hidden = html.slice(html.indexOf('big input'));
    expect(hidden).not.toContain('Expected');
    expect(hidden).not.toContain('Input');
  });

  it('escapes what the code printed and shows a line diff of a failed multi-line case', async () => {
    const { server: html } = await bothRenders({ run, lineDiff });
    expect(html).not.toContain('<script>');
    expect(html).toContain('bad &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('report(&#34;&lt;b&gt;&#34;)');
    expect(html).toContain('debug &amp; more');
    expect(html).toContain('<span class="del">- ok 2</span>');
    expect(html).toContain('<span class="ins">+ bad &lt;script&gt;');
    expect(html).toContain('<span class="same">  ok 1</span>');
    // Without the diff helper the results still render, without the diff.
    const plain = await ejs.renderFile(PARTIAL, { run }, { root: VIEWS });
    expect(plain).toContain('✗ Failed');
    expect(plain).not.toContain('class="diff"');
  });

  it('names the scope: tests for a full run, one example in the singular', async () => {
    const all = await ejs.renderFile(PARTIAL, { run: { ...run, scope: 'all', passed: 4, total: 6 } }, { root: VIEWS });
    expect(all).toContain('4 of 6 tests passed');
    const one = await ejs.renderFile(
      PARTIAL,
      { run: { ...run, passed: 1, total: 1, cases: [run.cases[0]] } },
      { root: VIEWS },
    );
    expect(one).toContain('1 of 1 example passed');
    expect(one).toContain('all-passed');
  });
});
