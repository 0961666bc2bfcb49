import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { migrateDatabase, openDatabase } from '../../src/db/database.js';
import { prepareBank } from '../../src/questions/bank.sync.js';
import { createFixedClock, systemClock } from '../../src/shared/clock.js';
import { localDay } from '../../src/shared/days.js';
import {
  DEMO_COACH,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  seedDemoGroup,
  seedDemoHistory,
} from '../../src/stats/demo-history.js';
import { ARTIFACTS, logInInBrowser, openDrill, signUpInBrowser, useBrowserAndServer } from '../helpers/browser.js';

// Each page is loaded, measured and photographed at two widths: minutes on a busy 2-core machine.
const PAGE_TEST_TIMEOUT = 300_000;

const WIDTHS = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
] as const;

const LONG_LINE = `result = [transform(record) for record in records if record.get("status") == "ok" and record.get("size", 0) > threshold]  # ${'x'.repeat(160)}`;
const LONG_WORD = `see-${'y'.repeat(200)}`;

/** Ids the pages are reached with, read while seeding. */
const ids = { demoId: 0, groupId: 0, attemptId: 0, questionId: '' };

async function seed(dbPath: string) {
  const config = parseConfig({});
  const db = openDatabase(dbPath);
  migrateDatabase(db);
  const { catalog } = prepareBank({ db, questionsDir: config.questionsDir, clock: systemClock });
  const today = localDay(systemClock.now(), { timeZone: 'Europe/Berlin', dayStartHour: 4 });
  const history = await seedDemoHistory({
    db,
    catalog,
    clock: createFixedClock(systemClock.now()),
    today,
    days: 30,
    scryptCost: 1024,
  });
  const group = await seedDemoGroup({ db, catalog, clock: createFixedClock(systemClock.now()), scryptCost: 1024 });
  if (!history || !group) throw new Error('the demo seed did nothing');
  // The latest attempt gets long code lines and notes, as a candidate would paste them.
  const latest = db.$client
    .prepare('select id, question_id from attempts where user_id = ? order by id desc limit 1')
    .get(history.userId) as { id: number; question_id: string };
  db.$client
    .prepare('update attempts set code = ?, notes = ? where id = ?')
    .run(`import sys\n${LONG_LINE}\n${LONG_LINE}\n`, `${LONG_WORD} and ${LONG_LINE}`, latest.id);
  Object.assign(ids, {
    demoId: history.userId,
    groupId: group.groupId,
    attemptId: latest.id,
    questionId: latest.question_id,
  });
  db.$client.close();
}

// Self-reported outcomes: the page layout is the subject here, not the runner.
const env = useBrowserAndServer({ seed, serverEnv: { RUNNER: 'off' } });

/** At each width: nothing scrolls sideways, and a full-page screenshot for a person to look at. */
async function checkPage(page: Page, name: string) {
  const overflows: string[] = [];
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    const { scrollWidth, innerWidth, culprits, height } = await page.evaluate(() => {
      const innerWidth = window.innerWidth;
      // The widest elements that stick out: named in the failure message.
      const culprits = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > innerWidth + 1)
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}`);
      return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth,
        culprits,
        height: document.documentElement.scrollHeight,
      };
    });
    // The top 4000 px: the whole of the question list at 390 px is too tall to photograph quickly.
    await page.screenshot({
      path: path.join(ARTIFACTS, `layout-${name}-${size.width}.png`),
      fullPage: true,
      clip: { x: 0, y: 0, width: size.width, height: Math.min(height, 4000) },
      timeout: 60_000,
    });
    if (scrollWidth > innerWidth)
      overflows.push(`${name} at ${size.width}px: scrollWidth ${scrollWidth} (${culprits.join(', ')})`);
  }
  return overflows;
}

describe('no page scrolls sideways, at 390 px and at 1366 px', () => {
  let demo: BrowserContext;
  let coach: BrowserContext;
  let fresh: BrowserContext;
  beforeAll(async () => {
    demo = await env.browser.newContext();
    coach = await env.browser.newContext();
    fresh = await env.browser.newContext();
  });
  afterAll(async () => {
    await Promise.all([demo?.close(), coach?.close(), fresh?.close()]);
  });

  it(
    'on the drill, grade and review pages, with long code lines; the timer stays in view',
    async () => {
      const page = await fresh.newPage();
      await signUpInBrowser(page, env.server.url, 'layout-fresh');
      // The scripting track drills every day (the algorithm track skips weekends by default).
      await openDrill(page, env.server.url, 'scripting');
      await page.click('.cm-content');
      await page.keyboard.type(`import sys\n${LONG_LINE}`);
      await page.fill('#notes', LONG_WORD);
      const overflows = await checkPage(page, 'drill');

      // Long lines scroll inside the editor, not the page.
      const editor = await page.evaluate(() => {
        const scroller = document.querySelector('.cm-scroller') as HTMLElement;
        return { scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth };
      });
      expect(editor.scrollWidth).toBeGreaterThan(editor.clientWidth);

      // The timer stays on screen while the prompt scrolls by.
      for (const size of WIDTHS) {
        await page.setViewportSize(size);
        const promptBottom = await page.evaluate(() => {
          const prompt = document.querySelector('.prompt') as HTMLElement;
          return prompt.getBoundingClientRect().bottom + window.scrollY;
        });
        for (const y of [0, promptBottom / 3, (promptBottom * 2) / 3, promptBottom - 100]) {
          await page.evaluate((top) => window.scrollTo(0, top), y);
          const box = await page.evaluate(() => {
            const r = (document.querySelector('.timer') as HTMLElement).getBoundingClientRect();
            return { top: r.top, bottom: r.bottom, innerHeight: window.innerHeight, scrollY: window.scrollY };
          });
          expect(box.top, `timer at ${size.width}px, scrolled to ${Math.round(box.scrollY)}`).toBeGreaterThanOrEqual(0);
          expect(box.bottom).toBeLessThanOrEqual(box.innerHeight);
        }
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 3));
        await page.screenshot({ path: path.join(ARTIFACTS, `layout-drill-scrolled-${size.width}.png`) });
      }

      await page.setViewportSize(WIDTHS[0]);
      await page.check('input[name=outcome][value=solved]');
      await page.click('button.primary:has-text("Submit answer")');
      await page.waitForURL(/\/attempts\/\d+$/);
      overflows.push(...(await checkPage(page, 'grade')));
      await page.click('button:has-text("Confirm grade")');
      await page.waitForSelector('text=Next question');
      overflows.push(...(await checkPage(page, 'review')));
      expect(overflows).toEqual([]);
    },
    PAGE_TEST_TIMEOUT,
  );

  it(
    "on the candidate's history, stats, questions, review and group pages",
    async () => {
      const page = await demo.newPage();
      await logInInBrowser(page, env.server.url, DEMO_USERNAME, DEMO_PASSWORD);
      const overflows = await checkPage(page, 'today');
      for (const [name, url] of [
        ['history', '/history'],
        ['stats', '/stats'],
        ['questions', '/questions'],
        ['question', `/questions/${ids.questionId}`],
        ['attempt', `/attempts/${ids.attemptId}`],
        ['groups', '/groups'],
        ['group', `/groups/${ids.groupId}`],
        ['settings', '/settings'],
      ] as const) {
        const res = await page.goto(`${env.server.url}${url}`);
        expect(res?.status(), url).toBe(200);
        overflows.push(...(await checkPage(page, name)));
      }
      expect(await page.textContent('main')).toBeTruthy();
      expect(overflows).toEqual([]);
    },
    PAGE_TEST_TIMEOUT,
  );

  it(
    "on the coach's group, member history, member stats and attempt pages",
    async () => {
      const page = await coach.newPage();
      await logInInBrowser(page, env.server.url, DEMO_COACH, DEMO_PASSWORD);
      const overflows: string[] = [];
      for (const [name, url] of [
        ['coach-group', `/groups/${ids.groupId}`],
        ['coach-member', `/groups/${ids.groupId}/members/${ids.demoId}`],
        ['coach-member-stats', `/groups/${ids.groupId}/members/${ids.demoId}/stats`],
        ['coach-attempt', `/groups/${ids.groupId}/attempts/${ids.attemptId}`],
      ] as const) {
        const res = await page.goto(`${env.server.url}${url}`);
        expect(res?.status(), url).toBe(200);
        overflows.push(...(await checkPage(page, name)));
      }
      expect(await page.textContent('main')).toContain(LONG_LINE.slice(0, 40));
      expect(overflows).toEqual([]);
    },
    PAGE_TEST_TIMEOUT,
  );
});
