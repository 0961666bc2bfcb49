import { describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, rowCount, signUp } from '../helpers/app.js';

const valid = {
  desiredRetention: '0.9',
  newPerDay: '3',
  reviewsPerDay: '20',
  budgetEasyMinutes: '15',
  budgetMediumMinutes: '25',
  budgetHardMinutes: '40',
  dailyMinutes: '45',
  drillDays: ['1', '2'],
};

describe('settings', () => {
  it('rejects bad schedule values with a message, keeps what was typed, and writes nothing', async () => {
    const { app, db } = createTestApp();
    const { agent } = await signUp(app);
    const csrf = csrfFrom((await agent.get('/settings')).text);
    const bad: [Record<string, unknown>, string][] = [
      [{ desiredRetention: '1.5' }, 'between 0.70 and 0.97'],
      [{ desiredRetention: 'lots' }, 'desired retention must be a number'],
      [{ newPerDay: '-1' }, 'cannot be negative'],
      [{ newPerDay: '2.5' }, 'whole number'],
      [{ reviewsPerDay: '1e9' }, 'at most 1000'],
      [{ budgetHardMinutes: '0' }, 'at least 1 minute'],
      [{ drillDays: undefined }, 'pick at least one drill day'],
      [{ drillDays: ['8'] }, '1 (Monday) to 7 (Sunday)'],
      [{ dailyMinutes: '5' }, 'at least 10'],
      [{ dailyMinutes: 'an hour' }, 'minutes a day must be a number'],
      [{ dailyMinutes: '100000' }, 'at most 600'],
      [{ dailyMinutes: '30.5' }, 'whole minutes'],
      [{ dailyMinutes: undefined }, 'minutes a day must be a number'],
      [{ focus: 'list:Blind 75' }, 'is not a list of the scripting bank'],
      [{ focus: 'colour:blue' }, 'focus must be a list, a company or a topic'],
      [{ focus: 'x'.repeat(500) }, 'focus is too long'],
    ];
    for (const [patch, message] of bad) {
      const res = await agent
        .post('/settings/scripting')
        .type('form')
        .send({ ...valid, ...patch, _csrf: csrf });
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(res.text).toContain(message);
    }
    const kept = await agent
      .post('/settings/scripting')
      .type('form')
      .send({ ...valid, newPerDay: '-1', reviewsPerDay: '77', _csrf: csrf });
    expect(kept.text).toContain('value="77"');
    await agent
      .post('/settings/networking')
      .type('form')
      .send({ ...valid, _csrf: csrf })
      .expect(400);
    expect(rowCount(db, 'track_settings')).toBe(0);

    await agent
      .post('/settings/profile')
      .type('form')
      .send({ timeZone: 'Mars/Olympus', dayStartHour: '4', _csrf: csrf })
      .expect(400);
    await agent
      .post('/settings/profile')
      .type('form')
      .send({ timeZone: 'Europe/Berlin', dayStartHour: '24', _csrf: csrf })
      .expect(400);
    expect(db.$client.prepare('select time_zone, day_start_hour from users').get()).toEqual({
      time_zone: 'UTC',
      day_start_hour: 4,
    });
    await agent
      .post('/settings/profile')
      .type('form')
      .send({ timeZone: 'Europe/Berlin', dayStartHour: '5', _csrf: csrf })
      .expect(303);
    expect(db.$client.prepare('select time_zone, day_start_hour from users').get()).toEqual({
      time_zone: 'Europe/Berlin',
      day_start_hour: 5,
    });
    const page = await agent.get('/settings?saved=profile');
    expect(page.text).toContain('Saved your day settings');
    expect(page.text).toContain('value="Europe/Berlin"');
  });

  it('serves a health check that touches the database', async () => {
    const { app } = createTestApp();
    const request = (await import('supertest')).default;
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('sends the security headers on every page', async () => {
    const { app } = createTestApp();
    const request = (await import('supertest')).default;
    for (const path of ['/login', '/no-such-page', '/healthz']) {
      const res = await request(app).get(path);
      expect(res.headers['content-security-policy'], path).toContain("script-src 'self'");
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('minutes a day and focus', () => {
  it('saves a 30-minute budget and a Blind 75 focus, shows them, and Today serves from the list', async () => {
    const { app, db } = createTestApp({ bank: { scripting: 2, algorithm: 40 } });
    const { agent } = await signUp(app);
    const page = await agent.get('/settings');
    expect(page.text).toContain('name="dailyMinutes"');
    expect(page.text).toMatch(/<option value="list:Blind 75"[^>]*>Blind 75 \(\d+\)<\/option>/);
    await agent
      .post('/settings/algorithm')
      .type('form')
      .send({
        ...valid,
        desiredRetention: '0.85',
        dailyMinutes: '30',
        focus: 'list:blind 75',
        _csrf: csrfFrom(page.text),
      })
      .expect(303);
    expect(db.$client.prepare('select daily_minutes, focus_kind, focus_value from track_settings').get()).toEqual({
      daily_minutes: 30,
      focus_kind: 'list',
      focus_value: 'blind 75',
    });
    const again = await agent.get('/settings');
    expect(again.text).toMatch(/<option value="list:Blind 75" selected>/);
    const today = await agent.get('/today');
    expect(today.text).toMatch(/Focus: blind 75 \(list\), 0 of \d+ seen/);
    expect(today.text).toMatch(/Algorithm round[\s\S]*of 30 min/);
  });

  it('says why Today expects more than the day’s minutes when the first question alone is longer', async () => {
    const { app } = createTestApp({ bank: { scripting: 2, algorithm: 4 } });
    const { agent } = await signUp(app);
    const page = await agent.get('/settings');
    await agent
      .post('/settings/algorithm')
      .type('form')
      .send({
        ...valid,
        budgetEasyMinutes: '40',
        budgetMediumMinutes: '40',
        budgetHardMinutes: '40',
        dailyMinutes: '30',
        _csrf: csrfFrom(page.text),
      })
      .expect(303);
    const today = await agent.get('/today');
    expect(today.text).toMatch(/Algorithm round[\s\S]*40 of 30 min/);
    expect(today.text).toContain(
      "The day's first question always comes, even one that takes longer than your 30 minutes.",
    );
    // Within the minutes, no such note.
    await agent
      .post('/settings/algorithm')
      .type('form')
      .send({ ...valid, dailyMinutes: '60', _csrf: csrfFrom(page.text) })
      .expect(303);
    expect((await agent.get('/today')).text).not.toContain("The day's first question always comes");
  });
});
