import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { attemptIdFrom, createTestApp, csrfFrom, rowCount, signUp, startDrill } from '../helpers/app.js';

describe('accounts', () => {
  it('signs up, logs out, logs back in; stores a scrypt hash and a hashed session id', async () => {
    const { app, db } = createTestApp();
    const { agent, csrf } = await signUp(app, 'Bob.Ops', 'a long enough password');
    const user = db.$client.prepare('select username, password_hash from users').get() as {
      username: string;
      password_hash: string;
    };
    expect(user.username).toBe('bob.ops');
    expect(user.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(user.password_hash).not.toContain('a long enough password');
    const session = db.$client.prepare('select id from sessions').get() as { id: string };
    expect(session.id).toMatch(/^[0-9a-f]{64}$/);

    const out = await agent.post('/logout').type('form').send({ _csrf: csrf });
    expect(out.status).toBe(303);
    expect(rowCount(db, 'sessions')).toBe(0);
    expect((await agent.get('/today')).headers.location).toBe('/login?next=%2Ftoday');

    const page = await agent.get('/login');
    const bad = await agent
      .post('/login')
      .type('form')
      .send({ username: 'bob.ops', password: 'wrong password', _csrf: csrfFrom(page.text) });
    expect(bad.status).toBe(401);
    expect(bad.text).toContain('Wrong username or password');
    expect(bad.text).toContain('value="bob.ops"');
    const good = await agent
      .post('/login')
      .type('form')
      .send({ username: 'BOB.OPS', password: 'a long enough password', _csrf: csrfFrom(page.text), next: '/settings' });
    expect(good.status).toBe(303);
    expect(good.headers.location).toBe('/settings');
    const cookie = good.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('refuses an open redirect after login', async () => {
    const { app } = createTestApp();
    const { agent, csrf } = await signUp(app, 'carol', 'a long enough password');
    await agent.post('/logout').type('form').send({ _csrf: csrf });
    const page = await agent.get('/login');
    const res = await agent
      .post('/login')
      .type('form')
      .send({
        username: 'carol',
        password: 'a long enough password',
        _csrf: csrfFrom(page.text),
        next: '//evil.example/x',
      });
    expect(res.headers.location).toBe('/today');
  });

  it('rejects bad sign-ups with clear messages and writes nothing', async () => {
    const { app, db } = createTestApp();
    const agent = request.agent(app);
    const csrf = csrfFrom((await agent.get('/register')).text);
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'username is required'],
      [{ username: 'ab', password: 'long enough pw' }, 'at least 3 characters'],
      [{ username: 'x'.repeat(5000), password: 'long enough pw' }, 'at most 32 characters'],
      [{ username: 'bad name!', password: 'long enough pw' }, 'letters, digits'],
      [{ username: 'dave', password: 'short' }, 'at least 12 characters'],
      [{ username: 'dave', password: 'elevenchars' }, 'at least 12 characters'],
      [{ username: 'dave', password: 'password1234' }, 'list of common passwords'],
      // Compared case-insensitively.
      [{ username: 'dave', password: 'QwertyUiop123456' }, 'list of common passwords'],
      [{ username: 'dave', password: 'CorrectHorseBatteryStaple' }, 'list of common passwords'],
      [{ username: 'dave.the.admin', password: 'Dave.The.Admin' }, 'must not be your username'],
      [{ username: 'dave', password: 'p'.repeat(201) }, 'at most 200 characters'],
      [{ username: ['a', 'b'], password: 'long enough pw' }, 'username'],
    ];
    for (const [body, message] of cases) {
      const res = await agent
        .post('/register')
        .type('form')
        .send({ ...body, _csrf: csrf });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.text).toContain(message);
    }
    expect(rowCount(db, 'users')).toBe(0);
    // The form keeps the username and says what is wrong in words.
    const weak = await agent
      .post('/register')
      .type('form')
      .send({ username: 'frank', password: 'iloveyou123456', _csrf: csrf });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('value="frank"');
    expect(weak.text).toContain('on the list of common passwords');
    expect(weak.text).not.toContain('iloveyou123456');
    expect(rowCount(db, 'users')).toBe(0);
    await signUp(app, 'erin', 'a long enough password');
    const dup = await agent
      .post('/register')
      .type('form')
      .send({ username: 'ERIN', password: 'another long password', _csrf: csrf });
    expect(dup.status).toBe(400);
    expect(dup.text).toContain('taken');
    expect(rowCount(db, 'users')).toBe(1);
  });

  it('rate-limits failed logins per address', async () => {
    const { app } = createTestApp({ config: { loginRateLimit: 3 } });
    const agent = request.agent(app);
    const csrf = csrfFrom((await agent.get('/login')).text);
    for (let i = 0; i < 3; i++)
      expect(
        (await agent.post('/login').type('form').send({ username: 'nobody', password: 'whatever', _csrf: csrf }))
          .status,
      ).toBe(401);
    const blocked = await agent
      .post('/login')
      .type('form')
      .send({ username: 'nobody', password: 'whatever', _csrf: csrf });
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Too many failed logins');
  });
});

describe('CSRF', () => {
  it('refuses state-changing requests without the token, and changes nothing', async () => {
    const { app, db } = createTestApp();
    const { agent, csrf } = await signUp(app);
    const page = await startDrill(agent, 'scripting');
    const id = attemptIdFrom(page.text);
    const noToken = await agent.post(`/attempts/${id}/submit`).type('form').send({ code: 'x', outcome: 'solved' });
    expect(noToken.status).toBe(403);
    expect(noToken.text).toContain('This form has expired');
    await agent
      .post(`/attempts/${id}/submit`)
      .type('form')
      .send({ code: 'x', outcome: 'solved', _csrf: 'forged' })
      .expect(403);
    await agent.post('/settings/scripting').type('form').send({ newPerDay: '50' }).expect(403);
    // Another visitor's token does not work either.
    const other = request.agent(app);
    const otherToken = csrfFrom((await other.get('/login')).text);
    expect(otherToken).not.toBe(csrf);
    await agent
      .post(`/attempts/${id}/submit`)
      .type('form')
      .send({ code: 'x', outcome: 'solved', _csrf: otherToken })
      .expect(403);
    await request(app)
      .post('/register')
      .type('form')
      .send({ username: 'mallory', password: 'long enough pw' })
      .expect(403);
    expect(
      (db.$client.prepare('select submitted_at from attempts').get() as { submitted_at: number | null }).submitted_at,
    ).toBeNull();
    expect(rowCount(db, 'track_settings')).toBe(0);
    expect(rowCount(db, 'users')).toBe(1);
  });
});

describe('authorization: a user never reads or submits another user attempt', () => {
  it('answers 404 (the same as a missing attempt) for every route on someone else attempt', async () => {
    const { app, db } = createTestApp();
    const alice = await signUp(app, 'alice', 'a long enough password');
    const bob = await signUp(app, 'bob', 'a long enough password');
    const page = await startDrill(alice.agent, 'scripting');
    const id = attemptIdFrom(page.text);
    await alice.agent
      .post(`/attempts/${id}/draft`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), code: 'secret code' })
      .expect(303);

    const bobPage = await bob.agent.get('/today');
    const bobCsrf = csrfFrom(bobPage.text);
    const missing = await bob.agent.get('/attempts/999999');
    const foreign = await bob.agent.get(`/attempts/${id}`);
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreign.text).not.toContain('secret code');
    for (const path of ['draft', 'hint', 'submit', 'grade']) {
      const res = await bob.agent
        .post(`/attempts/${id}/${path}`)
        .type('form')
        .send({ _csrf: bobCsrf, code: 'pwned', outcome: 'solved', grade: '4' });
      expect(res.status, path).toBe(404);
    }
    const row = db.$client.prepare('select code, hints_used, submitted_at from attempts where id = ?').get(id) as {
      code: string;
      hints_used: number;
      submitted_at: number | null;
    };
    expect(row).toEqual({ code: 'secret code', hints_used: 0, submitted_at: null });

    // Anonymous visitors are sent to log in; JSON clients get 401.
    expect((await request(app).get(`/attempts/${id}`)).status).toBe(302);
    expect((await request(app).get(`/attempts/${id}`).set('accept', 'application/json')).status).toBe(401);
    const drill = db.$client.prepare('select drill_id from attempts where id = ?').get(id) as { drill_id: number };
    expect((await alice.agent.get(`/summary/${drill.drill_id}`)).status).toBe(200);
    expect((await bob.agent.get(`/summary/${drill.drill_id}`)).status).toBe(404);
  });
});
