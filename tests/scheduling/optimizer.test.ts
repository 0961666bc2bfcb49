import { describe, expect, it } from 'vitest';
import { MIN_REVIEWS, toItems } from '../../src/scheduling/optimizer.js';
import { createSchedulingRepository } from '../../src/scheduling/scheduling.repository.js';
import { createSchedulingService } from '../../src/scheduling/scheduling.service.js';
import { createSettingsRepository } from '../../src/settings/settings.repository.js';
import { answerNext, createTestApp, csrfFrom, rowCount, signUp } from '../helpers/app.js';

type Ctx = ReturnType<typeof createTestApp>;

/** Graded attempts as a candidate's review log would hold them: cards reviewed over months. */
function seedReviewLog(ctx: Ctx, userId: number, reviews: number) {
  const { db } = ctx;
  const questions = db.$client.prepare("select id from questions where track = 'scripting' order by id").all() as {
    id: string;
  }[];
  const drill = db.$client
    .prepare(
      "insert into drills (user_id, track, local_day, started_at) values (?, 'scripting', '2025-01-01', 0) returning id",
    )
    .get(userId) as { id: number };
  const insert = db.$client.prepare(
    `insert into attempts (user_id, question_id, track, drill_id, served_at, deadline_at, budget_seconds, hint_revealed_at,
       submitted_at, graded_at, final_grade, local_day, state_before, rescheduled, kind)
     values (?, ?, 'scripting', ?, ?, ?, 1500, '[]', ?, ?, ?, '2025-01-01', ?, 1, 'drill')`,
  );
  let seed = 7;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  let n = 0;
  const start = Date.parse('2025-01-01T18:00:00Z');
  for (let round = 0; n < reviews; round++) {
    for (const [i, q] of questions.entries()) {
      if (n >= reviews) break;
      // Interval grows with the round; recall gets likelier as the question is learned.
      const at = start + (i * 3 + round * round * 2) * 86_400_000 + round * 600_000;
      const grade = rnd() < 0.25 / (round + 1) + 0.08 ? 1 : rnd() < 0.15 ? 2 : rnd() < 0.9 ? 3 : 4;
      insert.run(userId, q.id, drill.id, at, at + 1_500_000, at + 600_000, at + 620_000, grade, round === 0 ? 0 : 2);
      n++;
    }
  }
}

describe('Optimise my schedule', () => {
  it('waits below the minimum of reviews and says why; validates the leech threshold', async () => {
    const { app, db, clock } = createTestApp();
    const { agent } = await signUp(app);
    await answerNext(agent, clock, 'scripting', 3);
    const page = await agent.get('/settings');
    expect(page.text).toContain('Optimise my schedule');
    const csrf = csrfFrom(page.text);
    await agent.post('/settings/optimise').type('form').send({ _csrf: csrf }).expect(303);
    const after = await agent.get('/settings');
    expect(after.text).toContain(`needs at least ${MIN_REVIEWS} reviews to fit your parameters reliably; you have 1`);
    expect(db.$client.prepare('select status, reviews from optimizer_runs').get()).toEqual({
      status: 'waiting',
      reviews: 1,
    });
    expect(db.$client.prepare('select fsrs_weights from users').get()).toEqual({ fsrs_weights: null });
    // Without the token nothing runs.
    await agent.post('/settings/optimise').type('form').send({}).expect(403);
    expect(rowCount(db, 'optimizer_runs')).toBe(1);

    for (const [value, message] of [
      ['1', 'at least 2'],
      ['500', 'at most 50'],
      ['many', 'must be a number'],
      ['2.5', 'whole number'],
    ] as const) {
      const res = await agent.post('/settings/leeches').type('form').send({ _csrf: csrf, leechThreshold: value });
      expect(res.status).toBe(400);
      expect(res.text).toContain(message);
      expect(res.text).toContain(`value="${value}"`);
    }
    expect(db.$client.prepare('select leech_threshold as t from users').get()).toEqual({ t: 5 });
    await agent.post('/settings/leeches').type('form').send({ _csrf: csrf, leechThreshold: '3' }).expect(303);
    expect(db.$client.prepare('select leech_threshold as t from users').get()).toEqual({ t: 3 });
  });

  it('fits the weights with fsrs-rs in a worker, shows log loss and RMSE before and after, and saves them', async () => {
    const ctx = createTestApp({ bank: { scripting: 60, algorithm: 1 } });
    const { app, db, clock } = ctx;
    const { agent } = await signUp(app);
    const userId = (db.$client.prepare('select id from users').get() as { id: number }).id;
    seedReviewLog(ctx, userId, 480);
    const settingsRepository = createSettingsRepository({ db });
    const service = createSchedulingService({
      schedulingRepository: createSchedulingRepository({ db }),
      settingsRepository,
      clock,
      // fsrs-rs stops training at the limit and returns its best weights so far.
      timeoutMs: 5_000,
    });
    const { run } = service.start({ user: { id: userId, timeZone: 'UTC', dayStartHour: 4 } });
    expect(run.status).toBe('running');
    // A second press while it runs joins the same run.
    expect(service.start({ user: { id: userId, timeZone: 'UTC', dayStartHour: 4 } }).run.id).toBe(run.id);
    const t0 = Date.now();
    await service.idle();
    // Bounded in time: the worker is ended 10 s after the limit whatever happens.
    expect(Date.now() - t0).toBeLessThan(15_000);
    const done = db.$client.prepare('select * from optimizer_runs where id = ?').get(run.id) as {
      status: string;
      log_loss_before: number;
      log_loss_after: number;
      rmse_before: number;
      rmse_after: number;
      weights: string;
      message: string;
    };
    expect(done.status, done.message).toBe('done');
    expect(done.log_loss_before).toBeGreaterThan(0);
    expect(done.rmse_after).toBeGreaterThan(0);
    expect(JSON.parse(done.weights)).toHaveLength(21);
    const saved = settingsRepository.getScheduling({ userId }).weights;
    if (done.log_loss_after < done.log_loss_before) expect(saved).toEqual(JSON.parse(done.weights));
    else expect(saved).toBeNull();
    const page = await agent.get('/settings');
    expect(page.text).toContain('Log loss');
    expect(page.text).toContain(done.log_loss_before.toFixed(4));
    expect(page.text).toContain(done.rmse_after.toFixed(4));
  }, 60_000);

  it('marks a failed run as failed with the reason, and keeps the defaults', async () => {
    const { db, clock } = createTestApp({ bank: { scripting: 60, algorithm: 1 } });
    db.$client.prepare("insert into users (username, password_hash, created_at) values ('x', 'x', 0)").run();
    const ctx = { db } as Ctx;
    seedReviewLog(ctx, 1, MIN_REVIEWS);
    const settingsRepository = createSettingsRepository({ db });
    const service = createSchedulingService({
      schedulingRepository: createSchedulingRepository({ db }),
      settingsRepository,
      clock,
      optimiser: async () => ({ ok: false, message: 'the optimizer took longer than 60 s' }),
    });
    service.start({ user: { id: 1, timeZone: 'UTC', dayStartHour: 4 } });
    await service.idle();
    expect(db.$client.prepare('select status, message from optimizer_runs').get()).toEqual({
      status: 'failed',
      message: 'the optimizer took longer than 60 s',
    });
    expect(settingsRepository.getScheduling({ userId: 1 }).weights).toBeNull();
  });

  it('counts the days between reviews in the user’s days for the optimizer', () => {
    const tokyo = { timeZone: 'Asia/Tokyo', dayStartHour: 4 };
    const at = (iso: string, grade: number) => ({ at: Date.parse(iso), grade });
    expect(
      toItems([[at('2026-03-02T23:40:00Z', 1), at('2026-03-03T00:05:00Z', 3), at('2026-03-05T12:00:00Z', 3)]], tokyo),
    ).toEqual([
      [
        [1, 0],
        [3, 0],
        [3, 2],
      ],
    ]);
  });
});

describe('rescheduling after a change of retention', () => {
  it('offers to reschedule when the desired retention changes, and moves the cards when asked', async () => {
    const { app, db, clock } = createTestApp({ bank: { scripting: 3, algorithm: 1 } });
    const { agent } = await signUp(app);
    await answerNext(agent, clock, 'scripting', 3);
    clock.advance({ days: 2 });
    await answerNext(agent, clock, 'scripting', 3);
    const due = () =>
      (db.$client.prepare("select due from cards where question_id = 'script-01'").get() as { due: number }).due;
    const before = due();
    const page = await agent.get('/settings');
    const res = await agent
      .post('/settings/scripting')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        desiredRetention: '0.97',
        newPerDay: '3',
        reviewsPerDay: '20',
        budgetEasyMinutes: '15',
        budgetMediumMinutes: '25',
        budgetHardMinutes: '40',
        dailyMinutes: '45',
        drillDays: ['1', '2', '3', '4', '5', '6', '7'],
      });
    expect(res.headers.location).toBe('/settings?saved=scripting&offer=scripting#scripting');
    const offer = await agent.get('/settings?saved=scripting&offer=scripting');
    expect(offer.text).toContain('Reschedule your existing questions?');
    expect(due()).toBe(before); // nothing moves until asked
    await agent
      .post('/settings/scripting/reschedule')
      .type('form')
      .send({ _csrf: csrfFrom(offer.text) })
      .expect(303);
    // At 97 % the interval is much shorter: the card comes back sooner.
    expect(due()).toBeLessThan(before);
    await agent
      .post('/settings/networking/reschedule')
      .type('form')
      .send({ _csrf: csrfFrom(offer.text) })
      .expect(400);
  });
});
