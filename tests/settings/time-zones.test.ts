import { describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../src/db/database.js';
import {
  canonicalTimeZone,
  formatInZone,
  localDay,
  TIME_ZONE_CACHE_LIMITS,
  timeZoneCacheSizes,
} from '../../src/shared/days.js';
import { createTestApp, csrfFrom, signUp } from '../helpers/app.js';

const storedZones = (db: ReturnType<typeof createTestApp>['db']) =>
  (db.$client.prepare('select time_zone as zone from users order by id').all() as { zone: string }[]).map(
    (r) => r.zone,
  );

/** The n-th of 2^letters spellings of a zone that differ only in case. */
function caseVariant(zone: string, n: number): string {
  let bit = 0;
  return [...zone]
    .map((ch) => {
      if (!/[a-z]/i.test(ch)) return ch;
      const upper = (n >> bit++) & 1;
      return upper ? ch.toUpperCase() : ch.toLowerCase();
    })
    .join('');
}

describe('time zones', () => {
  it('stores the canonical name of whatever spelling the form gets', async () => {
    const { app, db } = createTestApp();
    const { agent } = await signUp(app);
    const csrf = csrfFrom((await agent.get('/settings')).text);
    for (const [typed, stored] of [
      ['asia/tokyo', 'Asia/Tokyo'],
      ['Japan', 'Asia/Tokyo'],
      ['  ASIA/TOKYO ', 'Asia/Tokyo'],
      ['utc', 'UTC'],
      ['US/Eastern', 'America/New_York'],
      ['europe/berlin', 'Europe/Berlin'],
    ]) {
      await agent
        .post('/settings/profile')
        .type('form')
        .send({ timeZone: typed, dayStartHour: '4', _csrf: csrf })
        .expect(303);
      expect(storedZones(db), typed).toEqual([stored]);
      expect((await agent.get('/settings')).text).toContain(`value="${stored}"`);
    }
    for (const bad of ['Mars/Olympus', 'asia/tokyo/x', '+01:00', '']) {
      const res = await agent
        .post('/settings/profile')
        .type('form')
        .send({ timeZone: bad, dayStartHour: '4', _csrf: csrf });
      expect(res.status, bad).toBe(400);
    }
    expect(storedZones(db)).toEqual(['Europe/Berlin']);
  });

  it('keeps the formatter caches bounded through 1,000 spellings of one zone, and stores every one canonically', async () => {
    const { app, db } = createTestApp();
    const { agent } = await signUp(app);
    const csrf = csrfFrom((await agent.get('/settings')).text);
    const zone = 'America/Argentina/Buenos_Aires';
    const canonical = canonicalTimeZone(zone);
    expect(canonical).toBeDefined();
    const seen = new Set<string>();
    const instant = Date.UTC(2026, 2, 2, 10);
    for (let n = 0; n < 1000; n++) {
      const spelling = caseVariant(zone, n * 7919);
      seen.add(spelling);
      await agent
        .post('/settings/profile')
        .type('form')
        .send({ timeZone: spelling, dayStartHour: '4', _csrf: csrf })
        .expect(303);
      const stored = storedZones(db)[0] ?? '';
      expect(stored).toBe(canonical);
      // What the pages do with the stored zone (Today is rendered now and then: it is slow
      // on a busy machine), and with the spelling, as an older row might still hold.
      if (n % 100 === 0) await agent.get('/today').expect(200);
      formatInZone(instant, stored);
      formatInZone(instant, spelling, false);
      localDay(new Date(instant), { timeZone: spelling, dayStartHour: 4 });
    }
    expect(seen.size).toBe(1000);
    const sizes = timeZoneCacheSizes();
    expect(sizes.canonicalNames).toBeLessThanOrEqual(TIME_ZONE_CACHE_LIMITS.canonicalNames);
    expect(sizes.formatters).toBeLessThanOrEqual(TIME_ZONE_CACHE_LIMITS.formatters);
    expect(sizes.displayFormatters).toBeLessThanOrEqual(TIME_ZONE_CACHE_LIMITS.displayFormatters);
    expect(sizes.hourOffsets).toBeLessThanOrEqual(TIME_ZONE_CACHE_LIMITS.hourOffsets);
    expect(sizes.dayOffsets).toBeLessThanOrEqual(TIME_ZONE_CACHE_LIMITS.dayOffsets);
    expect(TIME_ZONE_CACHE_LIMITS.formatters).toBeLessThan(100);
    expect(TIME_ZONE_CACHE_LIMITS.canonicalNames).toBeLessThan(1000);
  }, 120_000);

  it('keys the formatters by the canonical zone, so spellings share one', () => {
    const before = timeZoneCacheSizes().displayFormatters;
    const labels = ['pacific/auckland', 'PACIFIC/AUCKLAND', 'NZ', 'Pacific/Auckland'].map((z) =>
      formatInZone(Date.UTC(2026, 0, 1, 12), z),
    );
    expect(new Set(labels).size).toBe(1);
    expect(labels[0]).toMatch(/^Fri,? 2 Jan 2026, 01:00$/);
    expect(timeZoneCacheSizes().displayFormatters - before).toBeLessThanOrEqual(1);
  });

  it('rewrites zones stored before canonical names to their canonical form when the database is migrated', () => {
    const { db } = createTestApp();
    const insert = db.$client.prepare(
      'insert into users (username, password_hash, time_zone, created_at) values (?, ?, ?, 0)',
    );
    const zones = ['asia/tokyo', 'Japan', 'US/Eastern', 'Europe/Berlin', 'Not/AZone'];
    for (const [i, z] of zones.entries()) insert.run(`u${i}`, 'x', z);
    expect(migrateDatabase(db)).toEqual({ timeZonesNormalised: 3 });
    // A name ICU does not know is left as it was rather than moved to some other zone.
    expect(storedZones(db)).toEqual(['Asia/Tokyo', 'Asia/Tokyo', 'America/New_York', 'Europe/Berlin', 'Not/AZone']);
    expect(migrateDatabase(db)).toEqual({ timeZonesNormalised: 0 });
  });
});
