import fs from 'node:fs';
import path from 'node:path';
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

async function newUser(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({
    viewport: { width: 1280, height: 900 },
    bypassCSP: true,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await signUpInBrowser(page, env.server.url, username);
  return { context, page };
}

describe('a coach and a candidate in a real browser', () => {
  it('create a group, join, drill, review with feedback, export CSV, and the candidate reads the feedback', async () => {
    const coach = await newUser('e2e-coach');
    await coach.page.goto(`${env.server.url}/groups`);
    await coach.page.fill('#name', 'Night owls');
    await coach.page.click('button:has-text("Create group")');
    await coach.page.waitForURL(/\/groups\/\d+/);
    const groupUrl = coach.page.url().split('?')[0]!;
    const code = (await coach.page.textContent('code.invite'))!.trim();

    const candidate = await newUser('e2e-member');
    await candidate.page.goto(`${env.server.url}/groups`);
    await candidate.page.fill('#code', code);
    await candidate.page.click('button:has-text("Continue")');
    expect(await candidate.page.textContent('main')).toMatch(/including the code you submit and your notes/i);
    await candidate.page.click('button:has-text("Join and share my attempts")');
    await candidate.page.waitForURL(/\/groups\/\d+/);

    await openDrill(candidate.page, env.server.url, 'scripting');
    await clearEditor(candidate.page);
    await candidate.page.keyboard.type('print("for my coach")\n');
    await candidate.page.fill('#notes', 'struggled with the regex');
    await candidate.page.check('input[name=outcome][value=partial]');
    await candidate.page.click('button.primary:has-text("Submit answer")');
    await candidate.page.waitForURL(/\/attempts\/\d+$/);
    await candidate.page.click('button:has-text("Confirm grade")');
    await candidate.page.waitForSelector('text=Next question');

    await coach.page.goto(groupUrl);
    expect(await coach.page.textContent('table.group')).toContain('e2e-member');
    expect(await seriousViolations(coach.page)).toEqual([]);
    await coach.page.screenshot({ path: path.join(ARTIFACTS, 'group.png'), fullPage: true });

    await coach.page.click('a:has-text("e2e-member")');
    await coach.page.waitForURL(/\/groups\/\d+\/members\/\d+/);
    await coach.page.click('a:has-text("progress")');
    await coach.page.waitForURL(/\/members\/\d+\/stats$/);
    expect(await coach.page.textContent('main')).toContain('Progress of e2e-member');
    expect(await seriousViolations(coach.page)).toEqual([]);
    await coach.page.screenshot({ path: path.join(ARTIFACTS, 'member-stats.png'), fullPage: true });
    await coach.page.goBack();
    await coach.page.click(`a[href*="/attempts/"]:not([href$=".csv"])`);
    await coach.page.waitForURL(/\/groups\/\d+\/attempts\/\d+/);
    expect(await coach.page.textContent('main')).toContain('print("for my coach")');
    expect(await coach.page.textContent('main')).toContain('struggled with the regex');
    await coach.page.fill('#feedback-body', 'Nice start. Try **re.compile** once, outside the loop.');
    await coach.page.click('form[action$="/feedback"] button[type=submit]');
    await coach.page.waitForSelector('text=outside the loop');
    expect(await seriousViolations(coach.page)).toEqual([]);
    await coach.page.screenshot({ path: path.join(ARTIFACTS, 'attempt-detail.png'), fullPage: true });

    await coach.page.goto(groupUrl);
    const [download] = await Promise.all([
      coach.page.waitForEvent('download'),
      coach.page.click('a:has-text("Download every member")'),
    ]);
    const csvPath = path.join(ARTIFACTS, 'group-attempts.csv');
    await download.saveAs(csvPath);
    const csv = fs.readFileSync(csvPath, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^attempt_id,submitted_at,local_date,username,track/);
    expect(csv).toContain('e2e-member');
    expect(csv).toMatch(/,partial,/);

    await candidate.page.goto(`${env.server.url}/today`);
    expect(await candidate.page.textContent('main')).toContain('New feedback from your coach');
    await candidate.page.click('.unread a');
    expect(await candidate.page.textContent('main')).toContain('outside the loop');
    await candidate.page.goto(`${env.server.url}/today`);
    expect(await candidate.page.textContent('main')).not.toContain('New feedback from your coach');

    await candidate.page.goto(`${env.server.url}/stats`);
    expect(await seriousViolations(candidate.page)).toEqual([]);
    await candidate.page.screenshot({ path: path.join(ARTIFACTS, 'stats-new-user.png'), fullPage: true });
    await coach.context.close();
    await candidate.context.close();
    // Two users, four axe runs and a download: past the default 30 s when the machine is busy.
  }, 120_000);
});
