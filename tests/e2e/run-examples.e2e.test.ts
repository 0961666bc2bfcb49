import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.js';
import { ARTIFACTS, launch, openDrill, seriousViolations, signUpInBrowser } from '../helpers/browser.js';

// The browser side of POST /attempts/:id/run against a stand-in for the runner that answers as
// the contract says (the real runner lands on main separately). The page itself is the app's.
type Answer = { status: number; headers?: Record<string, string>; body: unknown };
const runner = { next: { status: 500, body: {} } as Answer, requests: [] as { accept: string; body: unknown }[] };

const RUN = {
  run: {
    id: 7,
    scope: 'examples',
    passed: 1,
    total: 2,
    cases: [
      {
        index: 0,
        name: 'basic',
        visible: true,
        verdict: 'passed',
        ms: 41,
        input: 'report(["a.log"])',
        expected: 'a.log',
        actual: 'a.log',
        stdout: '',
        stderr: '',
        error: '',
      },
      {
        index: 1,
        name: 'two files',
        visible: true,
        verdict: 'failed',
        ms: 38,
        input: 'report(["a.log", "b.log"])',
        expected: 'a.log\nb.log\n2 files',
        actual: 'a.log\nb.log\n1 files',
        stdout: `debug: <scanning> ${'z'.repeat(400)}`,
        stderr: '',
        error: '',
      },
    ],
  },
};

let browser: Browser;
let url = '';
let close: () => Promise<void>;
beforeAll(async () => {
  // A runner is configured (the page renders the Run button); the stand-in below answers the runs,
  // so the browser side can be shown every answer the contract allows (busy, limits, offline).
  const { app } = createTestApp({ runner: 'bare' });
  const outer = express();
  outer.post('/attempts/:id/run', express.urlencoded({ extended: false }), (req, res) => {
    runner.requests.push({ accept: req.get('accept') ?? '', body: req.body });
    res
      .status(runner.next.status)
      .set(runner.next.headers ?? {})
      .json(runner.next.body);
  });
  outer.use(app);
  const server = outer.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
  browser = await launch();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await close?.();
});

const posted = (page: Page) => page.evaluate(() => (document.getElementById('code') as HTMLTextAreaElement).value);

describe('Run examples in the browser', () => {
  it('shows the results in place, keeps the code, the notes and the scroll, and handles busy, limits and no runner', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    await signUpInBrowser(page, url, 'runner-user');
    await openDrill(page, url, 'scripting');
    await page.click('.cm-content');
    await page.keyboard.type('def report(files):\nreturn files');
    await page.fill('#notes', 'two pointers?');
    await page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
      document.getElementById('run-examples')?.scrollIntoView({ block: 'center' });
    });
    const scrollBefore = await page.evaluate(() => window.scrollY);

    runner.next = { status: 200, body: RUN };
    await page.click('#run-examples');
    await page.waitForFunction(() => document.getElementById('run-status')?.textContent === '1 of 2 examples passed');
    expect(runner.requests.at(-1)).toEqual({
      accept: 'application/json',
      body: expect.objectContaining({
        code: 'def report(files):\n    return files',
        scope: 'examples',
        _csrf: expect.stringMatching(/.+/),
      }),
    });
    const results = (await page.textContent('#run-results')) ?? '';
    expect(results).toContain('1 of 2 examples passed');
    expect(results).toContain('✓ Passed');
    expect(results).toContain('✗ Failed');
    expect(results).toContain('debug: <scanning>');
    expect(await page.textContent('#run-results pre.diff .del')).toBe('- 2 files');
    expect(await page.textContent('#run-results pre.diff .ins')).toBe('+ 1 files');
    // Nothing else moved: same page, same code, same notes, same scroll position.
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    expect(await posted(page)).toBe('def report(files):\n    return files');
    expect(await page.inputValue('#notes')).toBe('two pointers?');
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrollBefore)).toBeLessThanOrEqual(1);
    // Announced by the status region, shown once (by the results): the region is for screen readers.
    expect(await page.getAttribute('#run-status', 'role')).toBe('status');
    expect(await page.getAttribute('#run-status', 'class')).toContain('visually-hidden');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'run-results.png'), fullPage: true });
    // A long output line scrolls inside its box, even on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'run-results-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    runner.next = {
      status: 503,
      headers: { 'retry-after': '5' },
      body: { error: { code: 'runner.busy', message: 'All runners are busy.', retryAfterSeconds: 5 } },
    };
    await page.click('#run-examples');
    await page.waitForFunction(() => document.getElementById('run-status')?.textContent === 'Busy, try again in 5 s');
    expect(await page.getAttribute('#run-status', 'class')).not.toContain('visually-hidden');
    expect(await page.isEnabled('#run-examples')).toBe(true);
    expect(await page.textContent('#run-results')).toContain('1 of 2 examples passed');
    expect(await posted(page)).toBe('def report(files):\n    return files');

    runner.next = {
      status: 429,
      body: { error: { code: 'rate_limited', message: 'Too many runs: at most 10 a minute.' } },
    };
    await page.click('#run-examples');
    await page.waitForFunction(
      () => document.getElementById('run-status')?.textContent === 'Too many runs: at most 10 a minute.',
    );

    await page.route('**/attempts/*/run', (route) => route.abort());
    await page.click('#run-examples');
    await page.waitForFunction(() =>
      (document.getElementById('run-status')?.textContent ?? '').startsWith('Could not reach the server'),
    );
    await page.unroute('**/attempts/*/run');

    runner.next = {
      status: 503,
      body: { error: { code: 'runner.unavailable', message: 'Running code is unavailable on this server.' } },
    };
    await page.click('#run-examples');
    await page.waitForSelector('#runner-off', { state: 'visible' });
    expect(await page.isVisible('#run-examples')).toBe(false);
    expect(await page.textContent('#runner-off')).toBe(
      'Running code is unavailable on this server; mark your outcome yourself.',
    );
    expect(await posted(page)).toBe('def report(files):\n    return files');
    expect(await page.inputValue('#notes')).toBe('two pointers?');
  }, 120_000);

  it('Enter in a field never runs the code', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await signUpInBrowser(page, url, 'runner-enter');
    await openDrill(page, url, 'scripting');
    const before = runner.requests.length;
    await page.focus('#notes');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/attempts\/\d+$/);
    expect(runner.requests.length).toBe(before);
  }, 60_000);
});
