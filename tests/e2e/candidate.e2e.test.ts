import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, seriousViolations, signUpInBrowser, useBrowserAndServer } from '../helpers/browser.js';

const env = useBrowserAndServer();

describe('a candidate in a real browser', () => {
  it('signs up, drills with a live timer, a hint and a refresh, grades, and sees Today updated', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await signUpInBrowser(page, env.server.url, 'e2e-candidate');
    expect(await page.textContent('body')).toContain('Start scripting drill');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'today.png'), fullPage: true });

    await page.click('text=Start scripting drill');
    await page.waitForURL(`${env.server.url}/drills/scripting`);
    const clock = page.locator('#clock');
    const t0 = await clock.textContent();
    await page.waitForFunction((before) => document.getElementById('clock')?.textContent !== before, t0, {
      timeout: 5000,
    });
    expect(await seriousViolations(page)).toEqual([]);

    await page.fill('#code', 'import sys\nprint("hello from the browser")\n');
    await page.click('text=Reveal hint 1');
    await page.waitForURL(`${env.server.url}/drills/scripting`);
    expect(await page.locator('.hints li').count()).toBe(1);
    expect(await page.inputValue('#code')).toContain('hello from the browser');

    // Type more, let autosave run, then refresh: code kept, timer not restarted.
    await page.fill('#code', 'import sys\nprint("typed after the hint")\n');
    await page.waitForFunction(
      () => (document.getElementById('draft-status')?.textContent ?? '').startsWith('Draft saved at'),
      undefined,
      { timeout: 15_000 },
    );
    const remainingBefore = Number(await page.getAttribute('.timer', 'data-remaining'));
    await page.waitForTimeout(1100);
    await page.reload();
    expect(await page.inputValue('#code')).toContain('typed after the hint');
    const remainingAfter = Number(await page.getAttribute('.timer', 'data-remaining'));
    expect(remainingAfter).toBeLessThan(remainingBefore);
    await page.screenshot({ path: path.join(ARTIFACTS, 'question.png'), fullPage: true });

    await page.check('input[name=outcome][value=solved]');
    await page.click('button:has-text("Submit answer")');
    await page.waitForURL(/\/attempts\/\d+$/);
    expect(await page.textContent('.suggestion')).toContain('1 hint -> Hard');
    await page.screenshot({ path: path.join(ARTIFACTS, 'grade.png'), fullPage: true });
    await page.check('input[name=grade][value="3"]');
    await page.click('button:has-text("Confirm grade")');
    await page.waitForSelector('text=Next question');
    expect(await page.textContent('body')).toContain('Approach');
    await page.screenshot({ path: path.join(ARTIFACTS, 'review.png'), fullPage: true });

    await page.goto(`${env.server.url}/today`);
    expect(await page.textContent('#h-scripting + p + dl')).toMatch(/Done today\s*1/);

    const db = new Database(env.dbPath, { readonly: true });
    const row = db.prepare('select code, hints_used, outcome, final_grade from attempts').get();
    db.close();
    expect(row).toEqual({
      code: 'import sys\nprint("typed after the hint")\n',
      hints_used: 1,
      outcome: 'solved',
      final_grade: 3,
    });
  });

  it('works with the keyboard alone', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1000, height: 800 } });
    await signUpInBrowser(page, env.server.url, 'e2e-keyboard');
    await page.goto(`${env.server.url}/drills/scripting`);
    const focusOn = async (selector: string) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      }
      throw new Error(`could not reach ${selector} with Tab`);
    };
    await focusOn('#code');
    await page.keyboard.type('def solve():\n    return 42\n');
    await focusOn('input[name=outcome][value=solved]');
    await page.keyboard.press('Space');
    await focusOn('button.primary[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/attempts\/\d+$/);
    await focusOn('input[name=grade]:checked');
    await page.keyboard.press('ArrowUp');
    const chosen = Number(
      await page.evaluate(() => (document.querySelector('input[name=grade]:checked') as HTMLInputElement).value),
    );
    await focusOn('button.primary[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Next question');
    const db = new Database(env.dbPath, { readonly: true });
    const row = db
      .prepare(
        "select a.code, a.outcome, a.final_grade, a.suggested_grade from attempts a join users u on u.id = a.user_id where u.username = 'e2e-keyboard'",
      )
      .get() as { code: string; outcome: string; final_grade: number; suggested_grade: number };
    db.close();
    expect(row.code).toBe('def solve():\n    return 42\n');
    expect(row.outcome).toBe('solved');
    expect(row.final_grade).toBe(chosen);
    expect(chosen).not.toBe(row.suggested_grade);
  });
});
