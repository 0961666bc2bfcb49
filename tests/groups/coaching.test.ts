import { describe, expect, it } from 'vitest';
import { createTestApp, startDrill, unlimitedMinutes } from '../helpers/app.js';
import { createGroup, gradedAttempt, inviteCode, join, person, snapshot } from './fixtures.js';

async function coachedSetup() {
  const ctx = createTestApp({ start: '2026-03-02T10:00:00Z' });
  const { app, db } = ctx;
  const coach = await person(app, db, 'coach');
  const cand = await person(app, db, 'cand');
  // Several new questions in one day: the minutes a day (with room for a failure's step) would
  // hold the third back.
  await unlimitedMinutes(cand.agent);
  const groupId = await createGroup(coach);
  await join(cand, inviteCode(db, groupId));
  return { ...ctx, coach, cand, groupId };
}

describe('coaching', () => {
  it("filters a member's history by track, outcome, grade, difficulty, topic, question and dates, with totals", async () => {
    const { db, clock, coach, cand, groupId } = await coachedSetup();
    await gradedAttempt(cand, clock, { track: 'scripting', outcome: 'solved', grade: '3', minutes: 4 });
    await gradedAttempt(cand, clock, { track: 'scripting', outcome: 'failed', grade: '1', minutes: 6 });
    clock.advance({ days: 1 });
    await gradedAttempt(cand, clock, { track: 'algorithm', outcome: 'partial', grade: '2', minutes: 10 });
    const base = `/groups/${groupId}/members/${cand.id}`;
    const all = await coach.agent.get(base);
    expect(all.status).toBe(200);
    expect(all.text).toContain('<strong>3</strong> attempts match');
    expect(all.text).toContain('1 solved, 1 partly, 1 not solved (33% solved)');
    expect(all.text).toContain('20 min in total');

    const count = async (qs: string) =>
      Number(/<strong>(\d+)<\/strong> attempts? match/.exec((await coach.agent.get(`${base}?${qs}`)).text)?.[1]);
    expect(await count('track=scripting')).toBe(2);
    expect(await count('track=algorithm')).toBe(1);
    expect(await count('outcome=failed')).toBe(1);
    expect(await count('grade=3')).toBe(1);
    expect(await count('topic=logs')).toBe(2);
    expect(await count('from=2026-03-03')).toBe(1);
    expect(await count('to=2026-03-02')).toBe(2);
    expect(await count('from=2026-03-02&to=2026-03-03&track=scripting&outcome=solved')).toBe(1);
    const first = db.$client.prepare('select question_id as q from attempts order by id limit 1').get() as {
      q: string;
    };
    expect(await count(`question=${first.q}`)).toBe(1);
    const diff = (
      db.$client.prepare('select difficulty as d from questions where id = ?').get(first.q) as { d: string }
    ).d;
    expect(await count(`difficulty=${diff}`)).toBeGreaterThanOrEqual(1);

    // Links go to the coach's view of each attempt.
    expect(all.text).toMatch(new RegExp(`href="/groups/${groupId}/attempts/\\d+"`));

    // Bad filters: a 400 that names the problem and keeps what was typed.
    const bad = await coach.agent.get(`${base}?from=2026-02-31&outcome=great&to=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('that date does not exist');
    expect(bad.text).toContain('outcome must be solved, partial or failed');
    expect(bad.text).toContain('value="yesterday"');
    const inverted = await coach.agent.get(`${base}?from=2026-03-05&to=2026-03-01`);
    expect(inverted.status).toBe(400);
    expect(inverted.text).toContain('must not be after');
  });

  it('paginates history 50 at a time, newest first', async () => {
    const { db, clock, coach, cand, groupId } = await coachedSetup();
    const first = await gradedAttempt(cand, clock);
    // Copies of a graded attempt stand in for months of drilling.
    const insert =
      db.$client.prepare(`insert into attempts (user_id, question_id, track, drill_id, served_at, deadline_at, budget_seconds, code, notes, hints_used, hint_revealed_at,
      submitted_at, duration_seconds, overtime, outcome, suggested_grade, final_grade, graded_at, local_day, state_before, state_after)
      select user_id, question_id, track, drill_id, served_at, deadline_at, budget_seconds, code, notes, hints_used, hint_revealed_at,
      submitted_at, duration_seconds, overtime, outcome, suggested_grade, final_grade, graded_at, local_day, state_before, state_after from attempts where id = ?`);
    for (let i = 0; i < 54; i++) insert.run(first);
    const base = `/groups/${groupId}/members/${cand.id}`;
    const p1 = await coach.agent.get(base);
    expect(p1.text).toContain('<strong>55</strong> attempts match');
    expect((p1.text.match(/<tr><td><a href=/g) ?? []).length).toBe(50);
    expect(p1.text).toContain('Older →');
    const p2 = await coach.agent.get(`${base}?page=2`);
    expect((p2.text.match(/<tr><td><a href=/g) ?? []).length).toBe(5);
    expect(p2.text).toContain(`/attempts/${first}"`);
    expect(p2.text).not.toContain('Older →');
  });

  it('shows the coach the attempt in full: prompt, highlighted code, notes, time vs budget, hints, grades, card before and after', async () => {
    const { clock, coach, cand, groupId } = await coachedSetup();
    const id = await gradedAttempt(cand, clock, {
      code: 'def f(x):\n    return x  # <b>bold</b>',
      notes: 'used a dict',
      minutes: 30,
      outcome: 'partial',
      grade: '2',
    });
    const page = await coach.agent.get(`/groups/${groupId}/attempts/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Solve <strong>Scripting task');
    expect(page.text).toContain('<span class="hljs-keyword">def</span>');
    expect(page.text).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(page.text).not.toContain('<b>bold</b>');
    expect(page.text).toContain('used a dict');
    expect(page.text).toContain('30 min / 25 min');
    expect(page.text).toContain('overtime');
    expect(page.text).toContain('<dt>Suggested grade</dt><dd>Again</dd>');
    expect(page.text).toContain('<dt>Hints used</dt><dd>0</dd>');
    expect(page.text).toContain('<dt>Final grade</dt><dd>Hard</dd>');
    // Only Again repeats a learning step (a question takes tens of minutes): Hard goes to review.
    expect(page.text).toMatch(/<th scope="row">State<\/th><td>New<\/td><td>Review<\/td>/);
    expect(page.text).toMatch(/<th scope="row">Due<\/th><td>new<\/td><td>[^<]+2026/);
  });

  it('runs a feedback thread: the coach writes Markdown (raw HTML disabled), the candidate sees it unread, reads and replies', async () => {
    const { db, clock, coach, cand, groupId } = await coachedSetup();
    const id = await gradedAttempt(cand, clock);
    const none = await cand.agent.get('/today');
    expect(none.text).not.toContain('New feedback');

    clock.advance({ minutes: 1 });
    const sent = await coach.agent
      .post(`/groups/${groupId}/attempts/${id}/feedback`)
      .type('form')
      .send({ _csrf: coach.csrf, body: 'Use **collections.Counter** <script>alert(1)</script>' });
    expect(sent.status).toBe(303);
    const thread = await coach.agent.get(`/groups/${groupId}/attempts/${id}`);
    expect(thread.text).toContain('<strong>collections.Counter</strong>');
    expect(thread.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(thread.text).not.toContain('<script>alert');

    const today = await cand.agent.get('/today');
    expect(today.text).toContain('New feedback from your coach');
    expect(today.text).toContain(`/attempts/${id}#feedback-g${groupId}`);
    expect(today.text).toContain('1 new message');
    const history = await cand.agent.get('/history');
    expect(history.text).toContain('New feedback from your coach');
    expect(history.text).toContain('<td>yes</td>');

    clock.advance({ minutes: 1 });
    const own = await cand.agent.get(`/attempts/${id}`);
    expect(own.text).toContain('<strong>collections.Counter</strong>');
    expect(own.text).toContain('1 new');
    expect(own.text).toContain('Message to the coaches of “Cohort 7”');
    expect(
      (
        db.$client
          .prepare('select read_at from feedback_reads where user_id = ? and attempt_id = ?')
          .get(cand.id, id) as { read_at: number }
      ).read_at,
    ).toBe(clock.now().getTime());
    expect((await cand.agent.get('/today')).text).not.toContain('New feedback');

    // An empty reply is refused and saves nothing; a real one joins the thread.
    const before = snapshot(db);
    const empty = await cand.agent
      .post(`/attempts/${id}/feedback`)
      .type('form')
      .send({ _csrf: cand.csrf, body: '   ', group: String(groupId) });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('write something first');
    const tooLong = await cand.agent
      .post(`/attempts/${id}/feedback`)
      .type('form')
      .send({ _csrf: cand.csrf, body: 'y'.repeat(5001), group: String(groupId) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('y'.repeat(5000));
    expect(snapshot(db)).toBe(before);
    clock.advance({ minutes: 1 });
    expect(
      (
        await cand.agent
          .post(`/attempts/${id}/feedback`)
          .type('form')
          .send({ _csrf: cand.csrf, body: 'Thanks, will do', group: String(groupId) })
      ).status,
    ).toBe(303);
    const rows = db.$client
      .prepare('select author_id as a, body from feedback where attempt_id = ? order by id')
      .all(id) as { a: number; body: string }[];
    expect(rows.map((r) => r.a)).toEqual([coach.id, cand.id]);
    expect((await coach.agent.get(`/groups/${groupId}/attempts/${id}`)).text).toContain('Thanks, will do');
    // The candidate's own reply is never "unread" for them.
    expect((await cand.agent.get('/today')).text).not.toContain('New feedback');

    // An empty coach note is refused too, and the typed text is kept.
    const coachEmpty = await coach.agent
      .post(`/groups/${groupId}/attempts/${id}/feedback`)
      .type('form')
      .send({ _csrf: coach.csrf, body: '' });
    expect(coachEmpty.status).toBe(400);
    expect(coachEmpty.text).toContain('write something first');
  });

  it("asks for a retry: the card is due now in its own track, recorded and shown as the coach's action", async () => {
    const { db, clock, coach, cand, groupId } = await coachedSetup();
    const id = await gradedAttempt(cand, clock, { track: 'algorithm', outcome: 'solved', grade: '4' });
    const a = db.$client.prepare('select question_id as q from attempts where id = ?').get(id) as { q: string };
    const card = () =>
      db.$client.prepare('select due, track from cards where user_id = ? and question_id = ?').get(cand.id, a.q) as {
        due: number;
        track: string;
      };
    expect(card().due).toBeGreaterThan(clock.now().getTime() + 86_400_000);
    const dueBefore = (html: string, track: string) =>
      Number(new RegExp(`id="h-${track}"[\\s\\S]*?<dt>Reviews due</dt><dd>(\\d+)</dd>`).exec(html)?.[1]);
    const todayBefore = (await cand.agent.get('/today')).text;

    clock.advance({ hours: 1 });
    const res = await coach.agent
      .post(`/groups/${groupId}/attempts/${id}/retry`)
      .type('form')
      .send({ _csrf: coach.csrf, note: 'Try it with a heap' });
    expect(res.status).toBe(303);
    expect(card().due).toBe(clock.now().getTime());
    expect(card().track).toBe('algorithm');
    const req = db.$client.prepare('select * from retry_requests').all() as {
      coach_id: number;
      member_id: number;
      question_id: string;
      note: string;
      group_id: number;
    }[];
    expect(req).toEqual([
      expect.objectContaining({
        coach_id: coach.id,
        member_id: cand.id,
        question_id: a.q,
        note: 'Try it with a heap',
        group_id: groupId,
      }),
    ]);

    const todayAfter = (await cand.agent.get('/today')).text;
    expect(dueBefore(todayAfter, 'algorithm')).toBe(dueBefore(todayBefore, 'algorithm') + 1);
    expect(dueBefore(todayAfter, 'scripting')).toBe(dueBefore(todayBefore, 'scripting'));
    const history = await cand.agent.get('/history');
    expect(history.text).toContain('<strong>coach</strong> asked you to retry');
    expect(history.text).toContain('Try it with a heap');
    expect((await coach.agent.get(`/groups/${groupId}/members/${cand.id}`)).text).toContain(
      '<strong>coach</strong> asked for',
    );

    // The next algorithm drill serves it.
    const drill = await startDrill(cand.agent, 'algorithm');
    const served = db.$client
      .prepare('select question_id as q from attempts where user_id = ? and graded_at is null')
      .get(cand.id) as { q: string };
    expect(drill.status).toBe(200);
    expect(served.q).toBe(a.q);
  });
});
