import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from '../../src/accounts/passwords.js';
import { parseConfig } from '../../src/config.js';
import { createTestApp, csrfFrom } from '../helpers/app.js';

// A few scrypt runs at N=2^17 (128 MiB, ~0.5 s of CPU each): slow on a busy machine.
const SLOW = 120_000;

const storedHash = (db: ReturnType<typeof createTestApp>['db']) =>
  (db.$client.prepare(`select password_hash as h from users where username = 'olduser'`).get() as { h: string }).h;

describe('password hashing', () => {
  it(
    'uses scrypt N=2^17, r=8, p=1 by default, with the parameters in the hash',
    async () => {
      expect(parseConfig({}).scryptCost).toBe(2 ** 17);
      const hash = await hashPassword('a long enough password', 2 ** 17);
      expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
      expect(await verifyPassword('a long enough password', hash)).toBe(true);
      expect(needsRehash(hash, 2 ** 17)).toBe(false);
      const cheap = await hashPassword('a long enough password', 1024);
      expect(await verifyPassword('a long enough passworD', cheap)).toBe(false);
      expect(needsRehash(hash.replace('$131072$', '$32768$'), 2 ** 17)).toBe(true);
    },
    SLOW,
  );

  it('refuses damaged hashes instead of running scrypt with their parameters', async () => {
    for (const stored of [
      '',
      'bcrypt$x',
      'scrypt$1073741824$8$1$c2FsdA$aGFzaA', // 2^30: gigabytes of memory
      'scrypt$1000$8$1$c2FsdA$aGFzaA', // not a power of two
      'scrypt$1024$800$1$c2FsdA$aGFzaA',
      'scrypt$1024$8$1$c2FsdA$',
    ]) {
      expect(await verifyPassword('anything at all', stored), stored).toBe(false);
      expect(needsRehash(stored, 1024)).toBe(true);
    }
  });

  it(
    'rehashes an older N=2^15 hash with N=2^17 at the next login, and only after a right password',
    async () => {
      const { app, db, clock } = createTestApp({ config: { scryptCost: 2 ** 17 } });
      const old = await hashPassword('an old but long password', 2 ** 15);
      db.$client
        .prepare('insert into users (username, password_hash, created_at) values (?, ?, ?)')
        .run('olduser', old, clock.now().getTime());

      const agent = request.agent(app);
      const csrf = csrfFrom((await agent.get('/login')).text);
      await agent
        .post('/login')
        .type('form')
        .send({ username: 'olduser', password: 'a wrong password here', _csrf: csrf })
        .expect(401);
      expect(storedHash(db)).toBe(old);

      await agent
        .post('/login')
        .type('form')
        .send({ username: 'olduser', password: 'an old but long password', _csrf: csrf })
        .expect(303);
      const upgraded = storedHash(db);
      expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
      expect(await verifyPassword('an old but long password', upgraded)).toBe(true);

      // Already current: the next login leaves the row alone.
      const again = request.agent(app);
      const againCsrf = csrfFrom((await again.get('/login')).text);
      await again
        .post('/login')
        .type('form')
        .send({ username: 'olduser', password: 'an old but long password', _csrf: againCsrf })
        .expect(303);
      expect(storedHash(db)).toBe(upgraded);
    },
    SLOW,
  );
});
