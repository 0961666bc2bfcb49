import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { csrfFor } from '../../bench/seed.js';
import { createFaultWorld, type FaultWorld, removeWorld, startWorldServer } from '../helpers/faults.js';
import type { ServerProcess } from '../helpers/server-process.js';

let world: FaultWorld | undefined;
let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.stop('SIGKILL');
  removeWorld(world);
  server = undefined;
  world = undefined;
});

describe('SIGTERM with a coach watching a mock', () => {
  it('ends the live stream with an end event and exits promptly (an open stream would hold server.close)', async () => {
    world = await createFaultWorld({ users: 2, questions: 4 });
    server = await startWorldServer(world);
    // The seed makes the first user of each group of ten its coach, the others members.
    const [coach, cand] = world.seed.users;
    if (!coach || !cand) throw new Error('the seed made too few users');
    const started = await fetch(`${server.url}/mocks`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cand.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfFor(world.secret, cand.token), format: 'scripting' }).toString(),
    });
    const mockId = /\/mocks\/(\d+)/.exec(started.headers.get('location') ?? '')?.[1];
    expect(started.status, await started.text()).toBe(303);

    let text = '';
    const ended = new Promise<void>((resolve, reject) => {
      http
        .get(`${server?.url}/mocks/${mockId}/live`, { headers: { cookie: coach.cookie } }, (res) => {
          expect(res.statusCode).toBe(200);
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', resolve);
          res.on('error', reject);
        })
        .on('error', reject);
    });
    // Connected once the drafts on connect arrived.
    const deadline = Date.now() + 10_000;
    while (!text.includes('event: code') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(text).toContain('event: code');

    const stopAt = Date.now();
    process.kill(server.pid, 'SIGTERM');
    await ended;
    expect(text).toContain('event: end\ndata: {"reason":"shutdown"}');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    // Well inside the 10 s the server gives itself before exiting 1.
    expect(Date.now() - stopAt).toBeLessThan(5000);
  }, 90_000);
});
