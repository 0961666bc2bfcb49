import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { answerNext, createTestApp, signUp } from '../helpers/app.js';

describe('Cache-Control', () => {
  it('sends no-store on every page that depends on the session', async () => {
    const { app, clock } = createTestApp();
    const { agent } = await signUp(app);
    const attemptId = await answerNext(agent, clock, 'scripting', 3);
    const pages = [
      '/today',
      '/settings',
      '/settings/password',
      '/history',
      '/stats',
      '/groups',
      '/questions',
      `/attempts/${attemptId}`,
      '/drills/scripting',
      '/me/attempts.csv',
      '/no-such-page',
    ];
    for (const path of pages) {
      const res = await agent.get(path);
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers['cache-control'], path).toBe('no-store');
    }
    // Redirects and refused forms too.
    const anonymous = request(app);
    for (const path of ['/login', '/register', '/today']) {
      expect((await anonymous.get(path)).headers['cache-control'], path).toBe('no-store');
    }
    const refused = await agent.post('/settings/profile').type('form').send({ timeZone: 'UTC' });
    expect(refused.status).toBe(403);
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('leaves public assets cacheable', async () => {
    const { app } = createTestApp({ config: { env: 'production' } });
    const res = await request(app).get('/assets/app.css');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('links a favicon that is there, so a browser never asks for a missing /favicon.ico', async () => {
    const { app } = createTestApp({ config: { env: 'production' } });
    const page = await request(app).get('/login');
    const href = /<link rel="icon" href="([^"]+)" type="image\/svg\+xml">/.exec(page.text)?.[1];
    expect(href).toBe('/assets/favicon.svg');
    const icon = await request(app).get(href ?? '');
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
  });
});
