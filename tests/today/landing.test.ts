import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../helpers/app.js';

describe('new users', () => {
  it('shows a logged-out visitor a landing page with sign-up and log-in, and sends a signed-in user to Today', async () => {
    const { app } = createTestApp();
    const landing = await request(app).get('/');
    expect(landing.status).toBe(200);
    for (const words of [
      'Two tracks, two schedules',
      'Spaced repetition',
      'Timed drills with code that runs',
      'Coaching',
    ])
      expect(landing.text).toContain(words);
    expect(landing.text).toContain('class="mock"');
    expect(landing.text).toContain('<a class="button primary" href="/register">');
    expect(landing.text).toContain('<a class="button secondary" href="/login">Log in</a>');
    expect(landing.text).not.toContain('<img');

    const { agent } = await signUp(app);
    const home = await agent.get('/');
    expect(home.status).toBe(302);
    expect(home.headers.location).toBe('/today');
  });

  it('names the track in the "not a drill day" note', async () => {
    // 2026-03-08 is a Sunday: the algorithm track has no drill on weekends by default.
    const { app } = createTestApp({ start: '2026-03-08T12:00:00Z' });
    const { agent } = await signUp(app);
    const today = (await agent.get('/today')).text;
    expect(today).toContain('Not an algorithm drill day (drill days: Mon, Tue, Wed, Thu, Fri)');
    expect(today).not.toContain('Not a algorithm');
    expect(today).not.toContain('Not a scripting drill day');
  });
});
