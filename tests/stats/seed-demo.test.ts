import { describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../src/db/database.js';
import { prepareBank } from '../../src/questions/bank.sync.js';
import { createSettingsRepository } from '../../src/settings/settings.repository.js';
import { createFixedClock } from '../../src/shared/clock.js';
import { DEMO_COACH, seedDemoGroup, seedDemoHistory } from '../../src/stats/demo-history.js';
import { createStatsRepository } from '../../src/stats/stats.repository.js';
import { createStatsService } from '../../src/stats/stats.service.js';
import { writeFixtureBank } from '../helpers/bank.js';

describe('demo seed', () => {
  it('drives the real drills service into a consistent history, once', async () => {
    const db = openDatabase(':memory:');
    migrateDatabase(db);
    const clock = createFixedClock('2026-06-01T12:00:00Z');
    const { catalog } = prepareBank({ db, questionsDir: writeFixtureBank({ scripting: 8, algorithm: 8 }), clock });
    const result = await seedDemoHistory({ db, catalog, clock, today: '2026-06-01', days: 90, scryptCost: 1024 });
    expect(result?.attempts).toBeGreaterThan(60);

    // Every card's schedule is the one its latest graded attempt left: the history is consistent.
    const mismatched = db.$client
      .prepare(
        `select count(*) as n from cards c join attempts a on a.id = (select max(id) from attempts where question_id = c.question_id and user_id = c.user_id and graded_at is not null)
          where a.due_after <> c.due`,
      )
      .get() as { n: number };
    expect(mismatched.n).toBe(0);
    const days = db.$client
      .prepare('select min(local_day) as first, max(local_day) as last, count(distinct local_day) as n from attempts')
      .get() as { first: string; last: string; n: number };
    expect(days.first >= '2026-03-03').toBe(true);
    // Today is left for the candidate to do.
    expect(days.last < '2026-06-01' && days.last > '2026-05-15').toBe(true);
    expect(days.n).toBeLessThan(90); // some days skipped
    expect(
      (db.$client.prepare('select count(*) as n from attempts where final_grade = 1').get() as { n: number }).n,
    ).toBeGreaterThan(0);
    expect(
      (db.$client.prepare('select count(*) as n from attempts where graded_at is null').get() as { n: number }).n,
    ).toBe(0);

    clock.set('2026-06-01T12:00:00Z');
    const stats = createStatsService({
      statsRepository: createStatsRepository({ db }),
      settingsRepository: createSettingsRepository({ db }),
      catalog,
      clock,
    }).buildStats({ userId: result!.userId });
    expect(stats.gradedLastYear).toBe(result!.attempts);
    expect(stats.interview?.daysLeft).toBe(24);

    expect(await seedDemoHistory({ db, catalog, clock, today: '2026-06-01', days: 90, scryptCost: 1024 })).toBeNull();
    const group = await seedDemoGroup({ db, catalog, clock, scryptCost: 1024 });
    expect(group).not.toBeNull();
    expect(
      db.$client
        .prepare('select u.username, m.role from group_members m join users u on u.id = m.user_id order by m.role')
        .all(),
    ).toEqual([
      { username: DEMO_COACH, role: 'coach' },
      { username: 'demo', role: 'member' },
    ]);
    expect(await seedDemoGroup({ db, catalog, clock, scryptCost: 1024 })).toBeNull();
  });
});
