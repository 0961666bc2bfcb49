import request, { type Agent } from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import type { FixedClock } from '../../src/shared/clock.js';
import { localDay, shiftDay } from '../../src/shared/days.js';
import { shortDay } from '../../src/stats/stats.panel.js';
import { computeStreak } from '../../src/stats/streaks.js';
import { answerNext, createTestApp, csrfFrom, rowCount, signUp, unlimitedMinutes } from '../helpers/app.js';

type Track = 'scripting' | 'algorithm';

/** Serve, submit and grade the next question of a track, which must have one; returns the attempt id. */
async function answer(agent: Agent, clock: FixedClock, track: Track, grade: number) {
  const id = await answerNext(agent, clock, track, grade);
  expect(id, `${track} at ${clock.now().toISOString()}: nothing to serve`).not.toBeNull();
  return id!;
}

/** Sessions last 30 days: long intervals outlive them, so log in again after a big jump. */
async function logIn(agent: Agent) {
  const page = await agent.get('/login');
  if (page.status === 302) return; // still signed in
  await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), username: 'alice', password: 'correct horse battery' })
    .expect(303);
}

async function setProfile(agent: Agent, csrf: string, timeZone: string, dayStartHour = 4) {
  await agent
    .post('/settings/profile')
    .type('form')
    .send({ _csrf: csrf, timeZone, dayStartHour: String(dayStartHour) })
    .expect(303);
}

/** The text of one track's section on the stats page. */
function section(html: string, track: Track): string {
  const start = html.indexOf(`id="h-track-${track}"`);
  expect(start).toBeGreaterThan(-1);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
}

function streakRow(html: string, label: string): string {
  const m = new RegExp(`<th scope="row">${label}</th>([\\s\\S]*?)</tr>`).exec(html);
  expect(m, label).not.toBeNull();
  return m![1]!.replace(/\s+/g, ' ');
}

const attemptRow = (db: Db, id: number) =>
  db.$client
    .prepare(
      'select local_day, state_before, final_grade, due_before, last_review_before, due_after, scheduled_days_after from attempts where id = ?',
    )
    .get(id) as {
    local_day: string;
    state_before: number;
    final_grade: number;
    due_before: number | null;
    last_review_before: number | null;
    due_after: number;
    scheduled_days_after: number;
  };

describe('stats page', () => {
  it('needs a login and shows an empty state that says what to do', async () => {
    const { app } = createTestApp();
    const anon = await request(app).get('/stats');
    expect(anon.status).toBe(302);
    expect(anon.headers.location).toBe('/login?next=%2Fstats');

    const { agent } = await signUp(app);
    const page = await agent.get('/stats');
    expect(page.status).toBe(200);
    expect(page.text).toContain('No reviews yet: <a href="/drills/scripting">start today\'s scripting drill</a>');
    expect(page.text).toContain('aria-current="page">Stats</a>');
    // Charts are drawn even when empty: every heatmap cell has a title, every chart a label.
    expect(page.text).toContain(`<title>${shortDay('2026-03-02')}: 0 attempts</title>`);
    expect(page.text.match(/role="img"/g)?.length).toBe(3 + 2 + 0);
  });

  it('counts streaks in the user’s own days: over a day boundary, a missed day and non-drill days', async () => {
    // 2026-03-02 is a Monday. New York is UTC-5 until the DST switch on Sunday 8 March.
    const { app, db, clock } = createTestApp({ start: '2026-03-02T15:00:00Z', bank: { scripting: 12, algorithm: 12 } });
    const { agent, csrf } = await signUp(app);
    await setProfile(agent, csrf, 'America/New_York');

    const both = async () => [await answer(agent, clock, 'scripting', 3), await answer(agent, clock, 'algorithm', 3)];
    await both(); // Mon 2
    clock.set('2026-03-04T06:00:00Z'); // 01:00 on Wednesday in New York: still Tuesday's day (it starts at 4 a.m.)
    const [lateNight] = await both();
    expect(attemptRow(db, lateNight!).local_day).toBe('2026-03-03');
    // Wednesday 4: missed entirely.
    clock.set('2026-03-05T15:00:00Z');
    await both(); // Thu 5
    clock.set('2026-03-06T15:00:00Z');
    await both(); // Fri 6
    clock.set('2026-03-07T15:00:00Z');
    await answer(agent, clock, 'scripting', 3); // Sat 7: not an algorithm drill day (default Mon-Fri)
    clock.set('2026-03-08T15:00:00Z');
    await answer(agent, clock, 'scripting', 3); // Sun 8

    clock.set('2026-03-09T15:00:00Z'); // Monday, nothing done yet today
    const page = (await agent.get('/stats')).text;
    // Scripting: Thu-Sun = 4 (Wednesday broke Mon-Tue); today is open so it does not break it.
    expect(streakRow(page, 'Scripting round')).toContain(
      '<td><strong>4</strong> days</td> <td>4 days</td> <td>not yet</td>',
    );
    // Algorithm: Thu-Fri = 2; the weekend is not an algorithm drill day, so it does not break it.
    expect(streakRow(page, 'Algorithm round')).toContain(
      '<td><strong>2</strong> days</td> <td>2 days</td> <td>not yet</td>',
    );
    expect(streakRow(page, 'Overall')).toContain('<td><strong>4</strong> days</td> <td>4 days</td>');
    // The late-night attempts are on Tuesday's cell in the heatmap, Wednesday's cell is empty.
    expect(page).toContain(`<title>${shortDay('2026-03-03')}: 2 attempts</title>`);
    expect(page).toContain(`<title>${shortDay('2026-03-04')}: 0 attempts</title>`);

    // Missing Monday (an algorithm drill day) breaks the algorithm streak; Tuesday counts afresh.
    clock.set('2026-03-10T15:00:00Z');
    await both();
    const tuesday = (await agent.get('/stats')).text;
    expect(streakRow(tuesday, 'Algorithm round')).toContain(
      '<td><strong>1</strong> day</td> <td>2 days</td> <td>done</td>',
    );
    expect(streakRow(tuesday, 'Scripting round')).toContain(
      '<td><strong>1</strong> day</td> <td>4 days</td> <td>done</td>',
    );
  });

  it('computes streaks from the drill days it is given (unit)', () => {
    const weekdays = (d: string) => ![6, 0].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    const active = new Set(['2026-03-05', '2026-03-06', '2026-03-09']); // Thu, Fri, Mon
    expect(computeStreak({ activeDays: active, isDrillDay: weekdays, today: '2026-03-09' })).toEqual({
      current: 3,
      longest: 3,
      doneToday: true,
    });
    expect(computeStreak({ activeDays: active, isDrillDay: () => true, today: '2026-03-09' })).toEqual({
      current: 1,
      longest: 2,
      doneToday: true,
    });
    expect(computeStreak({ activeDays: active, isDrillDay: weekdays, today: '2026-03-11' })).toEqual({
      current: 0,
      longest: 3,
      doneToday: false,
    });
    expect(computeStreak({ activeDays: new Set(), isDrillDay: weekdays, today: '2026-03-11' })).toEqual({
      current: 0,
      longest: 0,
      doneToday: false,
    });
  });

  it('measures true retention on review attempts only, split into young and mature cards', async () => {
    const { app, db, clock } = createTestApp({ start: '2026-01-05T03:00:00Z', bank: { scripting: 1, algorithm: 1 } });
    const { agent, csrf } = await signUp(app);
    await setProfile(agent, csrf, 'Asia/Kolkata');
    const card = () => db.$client.prepare("select due from cards where track = 'scripting'").get() as { due: number };
    const atDue = async () => {
      clock.set(new Date(card().due + 3_600_000));
      await logIn(agent);
    };

    const first = await answer(agent, clock, 'scripting', 4); // first attempt: never counted
    await atDue();
    const young = await answer(agent, clock, 'scripting', 4); // review, short interval: young pass
    await atDue();
    const mature = await answer(agent, clock, 'scripting', 1); // review, long interval: mature fail
    const relearn = await answer(agent, clock, 'scripting', 3); // relearning step: not a review
    await atDue();
    const youngAgain = await answer(agent, clock, 'scripting', 2); // Hard still passes

    const rows = [first, young, mature, relearn, youngAgain].map((id) => attemptRow(db, id));
    expect(rows.map((r) => r.state_before)).toEqual([0, 2, 2, 3, 2]);
    const interval = (r: (typeof rows)[number]) => (r.due_before! - r.last_review_before!) / 86_400_000;
    expect(interval(rows[1]!)).toBeLessThan(21);
    expect(interval(rows[2]!)).toBeGreaterThanOrEqual(21);
    expect(interval(rows[4]!)).toBeLessThan(21);

    const page = section((await agent.get('/stats')).text, 'scripting').replace(/\s+/g, ' ');
    expect(page).toContain(
      '<th scope="row">Last 365 days</th> <td><strong>100%</strong> <span class="muted small">(2 of 2)</span></td><td><strong>0%</strong> <span class="muted small">(0 of 1)</span></td><td><strong>67%</strong> <span class="muted small">(2 of 3)</span></td>',
    );
    // The mature failure and the young pass after it were both this week.
    expect(page).toContain(
      '<th scope="row">Last 7 days</th> <td><strong>100%</strong> <span class="muted small">(1 of 1)</span></td><td><strong>0%</strong> <span class="muted small">(0 of 1)</span></td>',
    );

    // Eight days on they leave the 7-day window but stay in the 30-day one.
    clock.advance({ days: 8 });
    await logIn(agent);
    const later = section((await agent.get('/stats')).text, 'scripting').replace(/\s+/g, ' ');
    expect(later).toContain(
      '<th scope="row">Last 7 days</th> <td><strong>–</strong> <span class="muted small">(0 of 0)</span></td><td><strong>–</strong> <span class="muted small">(0 of 0)</span></td>',
    );
    expect(later).toContain(
      '<th scope="row">Last 30 days</th> <td><strong>100%</strong> <span class="muted small">(1 of 1)</span></td><td><strong>0%</strong> <span class="muted small">(0 of 1)</span></td>',
    );
  });

  it('forecasts the reviews a drill scheduled, with today’s backlog apart, in the user’s zone', async () => {
    // 14:30 UTC is 03:30 the next morning in Auckland (UTC+13): still the user's 2 March.
    const { app, db, clock } = createTestApp({ start: '2026-03-02T14:30:00Z', bank: { scripting: 4, algorithm: 2 } });
    const { agent, csrf } = await signUp(app);
    await setProfile(agent, csrf, 'Pacific/Auckland');
    await unlimitedMinutes(agent);
    const easy = await answer(agent, clock, 'scripting', 4); // graduates: due in days
    await answer(agent, clock, 'scripting', 1); // Again: back in 10 minutes, today's backlog
    const easyRow = attemptRow(db, easy);
    expect(easyRow.local_day).toBe('2026-03-02');
    const dueDay = localDay(new Date(easyRow.due_after), { timeZone: 'Pacific/Auckland', dayStartHour: 4 });
    expect(dueDay).toBe(shiftDay('2026-03-02', easyRow.scheduled_days_after));

    const html = (await agent.get('/stats')).text;
    const scripting = section(html, 'scripting');
    expect(scripting).toContain('Due today or overdue: <strong>1</strong> · next 7 days: <strong>');
    expect(scripting).toContain('next 30 days: <strong>1</strong>');
    expect(scripting).toContain(`<title>${shortDay(dueDay)}: 1 review due</title>`);
    expect(scripting).toContain('<title>Due today or overdue: 1 review</title>');
    expect(section(html, 'algorithm')).toContain(
      'Due today or overdue: <strong>0</strong> · next 7 days: <strong>0</strong> · next 30 days: <strong>0</strong>',
    );
    expect(section(html, 'algorithm')).toContain("start today's algorithm drill");
  });
});

describe('interview date', () => {
  it('validates the form, changes nothing on bad input, and shows readiness on Today', async () => {
    const { app, db } = createTestApp({ start: '2026-03-02T10:00:00Z' });
    const { agent, csrf } = await signUp(app);
    const stored = () => (db.$client.prepare('select interview_date as d from users').get() as { d: string | null }).d;
    const bad: [Record<string, string>, string][] = [
      [{ interviewDate: '2026-02-30' }, 'must be a real date'],
      [{ interviewDate: 'next week' }, 'must be a real date'],
      [{ interviewDate: '2026-03-120' }, 'must look like 2026-06-30'],
      [{ interviewDate: '2026-03-01' }, 'must be today (2026-03-02) or later'],
      [{ interviewDate: '2031-01-01' }, 'within three years'],
      [{ interviewDate: '' }, 'pick an interview date'],
      [{ interviewDate: '2026-03-12', action: 'delete' }, 'unknown action'],
    ];
    for (const [body, message] of bad) {
      const res = await agent
        .post('/stats/interview')
        .type('form')
        .send({ _csrf: csrf, ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.text).toContain(message);
    }
    const kept = await agent.post('/stats/interview').type('form').send({ _csrf: csrf, interviewDate: '2026-03-01' });
    expect(kept.text).toContain('value="2026-03-01"');
    await agent.post('/stats/interview').type('form').send({ interviewDate: '2026-03-12' }).expect(403);
    expect(stored()).toBeNull();
    expect((await agent.get('/today')).text).not.toContain('id="h-interview"');

    const saved = await agent.post('/stats/interview').type('form').send({ _csrf: csrf, interviewDate: '2026-03-12' });
    expect(saved.status).toBe(303);
    expect(stored()).toBe('2026-03-12');
    const today = (await agent.get('/today')).text;
    expect(today).toContain('<strong>10 days left</strong>');
    expect(today).toContain('<strong>0%</strong> <span class="muted small">(0 of 6)</span>');
    expect((await agent.get('/stats')).text).toContain('value="2026-03-12"');

    await agent.post('/stats/interview').type('form').send({ _csrf: csrf, action: 'clear' }).expect(303);
    expect(stored()).toBeNull();
    expect((await agent.get('/stats?saved=cleared')).text).toContain('Cleared your interview date');
    expect(rowCount(db, 'cards')).toBe(0);
  });

  it('caps intervals so no review lands past the interview; clearing restores normal intervals', async () => {
    const { app, db, clock } = createTestApp({ start: '2026-03-02T10:00:00Z', bank: { scripting: 6, algorithm: 2 } });
    const { agent, csrf } = await signUp(app);
    await setProfile(agent, csrf, 'Europe/Berlin');
    await unlimitedMinutes(agent);
    await agent.post('/stats/interview').type('form').send({ _csrf: csrf, interviewDate: '2026-03-12' }).expect(303);
    const day = (ms: number) => localDay(new Date(ms), { timeZone: 'Europe/Berlin', dayStartHour: 4 });

    const capped = [];
    for (let i = 0; i < 3; i++) capped.push(await answer(agent, clock, 'scripting', 4));
    // A review some days later, still before the interview: its next interval is capped to what is left.
    clock.set('2026-03-09T10:00:00Z');
    capped.push(await answer(agent, clock, 'scripting', 4));
    for (const id of capped) {
      const row = attemptRow(db, id);
      expect(day(row.due_after) < '2026-03-12', `${row.local_day} -> ${day(row.due_after)}`).toBe(true);
    }
    expect(attemptRow(db, capped[0]!).scheduled_days_after).toBeLessThanOrEqual(10);
    expect(attemptRow(db, capped[3]!).scheduled_days_after).toBeLessThanOrEqual(3);
    const cards = db.$client.prepare('select due from cards').all() as { due: number }[];
    expect(cards.every((c) => day(c.due) < '2026-03-12')).toBe(true);

    const page = (await agent.get('/stats')).text;
    expect(page).toContain('<strong>3 days left</strong>');
    // Nothing is due after the interview: the "due after it" column reads 0 for both tracks.
    expect(page.match(/<td>0<\/td>/g)?.length).toBeGreaterThanOrEqual(2);
    expect(page).toMatch(/<strong>67%<\/strong> <span class="muted small">\(4 of 6\)<\/span>/);

    await agent.post('/stats/interview').type('form').send({ _csrf: csrf, action: 'clear' }).expect(303);
    expect(db.$client.prepare('select interview_date as d from users').get()).toEqual({ d: null });
    const free = attemptRow(db, await answer(agent, clock, 'scripting', 4));
    // The same first Easy answer without the cap: the normal, longer interval.
    const uncappedFirst = free.scheduled_days_after;
    expect(uncappedFirst).toBeGreaterThan(3);
    expect(day(free.due_after) > '2026-03-12').toBe(true);
  });

  it('counts questions scheduled past a date set later, and shows them', async () => {
    const { app, clock } = createTestApp({ start: '2026-03-02T10:00:00Z', bank: { scripting: 2, algorithm: 1 } });
    const { agent, csrf } = await signUp(app);
    await answer(agent, clock, 'scripting', 4); // Easy: due days from now, past the 4th
    await agent.post('/stats/interview').type('form').send({ _csrf: csrf, interviewDate: '2026-03-04' }).expect(303);
    const today = (await agent.get('/today')).text.replace(/\s+/g, ' ');
    expect(today).toContain('<strong>2 days left</strong>');
    expect(today).toContain('<td>1 <span class="muted small">(scheduled before the date was set');
    expect(today).toMatch(/<strong>50%<\/strong> <span class="muted small">\(1 of 2\)<\/span>/);
  });
});
