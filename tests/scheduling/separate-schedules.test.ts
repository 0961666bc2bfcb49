import { describe, expect, it } from 'vitest';
import {
  answerNext,
  attemptIdFrom,
  createTestApp,
  csrfFrom,
  signUp,
  startDrill,
  unlimitedMinutes,
} from '../helpers/app.js';

const answer = answerNext;

const cardsOf = (db: ReturnType<typeof createTestApp>['db'], track: string) =>
  db.$client
    .prepare('select question_id, due, stability, reps from cards where track = ? order by question_id')
    .all(track) as { question_id: string; due: number; stability: number; reps: number }[];

describe('two tracks, two schedules', () => {
  it('a drill in one track never serves, counts against or reschedules the other', async () => {
    // 2026-03-02 is a Monday: a drill day for both default presets.
    const { app, db, clock } = createTestApp({ bank: { scripting: 8, algorithm: 8 } });
    const { agent } = await signUp(app);
    await unlimitedMinutes(agent);
    // Algorithm default: 2 new a day.
    for (let i = 0; i < 2; i++) expect(await answer(agent, clock, 'algorithm', 3)).not.toBeNull();
    const algorithmBefore = cardsOf(db, 'algorithm');
    expect(algorithmBefore).toHaveLength(2);

    // Scripting default: 3 new a day, untouched by the 2 algorithm questions done.
    const servedTracks: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await answer(agent, clock, 'scripting', 3);
      expect(id).not.toBeNull();
      servedTracks.push(
        (
          db.$client
            .prepare('select q.track from attempts a join questions q on q.id = a.question_id where a.id = ?')
            .get(id) as { track: string }
        ).track,
      );
    }
    expect(servedTracks).toEqual(['scripting', 'scripting', 'scripting']);
    expect(cardsOf(db, 'scripting')).toHaveLength(3);
    // The scripting drill left the algorithm cards exactly as they were.
    expect(cardsOf(db, 'algorithm')).toEqual(algorithmBefore);

    // Both daily limits are now used up, each on its own.
    const today = await agent.get('/today');
    expect(today.text.match(/Nothing left for today in this track/g)).toHaveLength(2);
  });

  it("changing one track's settings never moves the other's due dates", async () => {
    const { app, db, clock } = createTestApp({ bank: { scripting: 4, algorithm: 4 } });
    const { agent } = await signUp(app);
    await answer(agent, clock, 'scripting', 3);
    await answer(agent, clock, 'algorithm', 3);
    const scriptingBefore = cardsOf(db, 'scripting');
    const settings = await agent.get('/settings');
    await agent
      .post('/settings/algorithm')
      .type('form')
      .send({
        _csrf: csrfFrom(settings.text),
        desiredRetention: '0.95',
        newPerDay: '5',
        reviewsPerDay: '50',
        budgetEasyMinutes: '10',
        budgetMediumMinutes: '20',
        budgetHardMinutes: '30',
        dailyMinutes: '600',
        drillDays: ['1', '3'],
      })
      .expect(303);
    const saved = db.$client.prepare('select * from track_settings').all() as {
      track: string;
      desired_retention: number;
      drill_days: string;
    }[];
    expect(saved).toEqual([
      expect.objectContaining({ track: 'algorithm', desired_retention: 0.95, drill_days: '1,3' }),
    ]);
    expect(cardsOf(db, 'scripting')).toEqual(scriptingBefore);
    // The new algorithm limit applies to algorithm only: 5 new minus 1 done = 4 left... capped by the bank (3 unseen).
    const today = await agent.get('/today');
    expect(today.text).toMatch(/Algorithm round[\s\S]*New allowed today<\/dt><dd>3</);
    // Scripting keeps its own 45 minutes a day: 25 done, and the next new question (Hard, 40
    // minutes) does not fit.
    expect(today.text).toMatch(/Scripting round[\s\S]*New allowed today<\/dt><dd>0</);
  });

  it('the algorithm track rests on weekends by default while scripting drills every day', async () => {
    // 2026-03-07 is a Saturday.
    const { app } = createTestApp({ start: '2026-03-07T10:00:00Z' });
    const { agent } = await signUp(app);
    const today = await agent.get('/today');
    expect(today.text).toContain('Not an algorithm drill day');
    expect(today.text).not.toContain('Not a scripting drill day');
    const drill = await startDrill(agent, 'algorithm');
    expect(drill.status).toBe(302);
    expect(drill.headers.location).toBe('/today');
  });
});

describe('FSRS over simulated days', () => {
  it('reviews come back when due, failed cards relearn in the same drill, intervals grow with Good', async () => {
    // Months pass between reviews here: keep the session alive across them.
    const { app, db, clock } = createTestApp({
      bank: { scripting: 1, algorithm: 1 },
      config: { sessionIdleDays: 3650 },
    });
    const { agent } = await signUp(app);
    const q = () => cardsOf(db, 'scripting')[0]!;

    await answer(agent, clock, 'scripting', 1); // Again: a learning card, due in 10 minutes
    const afterAgain = q();
    expect(afterAgain.due - clock.now().getTime()).toBeLessThanOrEqual(10 * 60_000);
    // Within the same drill it comes back (learn-ahead), before its own due time even.
    const back = await startDrill(agent, 'scripting');
    expect(back.status).toBe(200);
    expect(back.text).toContain('Scripting task 1');
    await agent.get('/today');
    const id = attemptIdFrom(back.text);
    const csrf = csrfFrom(back.text);
    clock.advance({ minutes: 12 });
    await agent
      .post(`/attempts/${id}/submit`)
      .type('form')
      .send({ _csrf: csrf, code: 'x', outcome: 'solved' })
      .expect(303);
    await agent.post(`/attempts/${id}/grade`).type('form').send({ _csrf: csrf, grade: '3' }).expect(303);
    const graduated = q();
    expect(graduated.due).toBeGreaterThan(clock.now().getTime() + 12 * 3_600_000);
    // Not due tomorrow morning before its time: nothing to drill.
    expect((await startDrill(agent, 'scripting')).status).toBe(302);

    const intervals: number[] = [];
    let lastDue = graduated.due;
    for (let i = 0; i < 4; i++) {
      clock.set(new Date(lastDue + 60_000));
      expect(await answer(agent, clock, 'scripting', 3)).not.toBeNull();
      const c = q();
      intervals.push(c.due - clock.now().getTime());
      lastDue = c.due;
    }
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]!).toBeGreaterThan(intervals[i - 1]!);
    const attempts = db.$client
      .prepare('select state_before, state_after, due_before, due_after from attempts order by id')
      .all() as { state_before: number; state_after: number; due_before: number; due_after: number }[];
    expect(attempts).toHaveLength(6);
    expect(attempts[0]!.state_before).toBe(0);
    // Each attempt's "before" is the previous one's "after": the attempt log is the review log.
    for (let i = 1; i < attempts.length; i++) expect(attempts[i]!.due_before).toBe(attempts[i - 1]!.due_after);
  });

  it('serves due reviews before new questions, lowest retrievability first', async () => {
    const { app, db, clock } = createTestApp({ bank: { scripting: 6, algorithm: 1 } });
    const { agent } = await signUp(app);
    await unlimitedMinutes(agent);
    for (let i = 0; i < 3; i++) await answer(agent, clock, 'scripting', 3);
    // Make two cards overdue by different amounts; the most overdue (least retrievable) comes first.
    const now = clock.now().getTime();
    db.$client
      .prepare("update cards set due = ?, last_review = ?, stability = 2 where question_id = 'script-02'")
      .run(now - 86_400_000, now - 3 * 86_400_000);
    db.$client
      .prepare("update cards set due = ?, last_review = ?, stability = 2 where question_id = 'script-03'")
      .run(now - 3_600_000, now - 10 * 86_400_000);
    clock.advance({ days: 1 });
    const first = await startDrill(agent, 'scripting');
    expect(first.text).toContain('Scripting task 3');
    await answer(agent, clock, 'scripting', 3);
    const second = await startDrill(agent, 'scripting');
    expect(second.text).toContain('Scripting task 2');
  });
});

describe('days roll over at the user hour in the user time zone', () => {
  it('a drill at 02:30 in Tokyo still counts for the previous day; 04:00 starts a new one', async () => {
    const { app, db, clock } = createTestApp({ start: '2026-03-03T14:00:00Z', bank: { scripting: 8, algorithm: 1 } }); // 23:00 Tue in Tokyo
    const { agent } = await signUp(app);
    const settings = await agent.get('/settings');
    await agent
      .post('/settings/profile')
      .type('form')
      .send({ _csrf: csrfFrom(settings.text), timeZone: 'Asia/Tokyo', dayStartHour: '4' })
      .expect(303);
    await unlimitedMinutes(agent);
    for (let i = 0; i < 3; i++) await answer(agent, clock, 'scripting', 4);
    // 17:30 UTC = 02:30 Wednesday in Tokyo, before the 4 a.m. rollover: still Tuesday, limit used.
    clock.set('2026-03-03T17:30:00Z');
    expect((await startDrill(agent, 'scripting')).status).toBe(302);
    const days = db.$client.prepare('select distinct local_day from attempts').all() as { local_day: string }[];
    expect(days).toEqual([{ local_day: '2026-03-03' }]);
    // 19:00 UTC = 04:00 Wednesday in Tokyo: a new day with new questions.
    clock.set('2026-03-03T19:00:00Z');
    const fresh = await startDrill(agent, 'scripting');
    expect(fresh.status).toBe(200);
    await answer(agent, clock, 'scripting', 4);
    const last = db.$client.prepare('select local_day from attempts order by id desc limit 1').get() as {
      local_day: string;
    };
    expect(last.local_day).toBe('2026-03-04');
  });
});
