import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { type Db, migrateDatabase, openDatabase } from '../../src/db/database.js';
import { prepareBank } from '../../src/questions/bank.sync.js';
import { createBareLauncher } from '../../src/questions/harness/launch.js';
import { queueFor } from '../../src/runner/runner.setup.js';
import { systemClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { writeFixtureBank } from '../helpers/bank.js';
import { ARTIFACTS, launch, seriousViolations, signUpInBrowser } from '../helpers/browser.js';

// A full loop in Chromium on the real clock, shortened by MOCK_MINUTES_SCALE (75 min x 0.008 =
// 36 s): a run that fails then passes and a submit on question 1, typing on question 2 until the
// clock runs out, then the scorecard. The in-process timer and the page's own reload end the round.
const SCALE = '0.008';

let browser: Browser;
let db: Db;
let url = '';
let close: () => Promise<void>;
beforeAll(async () => {
  const config = {
    ...parseConfig({ NODE_ENV: 'test', MOCK_MINUTES_SCALE: SCALE }),
    questionsDir: writeFixtureBank({ scripting: 3, algorithm: 4 }),
    fsrsFuzz: false,
    scryptCost: 1024,
    loginRateLimit: 1000,
    registerRateLimit: 1000,
  };
  db = openDatabase(':memory:');
  migrateDatabase(db);
  const { catalog } = prepareBank({ db, questionsDir: config.questionsDir, clock: systemClock });
  const runQueue = queueFor({ config, clock: systemClock, launcherFor: () => createBareLauncher() });
  const app = createApp({ db, clock: systemClock, config, catalog, runQueue, logger: silentLogger, mockSweepMs: 1000 });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
  browser = await launch();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await close?.();
});

async function typeInEditor(page: Page, position: number, text: string) {
  await page.click(`#q${position} .cm-content`);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

describe('a mock interview in the browser', () => {
  it('runs a full loop: a failing then passing run, a submit, a timeout on question 2, the scorecard', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    await signUpInBrowser(page, url, 'mock-candidate');
    await page.goto(`${url}/mocks`);
    await page.check('input[name="format"][value="loop"]');
    await page.click('button:has-text("Start the mock")');
    await page.waitForURL(/\/mocks\/\d+$/);
    const mockId = Number(/\/mocks\/(\d+)$/.exec(page.url())?.[1]);

    // Two tabs; the second question hidden until chosen.
    expect(await page.locator('[role="tab"]').count()).toBe(2);
    expect(await page.isVisible('#q1')).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'mock-1366.png'), fullPage: true });

    // Question 1: a run that fails, then one that passes, then submit.
    await typeInEditor(page, 0, 'def solve(x):\nreturn 0');
    await page.click('#q0 .run-examples');
    await page.waitForFunction(() => /0 of 1/.test(document.querySelector('#q0 .run-status')?.textContent ?? ''));
    await typeInEditor(page, 0, 'def solve(x):\nreturn x');
    await page.click('#q0 .run-examples');
    await page.waitForFunction(() => /1 of 1/.test(document.querySelector('#q0 .run-status')?.textContent ?? ''));
    await page.click('#q0 .submit-answer');
    await page.waitForSelector('#q0 .saved');

    // Question 2: typed, autosaved, never submitted; the clock runs out.
    await page.click('#tab-1');
    expect(await page.isVisible('#q1')).toBe(true);
    await typeInEditor(page, 1, 'def solve(x):\n# thinking\nreturn x');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'mock-390.png'), fullPage: true });
    await page.waitForURL(`${url}/mocks/${mockId}/scorecard`, { timeout: 60_000 });

    const rows = db.$client
      .prepare(
        `select a.code, a.cases_passed, a.graded_at from mock_questions mq join attempts a on a.id = mq.attempt_id
          where mq.mock_id = ? order by mq.position`,
      )
      .all(mockId) as { code: string; cases_passed: number; graded_at: number | null }[];
    expect(rows.map((r) => r.code)).toEqual([
      'def solve(x):\n    return x',
      'def solve(x):\n    # thinking\n    return x',
    ]);
    expect(rows.every((r) => r.graded_at !== null)).toBe(true);
    expect(db.$client.prepare('select status, finish_reason from mocks where id = ?').get(mockId)).toEqual({
      status: 'finished',
      finish_reason: 'timeout',
    });

    // The scorecard: tests, one run before the first pass on question 1, the timeout on question 2.
    const table = (await page.textContent('table')) ?? '';
    expect(table).toContain('submitted when time ran out');
    expect(table).toMatch(/1 \(2 runs\)/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'mock-scorecard-390.png'), fullPage: true });

    for (const [key, level] of [
      ['understanding', 3],
      ['correctness', 3],
      ['complexity', 2],
      ['quality', 3],
      ['testing', 2],
      ['communication', 4],
    ] as const)
      await page.check(`input[name="${key}"][value="${level}"]`);
    await page.check('input[name="wouldAdvance"][value="yes"]');
    await page.fill('#summary', 'Ran out of time on the second question.');
    await page.click('button:has-text("Save my rubric")');
    await page.waitForSelector('text=Rubric saved.');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'mock-scorecard-1366.png'), fullPage: true });
    await page.goto(`${url}/mocks`);
    expect(await page.textContent('table')).toContain('2.8 / 4 · advance');
    await page.close();
  }, 120_000);
});
