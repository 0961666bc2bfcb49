import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/build-server.js';
import { candidate, createFaultWorld, openFile, removeWorld } from '../helpers/faults.js';
import { REPO_DIR, startServer } from '../helpers/server-process.js';

// npm start runs dist/server.js: the server bundled with its dependencies by esbuild. The other
// tests run the TypeScript sources, so this one checks the bundle itself drills end to end.
const outfile = path.join(REPO_DIR, 'dist', `test-compiled-${process.pid}.js`);

afterAll(() => {
  for (const f of [outfile, `${outfile}.map`]) fs.rmSync(f, { force: true });
});

describe('the compiled server (what npm start runs)', () => {
  it('starts, serves a drill from open to grade with the row written, and stops cleanly on SIGTERM', async () => {
    await buildServer({ outfile });
    const world = await createFaultWorld({ users: 1, questions: 3 });
    try {
      const server = await startServer({
        script: path.relative(REPO_DIR, outfile),
        databasePath: world.dbPath,
        env: { SESSION_SECRET: world.secret, QUESTIONS_DIR: world.bankDir, RUNNER: 'off' },
      });
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      const login = await fetch(`${server.url}/login`);
      expect(await login.text()).toContain('action="/login"');
      const user = world.seed.users[0];
      if (!user) throw new Error('the world has no user');
      const c = candidate({ url: server.url, secret: world.secret, user });
      const opened = await c.open('algorithm');
      expect(opened).toMatchObject({ status: 200, page: 'question' });
      const attemptId = opened.attemptId ?? 0;
      expect((await c.submit(attemptId)).status).toBe(303);
      expect((await c.grade(attemptId, 3)).status).toBe(303);
      expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      expect(server.output()).not.toMatch(/checkpointer failed|error/i);
      const db = openFile(world.dbPath);
      const row = db.prepare('select final_grade, state_after from attempts where id = ?').get(attemptId);
      db.close();
      expect(row).toEqual({ final_grade: 3, state_after: expect.any(Number) });
    } finally {
      removeWorld(world);
    }
  });
});
