import path from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  clearEditor,
  openDrill,
  seriousViolations,
  signUpInBrowser,
  useBrowserAndServer,
} from '../helpers/browser.js';

// Self-reported outcomes: coaching is the subject here, not the runner.
const env = useBrowserAndServer({ serverEnv: { RUNNER: 'off' } });
const WIDTHS = [390, 1366] as const;

async function context(extra: Parameters<typeof env.browser.newContext>[0] = {}): Promise<BrowserContext> {
  return env.browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true, ...extra });
}

/** axe-clean at both widths, with a full-page screenshot of each in tests/.artifacts/. */
async function checkPage(page: Page, name: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(page), `${name} at ${width}px`).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
    // Nothing wider than the screen at phone width (wide tables scroll inside their own box):
    // the page itself scrolls only vertically.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${width}px is ${overflow}px wider than the screen`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

describe('coaching both ways in a real browser', () => {
  it('the landing page is clean at phone and desktop widths', async () => {
    const visitor = await context();
    const page = await visitor.newPage();
    await page.goto(`${env.server.url}/`);
    expect(await page.textContent('h1')).toContain('Practise DevOps interview questions');
    await checkPage(page, 'landing');
    await page.click('a.button.primary:has-text("Sign up")');
    await page.waitForURL(`${env.server.url}/register`);
    await visitor.close();
  }, 120_000);

  it('an invitee signs up from the invite link, joins, drills; the coach sees it and the reply in the inbox', async () => {
    const coachCtx = await context({ permissions: ['clipboard-read', 'clipboard-write'] });
    const coach = await coachCtx.newPage();
    await signUpInBrowser(coach, env.server.url, 'inbox-coach');
    await coach.goto(`${env.server.url}/groups`);
    await coach.fill('#name', 'Night owls');
    await coach.click('button:has-text("Create group")');
    await coach.waitForURL(/\/groups\/\d+$/);
    const groupUrl = coach.url();
    const inviteUrl = await coach.inputValue('#invite-url');
    expect(inviteUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/join\/[A-Za-z0-9_-]+$/);
    // The Copy button appears once the script runs, and copies the link.
    await coach.click('button:has-text("Copy link")');
    await coach.waitForSelector('.copied:has-text("Copied.")');
    expect(await coach.evaluate(() => navigator.clipboard.readText())).toBe(inviteUrl);
    // The nav links the inbox for people who coach a group.
    expect(await coach.isVisible('nav a[href="/coach"]')).toBe(true);

    // The invitee has no account and a browser in Paris.
    const inviteeCtx = await context({ timezoneId: 'Europe/Paris' });
    const invitee = await inviteeCtx.newPage();
    await invitee.goto(inviteUrl);
    await invitee.waitForURL(/\/login\?next=%2Fjoin%2F/);
    await invitee.click('a:has-text("Create an account")');
    await invitee.waitForURL(/\/register\?next=%2Fjoin%2F/);
    expect(await invitee.inputValue('input[name=timeZone]')).toBe('Europe/Paris');
    expect(await invitee.textContent('#tz-shown')).toContain('Europe/Paris');
    await invitee.fill('#username', 'night-owl');
    await invitee.fill('#password', 'a long enough password');
    await invitee.click('button[type=submit]');
    await invitee.waitForURL(inviteUrl);
    expect(await invitee.textContent('main')).toContain('Coaches of this group, present and future');
    await invitee.screenshot({ path: path.join(ARTIFACTS, 'consent-after-signup.png'), fullPage: true });
    await invitee.click('button:has-text("Join and share my attempts")');
    await invitee.waitForURL(/\/groups\/\d+$/);
    const db = new Database(env.dbPath, { readonly: true });
    try {
      expect(db.prepare(`select time_zone as tz from users where username = 'night-owl'`).get()).toEqual({
        tz: 'Europe/Paris',
      });
    } finally {
      db.close();
    }

    // Scripting drills every day (today may be a weekend, when algorithm has none).
    await openDrill(invitee, env.server.url, 'scripting');
    await clearEditor(invitee);
    await invitee.keyboard.insertText('print("please review")\n');
    await invitee.check('input[name=outcome][value=partial]');
    await invitee.click('#submit-answer');
    await invitee.waitForURL(/\/attempts\/\d+$/);
    const attemptUrl = invitee.url();
    await invitee.click('button:has-text("Confirm grade")');
    await invitee.waitForSelector('text=Next question');

    // The coach's inbox lists the new attempt.
    await coach.goto(`${env.server.url}/today`);
    expect(await coach.textContent('main')).toContain('1 attempt awaiting your feedback');
    await coach.click('a:has-text("Open your coach inbox")');
    await coach.waitForURL(`${env.server.url}/coach`);
    expect(await coach.textContent('table')).toContain('night-owl');
    await checkPage(coach, 'inbox-attempt');

    // The candidate asks in the group's thread; the coach's inbox shows the reply.
    await invitee.goto(attemptUrl);
    expect(await invitee.textContent('#feedback')).toContain('Group “Night owls”');
    await invitee.fill('textarea[name=body]', 'Is the **regex** the slow part?');
    await invitee.click('#feedback button:has-text("Send")');
    await invitee.waitForSelector('#feedback strong:has-text("regex")');
    await checkPage(invitee, 'attempt-thread');
    await coach.reload();
    expect(await coach.textContent('ul.inbox')).toContain('night-owl on');
    await checkPage(coach, 'inbox-reply');
    await coach.click('ul.inbox a');
    await coach.waitForURL(/\/groups\/\d+\/attempts\/\d+/);
    expect(await coach.textContent('#feedback')).toContain('Is the regex the slow part?');
    await coach.fill('#feedback-body', 'Yes: compile it once, outside the loop.');
    await coach.click('#feedback button:has-text("Send feedback")');
    await coach.waitForSelector('text=compile it once');
    await coach.goto(`${env.server.url}/coach`);
    expect(await coach.textContent('main')).toContain('No unread replies');
    expect(await coach.textContent('main')).toContain('Nothing is waiting');

    // The group page: full invite link, confirmation before removing.
    await coach.goto(groupUrl);
    await checkPage(coach, 'group');
    await coach.click(`a[href$="/remove"]`);
    await coach.waitForURL(/\/members\/\d+\/remove$/);
    expect(await coach.textContent('h1')).toBe('Remove night-owl from the group?');
    await coach.click('a:has-text("Cancel")');
    await coach.waitForURL(groupUrl);
    expect(await coach.textContent('table.group')).toContain('night-owl');

    await coachCtx.close();
    await inviteeCtx.close();
  }, 240_000);
});
