import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, rowCount } from '../helpers/app.js';

/** One sign-up from a fresh browser, optionally through a proxy that sets X-Forwarded-For. */
async function register(app: Express, username: string, forwardedFor?: string) {
  const agent = request.agent(app);
  const csrf = csrfFrom((await agent.get('/register')).text);
  const post = agent.post('/register').type('form');
  if (forwardedFor) post.set('X-Forwarded-For', forwardedFor);
  return post.send({ username, password: 'a long enough password', _csrf: csrf });
}

describe('sign-up rate limit', () => {
  it('allows REGISTER_RATE_LIMIT sign-ups per address, then answers 429, keeps the username and creates nobody', async () => {
    const { app, db } = createTestApp({ config: { registerRateLimit: 2 } });
    expect((await register(app, 'user-1')).status).toBe(303);
    expect((await register(app, 'user-2')).status).toBe(303);
    const blocked = await register(app, 'user-3');
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Too many sign-ups from your address');
    expect(blocked.text).toContain('value="user-3"');
    expect(rowCount(db, 'users')).toBe(2);
  });

  it('does not count refused forms, which never reach the password hash', async () => {
    const { app, db } = createTestApp({ config: { registerRateLimit: 1 } });
    const agent = request.agent(app);
    const csrf = csrfFrom((await agent.get('/register')).text);
    for (const password of ['short', 'password1234', 'x'.repeat(201)]) {
      const res = await agent.post('/register').type('form').send({ username: 'grace', password, _csrf: csrf });
      expect(res.status).toBe(400);
    }
    expect((await register(app, 'grace')).status).toBe(303);
    expect((await register(app, 'heidi')).status).toBe(429);
    expect(rowCount(db, 'users')).toBe(1);
  });

  it('with TRUST_PROXY=1, gives each X-Forwarded-For client its own budget', async () => {
    const { app, db } = createTestApp({ config: { registerRateLimit: 2, trustProxy: 1 } });
    expect((await register(app, 'a-1', '203.0.113.7')).status).toBe(303);
    expect((await register(app, 'a-2', '203.0.113.7')).status).toBe(303);
    expect((await register(app, 'a-3', '203.0.113.7')).status).toBe(429);
    // Another client behind the same proxy still has its budget.
    expect((await register(app, 'b-1', '198.51.100.23')).status).toBe(303);
    // The proxy appends the real client to whatever the client sent: only the last hop counts.
    expect((await register(app, 'a-4', '10.9.9.9, 203.0.113.7')).status).toBe(429);
    expect(rowCount(db, 'users')).toBe(3);
  });

  it('without TRUST_PROXY, ignores X-Forwarded-For (a client cannot pick a fresh address per request)', async () => {
    const { app, db } = createTestApp({ config: { registerRateLimit: 2 } });
    expect((await register(app, 'c-1', '203.0.113.1')).status).toBe(303);
    expect((await register(app, 'c-2', '203.0.113.2')).status).toBe(303);
    expect((await register(app, 'c-3', '203.0.113.3')).status).toBe(429);
    expect(rowCount(db, 'users')).toBe(2);
  });
});
