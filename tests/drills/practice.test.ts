import type { Agent } from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import type { FixedClock } from '../../src/shared/clock.js';
import {
  answerNext,
  attemptIdFrom,
  createTestApp,
  csrfFrom,
  rowCount,
  saveTrackSettings,
  signUp,
  startDrill,
  unlimitedMinutes,
} from '../helpers/app.js';

const DAY = 86_400_000;

const card = (db: Db, questionId: string) =>
  db.$client.prepare('select * from cards where question_id = ?').get(questionId) as
    | { due: number; state: number; reps: number; lapses: number; suspended: number; stability: number }
    | undefined;

/** Submit and grade the open attempt shown on a drill page. */
async function finish(agent: Agent, clock: FixedClock, page: string, grade: number) {
  const id = attemptIdFrom(page);
  const csrf = csrfFrom(page);
  clock.advance({ minutes: 5 });
  await agent
    .post(`/attempts/${id}/submit`)
    .type('form')
    .send({ _csrf: csrf, code: 'x', outcome: grade === 1 ? 'failed' : 'solved' })
    .expect(303);
  const gradePage = await agent.get(`/attempts/${id}`);
  await agent
    .post(`/attempts/${id}/grade`)
    .type('form')
    .send({ _csrf: csrf, grade: String(grade) })
    .expect(303);
  return { id, gradePage: gradePage.text };
}

async function practise(agent: Agent, questionId: string) {
  const page = await agent.get(`/questions/${questionId}`);
  return agent
    .post(`/practice/${questionId}`)
    .type('form')
    .send({ _csrf: csrfFrom(page.text) });
}

describe('practice on demand', () => {
  it('practises a new question from its page: logged, and it schedules the question (its first review)', async () => {
    const { app, db, clock } = createTestApp({ bank: { scripting: 3, algorithm: 1 } });
    const { agent } = await signUp(app);
    const page = await agent.get('/questions/script-03');
    expect(page.text).toContain('Practise now');
    const res = await practise(agent, 'script-03');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/drills/scripting');
    const drill = await agent.get('/drills/scripting');
    expect(drill.text).toContain('Scripting task 3');
    const { id, gradePage } = await finish(agent, clock, drill.text, 3);
    // The grade buttons showed the interval each grade gives.
    expect(gradePage).toMatch(/Again 10m · Hard \d+d · Good \d+d · Easy \d+d/);
    expect(gradePage).toContain('this question is new to you, so your grade schedules its first review');
    const row = db.$client.prepare('select kind, rescheduled, final_grade from attempts where id = ?').get(id);
    expect(row).toEqual({ kind: 'practice', rescheduled: 1, final_grade: 3 });
    expect(card(db, 'script-03')?.state).toBe(2);
  });

  it('keeps practice of a question far from due as practice: the card does not move', async () => {
    const { app, db, clock } = createTestApp({ bank: { scripting: 2, algorithm: 1 } });
    const { agent } = await signUp(app);
    await answerNext(agent, clock, 'scripting', 4); // Easy: due days ahead
    const before = card(db, 'script-01')!;
    clock.advance({ hours: 2 });
    await practise(agent, 'script-01').then((r) => expect(r.status).toBe(303));
    const drill = await agent.get('/drills/scripting');
    const { id, gradePage } = await finish(agent, clock, drill.text, 1);
    expect(gradePage).toContain('kept as practice');
    expect(gradePage).toContain('Again practice');
    expect(card(db, 'script-01')).toEqual(before);
    expect(db.$client.prepare('select kind, rescheduled from attempts where id = ?').get(id)).toEqual({
      kind: 'practice',
      rescheduled: 0,
    });
    // The review log marks it, so an optimizer is not misled.
    const log = await agent.get('/me/review-log.csv');
    const lines = log.text.trim().split('\r\n');
    expect(lines[0]).toContain('rescheduled');
    expect(lines.filter((l) => l.includes(',false,UTC,4'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes(',true,UTC,4'))).toHaveLength(1);
  });

  it('reschedules practice of a question due tomorrow, as FSRS would count it', async () => {
    const { app, db, clock } = createTestApp({ bank: { scripting: 2, algorithm: 1 } });
    const { agent } = await signUp(app);
    await answerNext(agent, clock, 'scripting', 3);
    const due = card(db, 'script-01')!.due;
    clock.set(new Date(due - 12 * 3_600_000)); // the evening before its day
    await practise(agent, 'script-01');
    const { id, gradePage } = await finish(agent, clock, (await agent.get('/drills/scripting')).text, 3);
    expect(gradePage).toContain('this question is due or nearly due, so your grade reschedules it as a review');
    expect(db.$client.prepare('select rescheduled from attempts where id = ?').get(id)).toEqual({ rescheduled: 1 });
    expect(card(db, 'script-01')!.due).toBeGreaterThan(due);
  });

  it('refuses bad, unknown and conflicting practice requests, changing nothing', async () => {
    const { app, db } = createTestApp({ bank: { scripting: 2, algorithm: 1 } });
    const { agent, csrf } = await signUp(app);
    await agent.post('/practice/Not_An_Id').type('form').send({ _csrf: csrf }).expect(400);
    await agent
      .post(`/practice/${'a'.repeat(500)}`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(400);
    await agent.post('/practice/no-such-question').type('form').send({ _csrf: csrf }).expect(404);
    await agent.post('/practice/script-01').type('form').send({}).expect(403);
    expect(rowCount(db, 'attempts')).toBe(0);
    await startDrill(agent, 'scripting'); // script-01 is open in the drill
    const conflict = await agent.post('/practice/script-02').type('form').send({ _csrf: csrf });
    expect(conflict.status).toBe(409);
    expect(conflict.text).toContain('Finish it');
    expect(rowCount(db, 'attempts')).toBe(1);
  });
});

describe('custom study on Today', () => {
  it('studies ahead: reviews due in the next days are served today as practice', async () => {
    const { app, db, clock } = createTestApp({ bank: { scripting: 2, algorithm: 1 } });
    const { agent } = await signUp(app);
    await unlimitedMinutes(agent);
    await answerNext(agent, clock, 'scripting', 3);
    await answerNext(agent, clock, 'scripting', 3);
    clock.advance({ days: 1 }); // both are due tomorrow: nothing today
    expect((await startDrill(agent, 'scripting')).status).toBe(302);
    const today = await agent.get('/today');
    const csrf = csrfFrom(today.text);
    for (const days of ['0', '15', 'soon', '']) {
      await agent.post('/today/scripting/ahead').type('form').send({ _csrf: csrf, days }).expect(400);
    }
    await agent.post('/today/networking/ahead').type('form').send({ _csrf: csrf, days: '3' }).expect(400);
    expect(db.$client.prepare('select max(ahead_days) as n from drills').get()).toEqual({ n: 0 });
    await agent.post('/today/scripting/ahead').type('form').send({ _csrf: csrf, days: '3' }).expect(303);
    const page = await startDrill(agent, 'scripting');
    expect(page.status).toBe(200);
    expect(db.$client.prepare('select kind from attempts where graded_at is null').get()).toEqual({
      kind: 'practice',
    });
  });

  it('serves extra new questions beyond the day’s minutes, and refuses bad counts', async () => {
    const { app, db, clock } = createTestApp({ bank: { scripting: 5, algorithm: 1 } });
    const { agent } = await signUp(app);
    await answerNext(agent, clock, 'scripting', 3); // 25 minutes of 45: the next new one (40) waits
    expect((await startDrill(agent, 'scripting')).status).toBe(302);
    const csrf = csrfFrom((await agent.get('/today')).text);
    for (const count of ['0', '11', 'two', '1.5']) {
      await agent.post('/today/scripting/extra-new').type('form').send({ _csrf: csrf, count }).expect(400);
    }
    await agent.post('/today/scripting/extra-new').type('form').send({ _csrf: csrf, count: '2' }).expect(303);
    expect(await answerNext(agent, clock, 'scripting', 3)).not.toBeNull();
    expect(await answerNext(agent, clock, 'scripting', 3)).not.toBeNull();
    expect(await answerNext(agent, clock, 'scripting', 3)).toBeNull();
    expect(rowCount(db, 'cards')).toBe(3);
  });
});

describe('Today matches the queue', () => {
  it('says when a failed question comes back, and shows the expected minutes', async () => {
    const { app, clock } = createTestApp({ start: '2026-03-02T20:00:00Z', bank: { scripting: 1, algorithm: 1 } });
    const { agent } = await signUp(app);
    await answerNext(agent, clock, 'scripting', 1); // graded at 20:05 UTC: back at 20:15
    const today = await agent.get('/today');
    expect(today.text).toContain('1 question back at 20:15');
    expect(today.text).not.toContain('Nothing left for today in this track. ');
    expect(today.text).toMatch(/Expected today<\/dt><dd>\d+ of 45 min/);
    // Nothing else is left: the drill serves it early (learn-ahead), as the Today note says.
    expect((await agent.get('/drills/scripting')).text).toContain('a question you missed earlier today');
  });

  it('holds a failed question to tomorrow when the day’s minutes are used up, and the drill page says so', async () => {
    const { app, db, clock } = createTestApp({
      start: '2026-03-02T20:00:00Z',
      bank: { scripting: 2, algorithm: 1 },
    });
    const { agent } = await signUp(app);
    await saveTrackSettings(agent, 'scripting', { dailyMinutes: '10' });
    // The first question of the day always comes; it takes 5 minutes and fails: its 12-minute step
    // would run past the 10 minutes a day.
    await answerNext(agent, clock, 'scripting', 1);
    const today = await agent.get('/today');
    expect(today.text).toContain('1 question back tomorrow (your minutes for today are used up)');
    const drill = await agent.get('/drills/scripting').expect(200);
    expect(drill.text).toContain(
      'Nothing due right now: 1 question back tomorrow (your minutes for today are used up).',
    );
    const start = await agent
      .post('/drills/scripting/start')
      .type('form')
      .send({ _csrf: csrfFrom(today.text) })
      .expect(303);
    expect(start.headers.location).toBe('/drills/scripting');
    expect(rowCount(db, 'attempts')).toBe(1);
    // The next day it is served first.
    clock.advance({ days: 1 });
    expect((await agent.get('/drills/scripting')).text).toContain('a question you missed earlier today');
  });

  it('pauses new questions after a break and says how many days catching up takes', async () => {
    const { app, db, clock } = createTestApp({
      bank: { scripting: 12, algorithm: 1 },
      config: { sessionIdleDays: 365 },
    });
    const { agent } = await signUp(app);
    await unlimitedMinutes(agent);
    for (let i = 0; i < 3; i++) await answerNext(agent, clock, 'scripting', 3);
    await agent.get('/settings').then(async (p) => {
      await agent
        .post('/settings/scripting')
        .type('form')
        .send({
          _csrf: csrfFrom(p.text),
          desiredRetention: '0.9',
          newPerDay: '3',
          reviewsPerDay: '20',
          budgetEasyMinutes: '15',
          budgetMediumMinutes: '25',
          budgetHardMinutes: '40',
          dailyMinutes: '30',
          drillDays: ['1', '2', '3', '4', '5', '6', '7'],
        })
        .expect(303);
    });
    clock.advance({ days: 20 }); // a break: everything is overdue
    const today = (await agent.get('/today')).text;
    expect(today).toContain('Catching up after a break');
    expect(today).toMatch(/takes about \d+ days?/);
    expect(today).toMatch(/New allowed today<\/dt><dd>0</);
    expect(
      db.$client.prepare('select count(*) as n from cards where due < ?').get(clock.now().getTime() - DAY),
    ).toEqual({
      n: 3,
    });
  });

  it('says so when the bank is exhausted', async () => {
    const { app, clock } = createTestApp({ bank: { scripting: 1, algorithm: 1 } });
    const { agent } = await signUp(app);
    await answerNext(agent, clock, 'scripting', 3);
    expect((await agent.get('/today')).text).toContain('You have seen every question of this track');
  });
});

describe('undo, suspend and leeches', () => {
  it('undoes the last grade while its drill is open, and not after the next question started', async () => {
    const { app, db, clock } = createTestApp({ bank: { scripting: 3, algorithm: 1 } });
    const { agent } = await signUp(app);
    await unlimitedMinutes(agent);
    const id = (await answerNext(agent, clock, 'scripting', 4))!;
    const review = await agent.get(`/attempts/${id}`);
    expect(review.text).toContain('Undo grade');
    const csrf = csrfFrom(review.text);
    const other = await signUp(app, 'mallory');
    await other.agent.post(`/attempts/${id}/undo`).type('form').send({ _csrf: other.csrf }).expect(404);
    await agent.post(`/attempts/${id}/undo`).type('form').send({ _csrf: csrf }).expect(303);
    expect(rowCount(db, 'cards')).toBe(0);
    expect(db.$client.prepare('select graded_at, final_grade from attempts where id = ?').get(id)).toEqual({
      graded_at: null,
      final_grade: null,
    });
    const again = await agent.get('/drills/scripting');
    expect(again.text).toContain('How well did you recall it?');
    await agent.post(`/attempts/${id}/grade`).type('form').send({ _csrf: csrf, grade: '3' }).expect(303);
    expect(card(db, 'script-01')?.state).toBe(2);
    await startDrill(agent, 'scripting'); // the next question: undo is over
    const late = await agent.post(`/attempts/${id}/undo`).type('form').send({ _csrf: csrf });
    expect(late.status).toBe(409);
    expect(card(db, 'script-01')?.state).toBe(2);
  });

  it('suspends and unsuspends from the question page; a suspended question is not served or counted', async () => {
    const { app, db, clock } = createTestApp({
      bank: { scripting: 1, algorithm: 1 },
      config: { sessionIdleDays: 365 },
    });
    const { agent } = await signUp(app);
    await answerNext(agent, clock, 'scripting', 3);
    const page = await agent.get('/questions/script-01');
    const csrf = csrfFrom(page.text);
    await agent.post('/cards/script-01/suspend').type('form').send({ _csrf: csrf, suspended: 'maybe' }).expect(400);
    await agent.post('/cards/script-02/suspend').type('form').send({ _csrf: csrf, suspended: 'true' }).expect(404);
    const res = await agent.post('/cards/script-01/suspend').type('form').send({ _csrf: csrf, suspended: 'true' });
    expect(res.headers.location).toBe('/questions/script-01?saved=suspended');
    expect(card(db, 'script-01')?.suspended).toBe(1);
    clock.advance({ days: 20 }); // long past its due day
    expect((await agent.get('/today')).text).toMatch(/Scripting round[\s\S]*Reviews due<\/dt><dd>0</);
    expect((await agent.get('/questions/script-01?saved=suspended')).text).toContain('Unsuspend');
    await agent.post('/cards/script-01/suspend').type('form').send({ _csrf: csrf, suspended: 'false' }).expect(303);
    expect((await agent.get('/today')).text).toMatch(/Scripting round[\s\S]*Reviews due<\/dt><dd>1</);
  });

  it('flags a leech on Today with suspend / keep / reset', async () => {
    const { app, db, clock } = createTestApp({ bank: { scripting: 2, algorithm: 1 } });
    const { agent } = await signUp(app);
    await answerNext(agent, clock, 'scripting', 3);
    db.$client.prepare("update cards set lapses = 5 where question_id = 'script-01'").run();
    const today = await agent.get('/today');
    expect(today.text).toContain('Questions you keep missing');
    expect(today.text).toContain('missed 5 times');
    const csrf = csrfFrom(today.text);
    await agent.post('/cards/script-01/leech').type('form').send({ _csrf: csrf, action: 'delete' }).expect(400);
    const other = await signUp(app, 'mallory');
    await other.agent
      .post('/cards/script-01/leech')
      .type('form')
      .send({ _csrf: other.csrf, action: 'reset' })
      .expect(404);
    await agent.post('/cards/script-01/leech').type('form').send({ _csrf: csrf, action: 'keep' }).expect(303);
    expect((await agent.get('/today')).text).not.toContain('Questions you keep missing');
    db.$client.prepare("update cards set lapses = 8 where question_id = 'script-01'").run();
    expect((await agent.get('/today')).text).toContain('Questions you keep missing');
    await agent.post('/cards/script-01/leech').type('form').send({ _csrf: csrf, action: 'reset' }).expect(303);
    expect(card(db, 'script-01')).toBeUndefined();
    expect(rowCount(db, 'attempts')).toBe(1);
  });
});
