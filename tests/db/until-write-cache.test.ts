import { describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, writeCounter } from '../../src/db/database.js';
import { createUntilWriteCache } from '../../src/db/until-write-cache.js';
import { createFixedClock } from '../../src/shared/clock.js';

function setUp({ maxAgeMs = 30_000, maxEntries = 100 } = {}) {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const clock = createFixedClock('2026-03-02T10:00:00Z');
  const cache = createUntilWriteCache<string>({ writes: writeCounter(db), clock, maxAgeMs, maxEntries });
  const write = (name: string) =>
    db.$client.prepare('insert into users (username, password_hash, created_at) values (?, ?, 0)').run(name, 'x');
  return { db, clock, cache, write };
}

describe('createUntilWriteCache (values kept until the next write)', () => {
  it('keeps a value while nothing is written, and forgets every value at the first write', () => {
    const { cache, write } = setUp();
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 'page a');
    cache.set('b', 'page b');
    expect(cache.get('a')).toBe('page a');
    expect(cache.get('b')).toBe('page b');
    write('ann');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeUndefined();
  });

  it('counts updates and deletes as writes too', () => {
    const { db, cache, write } = setUp();
    write('ann');
    for (const change of [
      () => db.$client.prepare("update users set username = 'bea' where username = 'ann'").run(),
      () => db.$client.prepare("delete from users where username = 'bea'").run(),
    ]) {
      cache.get('a');
      cache.set('a', 'page');
      change();
      expect(cache.get('a')).toBeUndefined();
    }
  });

  it('drops a value read before a write that came in between', () => {
    const { cache, write } = setUp();
    expect(cache.get('a')).toBeUndefined();
    write('ann');
    cache.set('a', 'read before the write');
    expect(cache.get('a')).toBeUndefined();
  });

  it('forgets a value older than the age limit (a write by another process goes unseen)', () => {
    const { cache, clock } = setUp({ maxAgeMs: 30_000 });
    cache.get('a');
    cache.set('a', 'page');
    clock.advance({ seconds: 30 });
    expect(cache.get('a')).toBe('page');
    clock.advance({ seconds: 1 });
    expect(cache.get('a')).toBeUndefined();
  });

  it('holds at most maxEntries values', () => {
    const { cache } = setUp({ maxEntries: 2 });
    cache.get('a');
    cache.set('a', '1');
    cache.set('b', '2');
    cache.set('c', '3');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, undefined, '3']);
  });
});
