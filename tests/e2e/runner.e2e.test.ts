import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readQuestionFile } from '../../src/questions/bank.loader.js';
import { ARTIFACTS, clearEditor, seriousViolations, signUpInBrowser, useBrowserAndServer } from '../helpers/browser.js';
import { REPO_DIR } from '../helpers/server-process.js';

// The real server with its default runner: the bubblewrap sandbox.
const env = useBrowserAndServer();

const posted = (page: Page) => page.evaluate(() => (document.getElementById('code') as HTMLTextAreaElement).value);

function openAttempt(username: string) {
  const db = new Database(env.dbPath, { readonly: true });
  const row = db
    .prepare(
      'select a.id, a.question_id, a.track from attempts a join users u on u.id = a.user_id where u.username = ? order by a.id desc',
    )
    .get(username) as { id: number; question_id: string; track: 'scripting' | 'algorithm' };
  const attempt = db.prepare('select * from attempts where id = ?').get(row.id) as Record<string, unknown>;
  db.close();
  return { ...row, attempt };
}

function reference(track: string, id: string) {
  return readQuestionFile(path.join(REPO_DIR, 'questions'), track as 'scripting', id);
}

describe('a candidate whose code runs', () => {
  it('types, runs the examples, sees a failing case with its diff, fixes it, submits and gets a grade from the tests', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await signUpInBrowser(page, env.server.url, 'e2e-runner');
    await page.click('text=Start scripting drill');
    await page.waitForURL(`${env.server.url}/drills/scripting`);
    const { question_id, track } = openAttempt('e2e-runner');
    const question = reference(track, question_id);
    expect(await page.isVisible('#run-examples')).toBe(true);

    // Typing: auto-indent after ':' and a 4-space Tab (Shift+Tab takes it back).
    await clearEditor(page);
    await page.keyboard.type('print("hello")\ndef main():\npass');
    expect(await posted(page)).toBe('print("hello")\ndef main():\n    pass');
    await page.keyboard.press('Home');
    await page.keyboard.press('Tab');
    expect(await posted(page)).toBe('print("hello")\ndef main():\n        pass');
    await page.keyboard.press('Shift+Tab');
    expect(await posted(page)).toBe('print("hello")\ndef main():\n    pass');

    await page.click('#run-examples');
    await page.waitForFunction(
      () => /^0 of \d+ examples? passed$/.test(document.getElementById('run-status')?.textContent ?? ''),
      undefined,
      { timeout: 60_000 },
    );
    // A failing example shows expected and actual output, and which lines differ.
    expect(await page.locator('#run-results .verdict.failed').count()).toBeGreaterThan(0);
    expect(await page.locator('#run-results pre.diff').count()).toBeGreaterThan(0);
    expect(await page.textContent('#run-results')).toContain('hello');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'runner-failing.png'), fullPage: true });

    // The fix: the reference answer, pasted in.
    await page.click('.cm-content');
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(question.solution);
    expect(await posted(page)).toBe(question.solution);
    await page.click('#run-examples');
    await page.waitForFunction(
      () => {
        const m = /^(\d+) of (\d+) examples? passed$/.exec(document.getElementById('run-status')?.textContent ?? '');
        return m !== null && m[1] === m[2];
      },
      undefined,
      { timeout: 60_000 },
    );

    await page.click('#submit-answer');
    await page.waitForURL(/\/attempts\/\d+$/, { timeout: 90_000 });
    const total = question.harness.cases.length + (question.harness.rules?.length ?? 0);
    expect(await page.textContent('body')).toContain(`${total} of ${total} cases passed`);
    expect(await page.textContent('.suggestion')).toContain(`${total}/${total} cases in`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'runner-grade.png'), fullPage: true });
    await page.click('button:has-text("Confirm grade")');
    await page.waitForSelector('text=Next question');
    const { attempt } = openAttempt('e2e-runner');
    expect(attempt).toMatchObject({
      outcome: 'solved',
      cases_passed: total,
      cases_total: total,
      code: question.solution,
    });
    expect(errors).toEqual([]);

    // The results read on a phone too, without sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'runner-review-390.png'), fullPage: true });
  }, 300_000);
});
