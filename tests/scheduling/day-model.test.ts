import { describe, expect, it } from 'vitest';
import { type CardFields, CardState, GRADES, newCard, nextStates, userDaysBetween } from '../../src/scheduling/fsrs.js';
import { interviewLastAllowedDay } from '../../src/scheduling/interview-cap.js';
import { planGrades, planGradesUpTo } from '../../src/scheduling/planner.js';
import { dayStart, localDay, shiftDay } from '../../src/shared/days.js';
import { answerNext, createTestApp, csrfFrom, signUp, startDrill, unlimitedMinutes } from '../helpers/app.js';

const berlin = { timeZone: 'Europe/Berlin', dayStartHour: 4 };
const tokyo = { timeZone: 'Asia/Tokyo', dayStartHour: 4 };
const newYork = { timeZone: 'America/New_York', dayStartHour: 4 };
const params = { desiredRetention: 0.9, fuzz: false };

/** A card after one Good on a new question at `at`, in a user's days. */
function learnedAt(at: string, user: typeof berlin): CardFields {
  const now = new Date(at);
  const out = nextStates({ card: newCard(now), now, user, params })[3];
  if (out.kind !== 'days') throw new Error('Good on a new card graduates');
  return { ...out.fields, due: dayStart(shiftDay(out.reviewDay, out.targetDays), user) };
}

describe('a review is due for the whole user day', () => {
  it('a card graded at 20:10 is due from the rollover of its day: Today, the drill and Stats agree at 08:00', async () => {
    // 19:10 UTC is 20:10 in Berlin on Monday 2 March.
    const { app, db, clock } = createTestApp({ start: '2026-03-02T19:10:00Z', bank: { scripting: 4, algorithm: 1 } });
    const { agent, csrf } = await signUp(app);
    await agent
      .post('/settings/profile')
      .type('form')
      .send({ _csrf: csrf, timeZone: 'Europe/Berlin', dayStartHour: '4' })
      .expect(303);
    await answerNext(agent, clock, 'scripting', 3);
    const card = db.$client.prepare('select due, scheduled_days from cards').get() as {
      due: number;
      scheduled_days: number;
    };
    expect(card.scheduled_days).toBe(2);
    // Due at the start of Wednesday 4 March (04:00 in Berlin), not at 20:15 that day.
    expect(card.due).toBe(Date.parse('2026-03-04T03:00:00Z'));

    clock.set('2026-03-04T07:00:00Z'); // 08:00 in Berlin
    const today = await agent.get('/today');
    expect(today.text).toMatch(/Scripting round[\s\S]*Reviews due<\/dt><dd>1</);
    const drill = await startDrill(agent, 'scripting');
    expect(drill.status).toBe(200);
    // The review is served, not a new question.
    expect(drill.text).toContain('Scripting task 1');
    const stats = await agent.get('/stats');
    expect(stats.text).toContain('Due today or overdue: <strong>1</strong>');
    // Before the rollover (03:30 in Berlin) it is still Tuesday: nothing due.
    clock.set('2026-03-04T02:30:00Z');
    expect(db.$client.prepare('select count(*) as n from attempts where graded_at is null').get()).toEqual({ n: 1 });
  });

  it('a card reviewed today is not served again today, even when the interview cap puts it on today', async () => {
    const { app, db, clock } = createTestApp({ start: '2026-03-02T10:00:00Z', bank: { scripting: 2, algorithm: 1 } });
    const { agent, csrf } = await signUp(app);
    await unlimitedMinutes(agent);
    // The interview is tomorrow: the day before it is today.
    await agent.post('/stats/interview').type('form').send({ _csrf: csrf, interviewDate: '2026-03-03' }).expect(303);
    await answerNext(agent, clock, 'scripting', 4);
    const card = db.$client.prepare('select due, state from cards').get() as { due: number; state: number };
    expect(card.state).toBe(CardState.Review);
    expect(card.due).toBe(dayStart('2026-03-02', { timeZone: 'UTC', dayStartHour: 4 }));
    const today = await agent.get('/today');
    expect(today.text).toMatch(/Scripting round[\s\S]*Reviews due<\/dt><dd>0</);
    // The next question is the other new one, not the card just reviewed.
    const next = await startDrill(agent, 'scripting');
    expect(next.text).toContain('Scripting task 2');
  });
});

describe('elapsed days are the user days', () => {
  it('two reviews 25 minutes apart across 00:00 UTC in Tokyo are the same day', () => {
    // 08:40 and 09:05 in Tokyo are 23:40 and 00:05 UTC: two UTC dates, one Tokyo day.
    const first = new Date('2026-03-02T23:40:00Z');
    const second = new Date('2026-03-03T00:05:00Z');
    expect(userDaysBetween(first.getTime(), second.getTime(), tokyo)).toBe(0);
    const afterAgain = nextStates({ card: newCard(first), now: first, user: tokyo, params })[1].fields;
    const sameDay = nextStates({ card: afterAgain, now: second, user: tokyo, params })[3].fields;
    // The same reviews with no UTC date change in between (UTC user, 10:00 and 10:25).
    const utc = { timeZone: 'UTC', dayStartHour: 4 };
    const a = new Date('2026-03-03T10:00:00Z');
    const b = new Date('2026-03-03T10:25:00Z');
    const reference = nextStates({
      card: nextStates({ card: newCard(a), now: a, user: utc, params })[1].fields,
      now: b,
      user: utc,
      params,
    })[3].fields;
    expect(sameDay.stability).toBeCloseTo(reference.stability, 10);
    // Counted as a day apart, FSRS's long-term formula would give a far larger stability.
    expect(sameDay.stability).toBeLessThan(1);
  });

  it('an evening review in New York across 00:00 UTC is the same day, and the next morning is the next day', () => {
    // 18:50 and 19:10 on 2 March in New York (EST) are 23:50 and 00:10 UTC.
    expect(userDaysBetween(Date.parse('2026-03-02T23:50:00Z'), Date.parse('2026-03-03T00:10:00Z'), newYork)).toBe(0);
    // 03:59 on 3 March is still the user's 2 March (the day starts at 4); 04:00 is the next day.
    expect(userDaysBetween(Date.parse('2026-03-02T23:50:00Z'), Date.parse('2026-03-03T08:59:00Z'), newYork)).toBe(0);
    expect(userDaysBetween(Date.parse('2026-03-02T23:50:00Z'), Date.parse('2026-03-03T09:00:00Z'), newYork)).toBe(1);
  });

  it('counts a day across a DST switch (23 hours of wall time) as one day, and starts the day at its real rollover', () => {
    // Berlin springs forward on Sunday 29 March 2026 at 02:00; with the day starting at 2 a.m. that
    // hour does not exist, so the 29th starts at 03:00 CEST (01:00 UTC).
    const at2 = { timeZone: 'Europe/Berlin', dayStartHour: 2 };
    expect(dayStart('2026-03-29', at2)).toBe(Date.parse('2026-03-29T01:00:00Z'));
    expect(localDay(new Date(Date.parse('2026-03-29T01:00:00Z') - 1), at2)).toBe('2026-03-28');
    // 22:00 Saturday to 22:00 Sunday is 23 hours but one user day.
    expect(userDaysBetween(Date.parse('2026-03-28T21:00:00Z'), Date.parse('2026-03-29T20:00:00Z'), berlin)).toBe(1);
    const card = learnedAt('2026-03-27T20:00:00Z', berlin); // Good on Friday evening: due Sunday 29th
    expect(localDay(new Date(card.due), berlin)).toBe('2026-03-29');
    expect(card.due).toBe(dayStart('2026-03-29', berlin));
    expect(card.due).toBe(Date.parse('2026-03-29T02:00:00Z')); // 04:00 CEST
  });
});

describe('the interview cap', () => {
  const reviewCard = (stability: number, reviewedDaysAgo: number, now: Date): CardFields => ({
    due: now.getTime(),
    stability,
    difficulty: 5,
    scheduledDays: reviewedDaysAgo,
    learningSteps: 0,
    reps: 5,
    lapses: 0,
    state: CardState.Review,
    lastReview: now.getTime() - reviewedDaysAgo * 86_400_000,
  });

  it('never lands a Good or Easy past the day before the interview: grades x days left x fuzz', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const today = localDay(now, berlin);
    const cards: [string, CardFields][] = [
      ['new', newCard(now)],
      ['young review', reviewCard(3, 3, now)],
      ['mature review', reviewCard(80, 60, now)],
    ];
    let checked = 0;
    for (const daysLeft of [1, 2, 3, 5, 7, 10, 30]) {
      const interviewDate = shiftDay(today, daysLeft);
      const lastAllowedDay = interviewLastAllowedDay({ today, interviewDate });
      expect(lastAllowedDay).toBe(shiftDay(interviewDate, -1));
      for (const fuzz of [false, true]) {
        for (const [name, card] of cards) {
          const outcomes = nextStates({ card, now, user: berlin, params: { desiredRetention: 0.9, fuzz } });
          const plans = planGrades({
            outcomes,
            user: berlin,
            ctx: { drillDays: [1, 2, 3, 4, 5, 6, 7], lastAllowedDay, loadOf: () => 0, balance: fuzz },
          });
          for (const grade of GRADES) {
            const plan = plans[grade];
            const label = `${name}, grade ${grade}, ${daysLeft} days left, fuzz ${fuzz}`;
            if (plan.dueDay === null) {
              expect(plan.minutes, label).toBeGreaterThan(0);
              continue;
            }
            expect(plan.dueDay < interviewDate, label).toBe(true);
            expect(plan.dueDay <= lastAllowedDay!, label).toBe(true);
            expect(plan.fields.due, label).toBe(dayStart(plan.dueDay, berlin));
            if (daysLeft === 1) expect(plan.dueDay, label).toBe(today);
            checked++;
          }
          // The order of the grades survives the cap.
          const days = GRADES.map((g) => plans[g].days);
          for (let i = 2; i < days.length; i++)
            if (plans[GRADES[i - 1]!].dueDay) expect(days[i]).toBeGreaterThanOrEqual(days[i - 1]!);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('plans a grade alone exactly as among all four (grading reads only its own window)', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const today = localDay(now, berlin);
    // Uneven load, so the balancer moves days and the floor of worse grades matters.
    const loadOf = (day: string) => ((Number(day.slice(8)) * 37) % 11) * 9;
    let compared = 0;
    for (const card of [newCard(now), reviewCard(3, 3, now), reviewCard(20, 15, now), reviewCard(80, 60, now)]) {
      for (const lastAllowedDay of [null, shiftDay(today, 6)]) {
        for (const drillDays of [
          [1, 2, 3, 4, 5, 6, 7],
          [1, 2, 3, 4, 5],
        ]) {
          const outcomes = nextStates({ card, now, user: berlin, params: { desiredRetention: 0.9, fuzz: true } });
          const ctx = { drillDays, lastAllowedDay, loadOf, balance: true, dailyMinutes: 60, ownMinutes: 30 };
          const all = planGrades({ outcomes, user: berlin, ctx });
          for (const grade of GRADES) {
            const alone = planGradesUpTo({ outcomes, user: berlin, ctx, upTo: grade });
            expect(alone.map((p) => p.grade)).toEqual(GRADES.filter((g) => g <= grade));
            expect(alone.at(-1)).toEqual(all[grade]);
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(64);
  });

  it('has no cap on or after the interview day, nor without a date', () => {
    expect(interviewLastAllowedDay({ today: '2026-03-02', interviewDate: '2026-03-02' })).toBeNull();
    expect(interviewLastAllowedDay({ today: '2026-03-03', interviewDate: '2026-03-02' })).toBeNull();
    expect(interviewLastAllowedDay({ today: '2026-03-02', interviewDate: null })).toBeNull();
  });

  it('keeps Easy inside the cap where ts-fsrs would order it past (the issue: Easy 7 days out with 5 left)', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const today = localDay(now, berlin);
    const outcomes = nextStates({ card: reviewCard(4, 4, now), now, user: berlin, params });
    const plans = planGrades({
      outcomes,
      user: berlin,
      ctx: {
        drillDays: [1, 2, 3, 4, 5, 6, 7],
        lastAllowedDay: interviewLastAllowedDay({ today, interviewDate: shiftDay(today, 5) }),
        loadOf: () => 0,
        balance: false,
      },
    });
    expect(plans[4].days).toBe(4);
    expect(plans[4].capped).toBe(true);
  });
});

describe('settings keep the form on bad input (smoke for the day model pages)', () => {
  it('GET /drills/:track never opens an attempt; POST start does', async () => {
    const { app, db } = createTestApp();
    const { agent } = await signUp(app);
    const page = await agent.get('/drills/scripting');
    expect(page.status).toBe(200);
    expect(page.text).toContain('action="/drills/scripting/start"');
    expect(db.$client.prepare('select count(*) as n from attempts').get()).toEqual({ n: 0 });
    // Without the CSRF token (a cross-site form) nothing starts.
    await agent.post('/drills/scripting/start').type('form').send({}).expect(403);
    expect(db.$client.prepare('select count(*) as n from attempts').get()).toEqual({ n: 0 });
    await agent
      .post('/drills/scripting/start')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    expect(db.$client.prepare('select count(*) as n from attempts').get()).toEqual({ n: 1 });
    // Refreshing keeps the open attempt.
    const again = await agent.get('/drills/scripting');
    expect(again.text).toContain('data-attempt=');
    await agent
      .post('/drills/scripting/start')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    expect(db.$client.prepare('select count(*) as n from attempts').get()).toEqual({ n: 1 });
  });
});
