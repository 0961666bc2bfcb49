import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, seriousViolations, signUpInBrowser, useBrowserAndServer } from '../helpers/browser.js';

// Self-reported outcomes: the live view is the subject here, not the runner.
const env = useBrowserAndServer({ serverEnv: { RUNNER: 'off' } });

async function newUser(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
  // A step that cannot happen fails in seconds, naming the step, not at the test's timeout.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await signUpInBrowser(page, env.server.url, username);
  return { context, page };
}

describe('a coach sits in on a mock in a second browser', () => {
  it('sees a keystroke within 3 s, writes two timed notes, releases a scorecard the candidate reads', async () => {
    const url = env.server.url;
    const coach = await newUser('live-coach');
    await coach.page.goto(`${url}/groups`);
    await coach.page.fill('#name', 'Mock panel');
    await coach.page.click('button:has-text("Create group")');
    await coach.page.waitForURL(/\/groups\/\d+/);
    const groupUrl = (coach.page.url().split('?')[0] ?? '').replace(url, '');
    const code = ((await coach.page.textContent('code.invite')) ?? '').trim();

    const cand = await newUser('live-cand');
    await cand.page.goto(`${url}/join/${code}`);
    expect(await cand.page.textContent('main')).toContain('They can watch your mock interviews live');
    await cand.page.click('button:has-text("Join and share my attempts")');
    await cand.page.waitForURL(/\/groups\/\d+/);

    // The coach schedules a full loop; the scheduler picks the questions when the candidate starts.
    await coach.page.goto(`${url}${groupUrl}`);
    await coach.page.click('a:has-text("live-cand")');
    await coach.page.click('a:has-text("Mock interviews of live-cand")');
    await coach.page.check('input[name=format][value=loop]');
    await coach.page.check('input[name=choice][value=scheduler]');
    await coach.page.click('button:has-text("Schedule the mock")');
    await coach.page.waitForSelector('text=Mock scheduled');
    expect(await seriousViolations(coach.page)).toEqual([]);

    // The candidate finds it on their Mocks page and starts it.
    await cand.page.goto(`${url}/mocks`);
    expect(await cand.page.textContent('main')).toContain('by a coach');
    await cand.page.click('td a:has-text("Open")');
    await cand.page.click('button:has-text("Start the mock")');
    await cand.page.waitForSelector('#q0 .cm-content');
    const mockId = /\/mocks\/(\d+)/.exec(cand.page.url())?.[1];

    await coach.page.goto(`${url}/mocks/${mockId}/watch`);
    await coach.page.waitForSelector('#live-status:has-text("Live: following")');
    expect(await seriousViolations(coach.page)).toEqual([]);

    // One keystroke in the candidate's editor reaches the coach's view within 3 s.
    const editor = cand.page.locator('#q0 .cm-content');
    await editor.click();
    await cand.page.keyboard.press('Control+End');
    const zs = () => (document.getElementById('code-0')?.textContent ?? '').split('Z').length - 1;
    const before = await coach.page.evaluate(zs);
    const typedAt = Date.now();
    await cand.page.keyboard.type('Z');
    await coach.page.waitForFunction(
      (n) => (document.getElementById('code-0')?.textContent ?? '').split('Z').length - 1 > n,
      before,
      { timeout: 3000 },
    );
    expect(Date.now() - typedAt).toBeLessThan(3000);

    // Two notes, each stamped with the mock's clock.
    for (const note of ['Clarified the input format first', 'Did not test the empty file']) {
      await coach.page.fill('#note-body', note);
      await coach.page.click('button:has-text("Save note")');
      await coach.page.waitForSelector(`.interviewer-notes li:has-text("${note}")`);
    }
    const stamps = await coach.page.$$eval('.interviewer-notes li strong', (els) => els.map((e) => e.textContent));
    expect(stamps).toHaveLength(2);
    for (const s of stamps) expect(s).toMatch(/^\d+:\d\d$/);
    await coach.page.setViewportSize({ width: 390, height: 844 });
    await coach.page.screenshot({ path: path.join(ARTIFACTS, 'mock-live-390.png'), fullPage: true });
    await coach.page.setViewportSize({ width: 1366, height: 900 });
    await coach.page.screenshot({ path: path.join(ARTIFACTS, 'mock-live-1366.png'), fullPage: true });

    // The candidate ends the interview; the coach's stream ends with it.
    cand.page.once('dialog', (d) => void d.accept());
    await cand.page.click('#finish-mock');
    await cand.page.waitForURL(/\/mocks\/\d+\/scorecard/);
    await coach.page.waitForSelector('#live-status:has-text("has ended")', { timeout: 10_000 });

    // The coach scores the round and releases it.
    await coach.page.goto(`${url}/mocks/${mockId}/watch`);
    for (const [key, level] of Object.entries({
      understanding: 3,
      correctness: 2,
      complexity: 3,
      quality: 4,
      testing: 1,
      communication: 3,
    }))
      await coach.page.check(`input[name=${key}][value="${level}"]`);
    await coach.page.check('input[name=wouldAdvance][value=no]');
    await coach.page.fill('#summary', 'Good structure; write a test for the empty file before submitting.');
    await coach.page.click('button:has-text("Save scorecard")');
    await coach.page.waitForSelector('text=Scorecard saved');
    expect(await seriousViolations(coach.page)).toEqual([]);
    await coach.page.click('button:has-text("Release to live-cand")');
    await coach.page.waitForSelector('text=Scorecard released');

    await cand.page.goto(`${url}/mocks/${mockId}/scorecard`);
    const text = (await cand.page.textContent('main')) ?? '';
    expect(text).toContain('Good structure; write a test for the empty file before submitting.');
    expect(text).toContain("Your coach's scorecard");
    expect(text).not.toContain('Did not test the empty file');
    expect(await seriousViolations(cand.page)).toEqual([]);
    await cand.page.screenshot({ path: path.join(ARTIFACTS, 'mock-interviewer-scorecard.png'), fullPage: true });
    await coach.context.close();
    await cand.context.close();
  }, 240_000);
});
