import type { Express } from 'express';
import request, { type Agent } from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { createTestApp, csrfFrom, signUp } from '../helpers/app.js';

const PASSWORD = 'correct horse battery';

type SessionRow = { created_at: number; expires_at: number; last_seen_at: number | null };
const sessionRows = (db: Db) =>
  db.$client
    .prepare('select created_at, expires_at, last_seen_at from sessions order by created_at')
    .all() as SessionRow[];

/** A second browser signing in to the same account. */
async function logIn(app: Express, username = 'alice', password = PASSWORD) {
  const agent = request.agent(app);
  const csrf = csrfFrom((await agent.get('/login')).text);
  const res = await agent.post('/login').type('form').send({ username, password, _csrf: csrf });
  expect(res.status, `login of ${username}`).toBe(303);
  return agent;
}

const signedIn = async (agent: Agent) => (await agent.get('/today')).status === 200;

describe('session expiry', () => {
  it('ends a session after SESSION_IDLE_DAYS without a request, and deletes it', async () => {
    const { app, db, clock } = createTestApp({ config: { sessionIdleDays: 7 } });
    const { agent } = await signUp(app);
    clock.advance({ days: 6, hours: 23 });
    expect(await signedIn(agent)).toBe(true);
    clock.advance({ days: 7 });
    const res = await agent.get('/today');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/login?next=%2Ftoday');
    expect(sessionRows(db)).toEqual([]);
    // Coming back does not revive it.
    clock.set('2026-03-02T10:00:00Z');
    expect(await signedIn(agent)).toBe(false);
  });

  it('slides the idle window with each request, writing last_seen_at at most once a minute', async () => {
    const { app, db, clock } = createTestApp({ config: { sessionIdleDays: 2 } });
    const start = clock.now().getTime();
    const { agent } = await signUp(app);
    expect(sessionRows(db)[0]?.last_seen_at).toBe(start);
    clock.advance({ seconds: 59 });
    await agent.get('/today').expect(200);
    expect(sessionRows(db)[0]?.last_seen_at, 'no write within the minute').toBe(start);
    clock.advance({ seconds: 1 });
    await agent.get('/today').expect(200);
    expect(sessionRows(db)[0]?.last_seen_at).toBe(start + 60_000);
    // Used every day and a half: never idle for two days, so it lives on.
    for (let i = 0; i < 4; i++) {
      clock.advance({ days: 1, hours: 12 });
      expect(await signedIn(agent), `day ${(i + 1) * 1.5}`).toBe(true);
    }
    expect(sessionRows(db)[0]?.last_seen_at).toBe(clock.now().getTime());
  });

  it('still ends an active session at its absolute lifetime (30 days)', async () => {
    const { app, db, clock } = createTestApp({ config: { sessionIdleDays: 7 } });
    const { agent } = await signUp(app);
    for (let day = 5; day < 30; day += 5) {
      clock.advance({ days: 5 });
      expect(await signedIn(agent), `day ${day}`).toBe(true);
    }
    clock.advance({ days: 5 });
    expect(await signedIn(agent), 'day 30').toBe(false);
    expect(sessionRows(db)).toEqual([]);
  });

  it('treats a session from before last_seen_at existed as last seen when it was created', async () => {
    const { app, db, clock } = createTestApp({ config: { sessionIdleDays: 7 } });
    const { agent } = await signUp(app);
    db.$client.prepare('update sessions set last_seen_at = null').run();
    clock.advance({ days: 6 });
    expect(await signedIn(agent)).toBe(true);
    clock.advance({ days: 6 });
    expect(await signedIn(agent)).toBe(true);
    db.$client.prepare('update sessions set last_seen_at = null').run();
    clock.advance({ hours: 1 });
    expect(await signedIn(agent), '12 days after creation with no record of use').toBe(false);
  });
});

describe('changing the password', () => {
  it('refuses a wrong current password and changes nothing', async () => {
    const { app, db } = createTestApp();
    const { agent } = await signUp(app, 'alice', PASSWORD);
    const other = await logIn(app);
    const before = db.$client.prepare('select password_hash from users').get();
    const page = await agent.get('/settings/password');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Back to Settings');
    const res = await agent
      .post('/settings/password')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        currentPassword: 'not my password at all',
        newPassword: 'a brand new passphrase',
        confirmPassword: 'a brand new passphrase',
      });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Your current password is not right. Nothing was changed.');
    expect(db.$client.prepare('select password_hash from users').get()).toEqual(before);
    expect(sessionRows(db)).toHaveLength(2);
    expect(await signedIn(other)).toBe(true);
  });

  it('refuses a bad new password with a clear message and changes nothing', async () => {
    const { app, db } = createTestApp();
    const { agent } = await signUp(app, 'alice.ops', PASSWORD);
    const csrf = csrfFrom((await agent.get('/settings/password')).text);
    const before = db.$client.prepare('select password_hash from users').get();
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'Current password is required'],
      [{ currentPassword: PASSWORD, newPassword: 'short', confirmPassword: 'short' }, 'at least 12 characters'],
      [
        { currentPassword: PASSWORD, newPassword: 'Password1234', confirmPassword: 'Password1234' },
        'list of common passwords',
      ],
      [{ currentPassword: PASSWORD, newPassword: 'ALICE.OPS', confirmPassword: 'ALICE.OPS' }, 'at least 12'],
      [
        { currentPassword: PASSWORD, newPassword: 'one new passphrase', confirmPassword: 'another passphrase' },
        'The two new passwords do not match',
      ],
      [{ currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD }, 'must differ from the current'],
      [
        { currentPassword: PASSWORD, newPassword: ['a', 'b'], confirmPassword: 'a brand new passphrase' },
        'New password is required',
      ],
      [
        { currentPassword: PASSWORD, newPassword: 'p'.repeat(201), confirmPassword: 'p'.repeat(201) },
        'at most 200 characters',
      ],
    ];
    for (const [body, message] of cases) {
      const res = await agent
        .post('/settings/password')
        .type('form')
        .send({ ...body, _csrf: csrf });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.text).toContain(message);
    }
    expect(db.$client.prepare('select password_hash from users').get()).toEqual(before);
  });

  it('refuses the username as the new password', async () => {
    const { app, db } = createTestApp();
    const { agent } = await signUp(app, 'grace.hopper.ops', PASSWORD);
    const csrf = csrfFrom((await agent.get('/settings/password')).text);
    const before = db.$client.prepare('select password_hash from users').get();
    const res = await agent.post('/settings/password').type('form').send({
      _csrf: csrf,
      currentPassword: PASSWORD,
      newPassword: 'Grace.Hopper.Ops',
      confirmPassword: 'Grace.Hopper.Ops',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Password must not be your username');
    expect(db.$client.prepare('select password_hash from users').get()).toEqual(before);
  });

  it('stores the new password, logs out every other session and keeps this one', async () => {
    const { app, db } = createTestApp();
    const { agent } = await signUp(app, 'alice', PASSWORD);
    const laptop = await logIn(app);
    const phone = await logIn(app);
    const bob = await signUp(app, 'bob', PASSWORD);
    expect(sessionRows(db)).toHaveLength(4);
    const page = await agent.get('/settings/password');
    const res = await agent
      .post('/settings/password')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        currentPassword: PASSWORD,
        newPassword: 'a brand new passphrase',
        confirmPassword: 'a brand new passphrase',
      });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/settings?saved=password&ended=2');
    const settings = await agent.get(res.headers.location ?? '');
    expect(settings.status).toBe(200);
    expect(settings.text).toContain('Changed your password. Logged out 2 other sessions.');
    expect(await signedIn(laptop)).toBe(false);
    expect(await signedIn(phone)).toBe(false);
    expect(await signedIn(bob.agent), "another user's session").toBe(true);
    expect(sessionRows(db)).toHaveLength(2);

    // The old password no longer works; the new one does.
    const fresh = request.agent(app);
    const csrf = csrfFrom((await fresh.get('/login')).text);
    await fresh.post('/login').type('form').send({ username: 'alice', password: PASSWORD, _csrf: csrf }).expect(401);
    await logIn(app, 'alice', 'a brand new passphrase');
  });

  it('needs a signed-in user and a CSRF token', async () => {
    const { app, db } = createTestApp();
    await signUp(app);
    const before = db.$client.prepare('select password_hash from users').get();
    const anonymous = await request(app).get('/settings/password');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.location).toBe('/login?next=%2Fsettings%2Fpassword');
    const stranger = request.agent(app);
    const csrf = csrfFrom((await stranger.get('/login')).text);
    await stranger
      .post('/settings/password')
      .type('form')
      .send({
        _csrf: csrf,
        currentPassword: PASSWORD,
        newPassword: 'a brand new passphrase',
        confirmPassword: 'a brand new passphrase',
      })
      .expect(401);
    await stranger.post('/settings/sessions/logout-others').type('form').send({ _csrf: csrf }).expect(401);
    expect(db.$client.prepare('select password_hash from users').get()).toEqual(before);
    expect(sessionRows(db)).toHaveLength(1);
  });
});

describe('log out other sessions', () => {
  it('ends every other session of this user from the Settings button, and keeps this one', async () => {
    const { app, db } = createTestApp();
    const { agent } = await signUp(app, 'alice', PASSWORD);
    const laptop = await logIn(app);
    const bob = await signUp(app, 'bob', PASSWORD);
    const settings = await agent.get('/settings');
    expect(settings.text).toContain('action="/settings/sessions/logout-others"');
    expect(settings.text).toContain('href="/settings/password"');
    const res = await agent
      .post('/settings/sessions/logout-others')
      .type('form')
      .send({ _csrf: csrfFrom(settings.text) });
    expect(res.status).toBe(303);
    expect((await agent.get(res.headers.location ?? '')).text).toContain('Logged out 1 other session.');
    expect(await signedIn(agent)).toBe(true);
    expect(await signedIn(laptop)).toBe(false);
    expect(await signedIn(bob.agent)).toBe(true);
    expect(sessionRows(db)).toHaveLength(2);

    const again = await agent
      .post('/settings/sessions/logout-others')
      .type('form')
      .send({ _csrf: csrfFrom(settings.text) });
    expect((await agent.get(again.headers.location ?? '')).text).toContain('You had no other sessions');
  });
});

describe('the in-process session cache', () => {
  it('never serves a logged-out session or an old time zone from memory', async () => {
    const { app, db } = createTestApp();
    const { agent, csrf } = await signUp(app, 'cached');
    expect((await agent.get('/today')).status).toBe(200);
    // A profile change shows at once, though the session was just read (and cached).
    const settings = await agent.get('/settings');
    await agent
      .post('/settings/profile')
      .type('form')
      .send({ _csrf: csrfFrom(settings.text), timeZone: 'Asia/Tokyo', dayStartHour: '4' })
      .expect(303);
    expect((await agent.get('/settings')).text).toMatch(/name="timeZone"[^>]*value="Asia\/Tokyo"/);
    // Logging out ends it now, not when the cache entry would have gone stale.
    await agent.post('/logout').type('form').send({ _csrf: csrf });
    const after = await agent.get('/today');
    expect(after.status).toBe(302);
    expect(db.$client.prepare('select count(*) as n from sessions').get()).toEqual({ n: 0 });
  });
});
