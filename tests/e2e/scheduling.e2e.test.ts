import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, seriousViolations, signUpInBrowser, useBrowserAndServer } from '../helpers/browser.js';

// Issue 10's "done means" in a real browser: a new user sets a 30-minute budget and a Blind 75
// focus, practises a question on demand, and sees the interval each grade gives on the buttons.
// Practice runs on any day, so the test does not depend on the real clock's weekday.
const env = useBrowserAndServer({ serverEnv: { RUNNER: 'off' } });

function readDb<T>(query: string, ...args: unknown[]): T {
  const db = new Database(env.dbPath, { readonly: true });
  try {
    return db.prepare(query).get(...args) as T;
  } finally {
    db.close();
  }
}

describe('scheduling in a real browser', () => {
  for (const width of [390, 1366]) {
    it(`sets a 30-minute budget and a Blind 75 focus, practises on demand, sees interval previews (${width} px)`, async () => {
      const page = await env.browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true });
      page.setDefaultTimeout(20_000);
      const failed: string[] = [];
      page.on('pageerror', (err) => failed.push(String(err)));
      const username = `e2e-sched-${width}`;
      await signUpInBrowser(page, env.server.url, username);

      // Settings: 30 minutes a day and the Blind 75 list for the algorithm round.
      await page.goto(`${env.server.url}/settings`);
      await page.fill('#algorithm-minutes', '30');
      await page.selectOption('#algorithm-focus', 'list:Blind 75');
      await page.click('text=Save algorithm schedule');
      await page.waitForURL(/\/settings\?saved=algorithm/);
      expect(await page.inputValue('#algorithm-minutes')).toBe('30');
      expect(await page.inputValue('#algorithm-focus')).toBe('list:Blind 75');
      expect(
        readDb<{ daily_minutes: number; focus_value: string }>(
          "select t.daily_minutes, t.focus_value from track_settings t join users u on u.id = t.user_id where u.username = ? and t.track = 'algorithm'",
          username,
        ),
      ).toEqual({ daily_minutes: 30, focus_value: 'Blind 75' });
      await page.screenshot({ path: path.join(ARTIFACTS, `sched-settings-${width}.png`), fullPage: true });

      // Today shows the budget and the focus.
      await page.goto(`${env.server.url}/today`);
      const today = (await page.textContent('body')) ?? '';
      expect(today).toMatch(/of 30 min/);
      expect(today).toMatch(/Focus: Blind 75 \(list\), 0 of \d+ seen/);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `sched-today-${width}.png`), fullPage: true });

      // Practise a Blind 75 question on demand from its page.
      const { id } = readDb<{ id: string }>(
        "select id from questions where track = 'algorithm' and meta like '%Blind 75%' and retired_at is null order by priority, id limit 1",
      );
      await page.goto(`${env.server.url}/questions/${id}`);
      await page.click('#practise-now');
      await page.waitForURL(`${env.server.url}/drills/algorithm`);
      await page.check('input[name=outcome][value=solved]');
      await page.click('#submit-answer');
      // The grade step comes on the same address.
      await page.locator('.interval').first().waitFor();

      // The grade buttons carry the interval each grade gives, as Anki's do.
      const intervals = await page.locator('.interval').allTextContents();
      expect(intervals).toHaveLength(4);
      for (const label of intervals) expect(label).toMatch(/^(\d+(m|h|d|w|mo)|\d+\.\d+y|today)$/);
      expect(intervals[0]).toMatch(/m$/); // Again: a learning step in minutes
      expect(await page.textContent('#interval-summary')).toMatch(/Again \d+m · Hard \S+ · Good \S+ · Easy \S+/);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `sched-grade-${width}.png`), fullPage: true });

      await Promise.all([page.waitForNavigation(), page.click('text=Confirm grade')]);
      const attempt = readDb<{ kind: string; final_grade: number; question_id: string }>(
        'select a.kind, a.final_grade, a.question_id from attempts a join users u on u.id = a.user_id where u.username = ?',
        username,
      );
      expect(attempt).toMatchObject({ kind: 'practice', question_id: id });
      expect(attempt.final_grade).toBeGreaterThanOrEqual(1);
      expect(failed).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
