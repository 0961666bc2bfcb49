import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  clearEditor,
  openDrill,
  seriousViolations,
  signUpInBrowser,
  useBrowserAndServer,
} from '../helpers/browser.js';

// The self-reported flow (no code runs): the editor, hints, keyboard and drafts. The runner has
// its own browser test (runner.e2e.test.ts).
const env = useBrowserAndServer({ serverEnv: { RUNNER: 'off' } });

/** What the editor holds, as the form will post it (the hidden textarea it keeps filled). */
const posted = (page: Page) => page.evaluate(() => (document.getElementById('code') as HTMLTextAreaElement).value);

function attemptRow(username: string) {
  const db = new Database(env.dbPath, { readonly: true });
  const row = db
    .prepare(
      'select a.code, a.notes, a.hints_used, a.outcome, a.final_grade, a.suggested_grade from attempts a join users u on u.id = a.user_id where u.username = ?',
    )
    .get(username) as {
    code: string;
    notes: string;
    hints_used: number;
    outcome: string;
    final_grade: number | null;
    suggested_grade: number | null;
  };
  db.close();
  return row;
}

describe('a candidate in a real browser', () => {
  it('signs up, drills with a live timer, the editor, a hint in place and a refresh, grades, and sees Today updated', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const failed: string[] = [];
    page.on('pageerror', (err) => failed.push(String(err)));
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

    // The editor replaces the textarea: Python highlighting, line numbers, auto-indent after ':'.
    expect(await page.isVisible('#code')).toBe(false);
    await clearEditor(page);
    await page.keyboard.type('import sys\ndef main():\nprint("hello from the browser")');
    expect(await posted(page)).toBe('import sys\ndef main():\n    print("hello from the browser")');
    // Tab indents the line by one unit of 4 spaces, Shift+Tab takes it back.
    await page.keyboard.press('Tab');
    expect(await posted(page)).toBe('import sys\ndef main():\n        print("hello from the browser")');
    await page.keyboard.press('Shift+Tab');
    expect(await posted(page)).toBe('import sys\ndef main():\n    print("hello from the browser")');
    expect(await page.locator('.cm-lineNumbers .cm-gutterElement', { hasText: '3' }).count()).toBe(1);
    // Keywords are coloured apart from the rest of the code.
    const colours = await page.evaluate(() => {
      const keyword = [...document.querySelectorAll('.cm-line span')].find((s) => s.textContent === 'def');
      const content = document.querySelector('.cm-content');
      return [keyword && getComputedStyle(keyword).color, content && getComputedStyle(content).color];
    });
    expect(colours[0]).toBeTruthy();
    expect(colours[0]).not.toBe(colours[1]);
    expect(await page.textContent('#editor-help')).toBe('Esc then Tab moves focus out of the editor.');
    expect(await seriousViolations(page)).toEqual([]);

    // A hint appears in place: no reload, code and outcome kept, focus on the new hint.
    await page.check('input[name=outcome][value=partial]');
    await page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });
    await page.click('text=Reveal hint 1');
    await page.waitForSelector('#hint-1');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('hint-1');
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    expect(await page.textContent('#hints-used')).toMatch(/^1 of \d+ used$/);
    expect(await page.isChecked('input[name=outcome][value=partial]')).toBe(true);
    expect(await posted(page)).toBe('import sys\ndef main():\n    print("hello from the browser")');
    expect(await page.locator('.hints li').count()).toBe(1);

    // Type more, let autosave run, then refresh: code kept, timer not restarted.
    await page.click('.cm-content');
    await page.keyboard.press('Control+End');
    await page.evaluate(() => {
      (document.getElementById('draft-status') as HTMLElement).textContent = '';
    });
    await page.keyboard.type('\nprint("typed after the hint")');
    await page.waitForFunction(
      () => (document.getElementById('draft-status')?.textContent ?? '').startsWith('Draft saved at'),
      undefined,
      { timeout: 15_000 },
    );
    const typed = 'import sys\ndef main():\n    print("hello from the browser")\n    print("typed after the hint")';
    const remainingBefore = Number(await page.getAttribute('.timer', 'data-remaining'));
    await page.reload();
    await page.waitForSelector('.cm-content');
    expect(await posted(page)).toBe(typed);
    expect(await page.textContent('.cm-content')).toContain('print("typed after the hint")');
    // The reload came back at the page's top with the hint still shown (a full reload keeps none of the JS state).
    expect(await page.locator('.hints li').count()).toBe(1);
    const remainingAfter = Number(await page.getAttribute('.timer', 'data-remaining'));
    expect(remainingAfter).toBeLessThanOrEqual(remainingBefore);
    await page.screenshot({ path: path.join(ARTIFACTS, 'question.png'), fullPage: true });

    await page.check('input[name=outcome][value=solved]');
    await page.click('button.primary:has-text("Submit answer")');
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

    expect(attemptRow('e2e-candidate')).toMatchObject({
      code: typed,
      hints_used: 1,
      outcome: 'solved',
      final_grade: 3,
    });
    expect(failed).toEqual([]);
    // Three axe runs and an autosave: far over the default 30 s when the machine is busy.
  }, 120_000);

  it('works with the keyboard alone, and Esc then Tab leaves the editor', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1000, height: 800 } });
    await signUpInBrowser(page, env.server.url, 'e2e-keyboard');
    await openDrill(page, env.server.url, 'scripting');
    const focusOn = async (selector: string) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      }
      throw new Error(`could not reach ${selector} with Tab`);
    };
    await focusOn('.cm-content');
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.type('def solve():\nreturn 42');
    // Tab inside the editor indents instead of leaving it.
    await page.keyboard.press('Home');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await posted(page)).toBe('def solve():\n    return 42');
    // Esc then Tab moves on to the next control.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reset-starter');
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
    const row = attemptRow('e2e-keyboard');
    expect(row.code).toBe('def solve():\n    return 42');
    expect(row.outcome).toBe('solved');
    expect(row.final_grade).toBe(chosen);
    expect(chosen).not.toBe(row.suggested_grade);
  });

  it('submits the answer on Enter in the notes, and spends no hint', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1000, height: 800 } });
    await signUpInBrowser(page, env.server.url, 'e2e-enter');
    await openDrill(page, env.server.url, 'scripting');
    await clearEditor(page);
    await page.keyboard.type('print(1)');
    // Without an outcome Enter does not submit: the browser asks for one, nothing is spent.
    await page.click('#notes');
    await page.keyboard.type('regex was hard');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('outcome');
    expect(attemptRow('e2e-enter')).toMatchObject({ hints_used: 0 });
    expect(page.url()).toBe(`${env.server.url}/drills/scripting`);
    // Shift+Enter starts a new line in the notes; with an outcome chosen, Enter submits.
    await page.click('#notes');
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('then fine');
    await page.check('input[name=outcome][value=partial]');
    await page.click('#notes');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/attempts\/\d+$/);
    expect(attemptRow('e2e-enter')).toMatchObject({
      code: 'print(1)',
      notes: 'regex was hard\nthen fine',
      hints_used: 0,
      outcome: 'partial',
    });
  });

  it('resets to the starter code after asking, and the reset can be undone', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1000, height: 800 } });
    await signUpInBrowser(page, env.server.url, 'e2e-reset');
    await openDrill(page, env.server.url, 'scripting');
    const starter = await page.evaluate(
      () => (document.getElementById('starter-code') as HTMLTemplateElement).content.textContent ?? '',
    );
    await clearEditor(page);
    await page.keyboard.type('my own code');
    const dialogs: string[] = [];
    page.once('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.click('#reset-starter');
    expect(dialogs).toEqual(['Replace your code with the starter code? Undo (Ctrl+Z) brings it back.']);
    expect(await posted(page)).toBe('my own code');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('#reset-starter');
    expect(await posted(page)).toBe(starter);
    await page.keyboard.press('Control+z');
    expect(await posted(page)).toBe('my own code');
  });

  it('clears the drafts this browser kept when the user logs out', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1000, height: 800 } });
    await signUpInBrowser(page, env.server.url, 'e2e-logout');
    await openDrill(page, env.server.url, 'scripting');
    await clearEditor(page);
    await page.keyboard.type('secret = 1');
    const keys = () =>
      page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('opsdrill-draft-')).length);
    expect(await keys()).toBe(1);
    await page.goto(`${env.server.url}/settings`);
    await page.click('button:has-text("Log out")');
    await page.waitForURL(/\/login/);
    expect(await keys()).toBe(0);
  });

  it('without JavaScript: the plain textarea, a hint reload focused on the new hint, Enter submits', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1000, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await signUpInBrowser(page, env.server.url, 'e2e-nojs');
    await openDrill(page, env.server.url, 'scripting');
    expect(await page.isVisible('textarea#code')).toBe(true);
    expect(await page.isVisible('#reset-starter')).toBe(false);
    await page.fill('#code', 'def main():\n    pass\n');
    await page.click('text=Reveal hint 1');
    await page.waitForURL(`${env.server.url}/drills/scripting#hint-1`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('hint-1');
    expect(await page.inputValue('#code')).toBe('def main():\n    pass\n');
    await page.check('input[name=outcome][value=failed]');
    await page.focus('input[name=outcome][value=failed]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/attempts\/\d+$/);
    expect(attemptRow('e2e-nojs')).toMatchObject({ code: 'def main():\n    pass\n', hints_used: 1, outcome: 'failed' });
    await context.close();
  });
});
