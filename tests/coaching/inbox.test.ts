import { describe, expect, it } from 'vitest';
import { INBOX_PAGE_SIZE } from '../../src/coaching/coaching.service.js';
import { createGroup, gradedAttempt, inviteCode, join, person, snapshot } from '../groups/fixtures.js';
import { createTestApp, unlimitedMinutes } from '../helpers/app.js';

async function coached() {
  const ctx = createTestApp({ start: '2026-03-02T10:00:00Z' });
  const { app, db } = ctx;
  const coach = await person(app, db, 'coach');
  const cand = await person(app, db, 'cand');
  // Several questions a day in one track: more than the default minutes allow.
  await unlimitedMinutes(cand.agent);
  const groupId = await createGroup(coach, 'Night owls');
  return { ...ctx, coach, cand, groupId };
}

const rowsOf = (html: string) => (html.match(/<tr><td><a href="\/groups\/\d+\/attempts\/\d+#feedback">/g) ?? []).length;

describe("the nav's Coach link", () => {
  it('appears and goes the moment a membership changes, though the answer is kept between pages', async () => {
    const { db, coach, cand, groupId } = await coached();
    const navLink = /<a href="\/coach" >Coach<\/a>/;
    await join(cand, inviteCode(db, groupId));
    expect((await cand.agent.get('/today')).text).not.toMatch(navLink);
    await coach.agent
      .post(`/groups/${groupId}/members/${cand.id}/promote`)
      .type('form')
      .send({ _csrf: coach.csrf })
      .expect(303);
    // No clock moves: the kept "not a coach" must not outlive the promotion.
    expect((await cand.agent.get('/today')).text).toMatch(navLink);
    await cand.agent.post(`/groups/${groupId}/leave`).type('form').send({ _csrf: cand.csrf }).expect(303);
    expect((await cand.agent.get('/today')).text).not.toMatch(navLink);
    expect((await coach.agent.get('/today')).text).toMatch(navLink);
  });
});

describe("the coach's inbox", () => {
  it('lists graded attempts awaiting feedback since the member joined, newest first, until a coach writes', async () => {
    const { db, clock, coach, cand, groupId } = await coached();
    // Drilled before joining: history the coach can read, but not new work for the inbox.
    const beforeJoining = await gradedAttempt(cand, clock);
    clock.advance({ minutes: 5 });
    await join(cand, inviteCode(db, groupId));
    clock.advance({ minutes: 5 });
    const first = await gradedAttempt(cand, clock, { track: 'scripting' });
    clock.advance({ minutes: 5 });
    const second = await gradedAttempt(cand, clock, { track: 'algorithm' });

    const inbox = await coach.agent.get('/coach');
    expect(inbox.status).toBe(200);
    expect(inbox.text).toContain('Attempts awaiting feedback <span class="count">2</span>');
    expect(inbox.text).toContain(`/groups/${groupId}/attempts/${second}#feedback`);
    expect(inbox.text.indexOf(`/attempts/${second}#`)).toBeLessThan(inbox.text.indexOf(`/attempts/${first}#`));
    expect(inbox.text).not.toContain(`/attempts/${beforeJoining}#`);
    expect(inbox.text).toContain('Night owls');

    // Today shows the coach the count and the way in; the nav links it for coaches only.
    const today = await coach.agent.get('/today');
    expect(today.text).toContain('<strong>2</strong> attempts awaiting your feedback');
    expect(today.text).toContain('<a href="/coach">Open your coach inbox</a>');
    expect(today.text).toMatch(/<a href="\/coach" >Coach<\/a>/);
    expect((await cand.agent.get('/today')).text).not.toContain('href="/coach"');

    clock.advance({ minutes: 1 });
    await coach.agent
      .post(`/groups/${groupId}/attempts/${second}/feedback`)
      .type('form')
      .send({ _csrf: coach.csrf, body: 'Nice' })
      .expect(303);
    const after = await coach.agent.get('/coach');
    expect(after.text).toContain('Attempts awaiting feedback <span class="count">1</span>');
    expect(after.text).not.toContain(`/attempts/${second}#`);
    expect((await coach.agent.get('/today')).text).toContain('<strong>1</strong> attempt awaiting your feedback');

    // A candidate's own question does not count as a coach's feedback.
    clock.advance({ minutes: 1 });
    await cand.agent
      .post(`/attempts/${first}/feedback`)
      .type('form')
      .send({ _csrf: cand.csrf, body: 'Is this OK?', group: String(groupId) })
      .expect(303);
    expect((await coach.agent.get('/coach')).text).toContain(`/attempts/${first}#feedback">`);

    // Graded more than 30 days ago: off the inbox, still in the member's history.
    const monthAgo = clock.now().getTime() - 31 * 86_400_000;
    db.$client
      .prepare('update attempts set graded_at = ?, submitted_at = ? where id = ?')
      .run(monthAgo, monthAgo, first);
    const later = await coach.agent.get('/coach');
    expect(later.text).toContain('Attempts awaiting feedback <span class="count">0</span>');
    expect((await coach.agent.get(`/groups/${groupId}/members/${cand.id}`)).text).toContain(`/attempts/${first}"`);

    // A member who leaves takes their attempts out of the inbox at once.
    clock.advance({ minutes: 1 });
    await gradedAttempt(cand, clock);
    expect((await coach.agent.get('/coach')).text).toContain('Attempts awaiting feedback <span class="count">1</span>');
    await cand.agent.post(`/groups/${groupId}/leave`).type('form').send({ _csrf: cand.csrf }).expect(303);
    expect((await coach.agent.get('/coach')).text).toContain('Attempts awaiting feedback <span class="count">0</span>');
  });

  it('pages attempts awaiting feedback 50 at a time', async () => {
    const { db, clock, coach, cand, groupId } = await coached();
    await join(cand, inviteCode(db, groupId));
    clock.advance({ minutes: 1 });
    const first = await gradedAttempt(cand, clock);
    // Copies of a graded attempt, each submitted a minute later, stand in for weeks of drilling.
    const insert = db.$client.prepare(
      `insert into attempts (user_id, question_id, track, drill_id, served_at, deadline_at, budget_seconds, code, notes, hints_used, hint_revealed_at,
        submitted_at, duration_seconds, overtime, outcome, suggested_grade, final_grade, graded_at, local_day, state_before, state_after)
       select user_id, question_id, track, drill_id, served_at, deadline_at, budget_seconds, code, notes, hints_used, hint_revealed_at,
        submitted_at + ? * 60000, duration_seconds, overtime, outcome, suggested_grade, final_grade, graded_at + ? * 60000, local_day, state_before, state_after
       from attempts where id = ?`,
    );
    for (let i = 1; i <= INBOX_PAGE_SIZE + 4; i++) insert.run(i, i, first);
    const p1 = await coach.agent.get('/coach');
    expect(p1.text).toContain(`Attempts awaiting feedback <span class="count">${INBOX_PAGE_SIZE + 5}</span>`);
    expect(rowsOf(p1.text)).toBe(INBOX_PAGE_SIZE);
    expect(p1.text).toContain('href="/coach?page=2"');
    expect(p1.text).not.toContain(`/attempts/${first}#`);
    const p2 = await coach.agent.get('/coach?page=2');
    expect(rowsOf(p2.text)).toBe(5);
    expect(p2.text).toContain(`/attempts/${first}#`);
    expect(p2.text).toContain('href="/coach?page=1"');
    expect(p2.text).not.toContain('Older →');
    // A nonsense page number shows the first page rather than an error.
    expect(rowsOf((await coach.agent.get('/coach?page=-3')).text)).toBe(INBOX_PAGE_SIZE);
  });

  it('lists unread candidate replies newest first, and marks them read one at a time or all at once', async () => {
    const { app, db, clock, coach, cand, groupId } = await coached();
    const other = await person(app, db, 'other');
    await join(cand, inviteCode(db, groupId));
    await join(other, inviteCode(db, groupId));
    const a1 = await gradedAttempt(cand, clock);
    const a2 = await gradedAttempt(other, clock);
    const ask = (p: typeof cand, attemptId: number, body: string) =>
      p.agent
        .post(`/attempts/${attemptId}/feedback`)
        .type('form')
        .send({ _csrf: p.csrf, body, group: String(groupId) })
        .expect(303);
    clock.advance({ minutes: 1 });
    await ask(cand, a1, 'First question');
    clock.advance({ minutes: 1 });
    await ask(other, a2, 'Second question');
    clock.advance({ minutes: 1 });
    await ask(cand, a1, 'Follow-up');

    const inbox = (await coach.agent.get('/coach')).text;
    expect(inbox).toContain('New replies from candidates <span class="count">2</span>');
    expect(inbox.indexOf('<strong>cand</strong> on')).toBeLessThan(inbox.indexOf('<strong>other</strong> on'));
    expect(inbox).toContain('2 new messages');
    expect((await coach.agent.get('/today')).text).toContain('<strong>2</strong> threads with new replies');

    // Bad requests are refused and change nothing.
    const stranger = await person(app, db, 'stranger');
    const before = snapshot(db);
    const half = await coach.agent
      .post('/coach/read')
      .type('form')
      .send({ _csrf: coach.csrf, attemptId: String(a1) });
    expect(half.status).toBe(400);
    const foreign = await stranger.agent
      .post('/coach/read')
      .type('form')
      .send({ _csrf: stranger.csrf, attemptId: String(a1), groupId: String(groupId) });
    expect(foreign.status).toBe(404);
    const junk = await coach.agent
      .post('/coach/read')
      .type('form')
      .send({ _csrf: coach.csrf, attemptId: 'x', groupId: '1' });
    expect(junk.status).toBe(400);
    expect(snapshot(db)).toBe(before);

    const one = await coach.agent
      .post('/coach/read')
      .type('form')
      .send({ _csrf: coach.csrf, attemptId: String(a2), groupId: String(groupId) });
    expect(one.status).toBe(303);
    expect(one.headers.location).toBe('/coach?done=read');
    const afterOne = (await coach.agent.get('/coach?done=read')).text;
    expect(afterOne).toContain('Marked read.');
    expect(afterOne).toContain('New replies from candidates <span class="count">1</span>');
    expect(afterOne).not.toContain('<strong>other</strong> on');

    clock.advance({ minutes: 1 });
    await ask(other, a2, 'Another one');
    await coach.agent.post('/coach/read').type('form').send({ _csrf: coach.csrf }).expect(303);
    const cleared = (await coach.agent.get('/coach')).text;
    expect(cleared).toContain('New replies from candidates <span class="count">0</span>');
    expect(cleared).toContain('No unread replies');
  });

  it('tells someone who coaches no group what the inbox is for, and the candidate can mark all feedback read', async () => {
    const { db, clock, coach, cand, groupId } = await coached();
    const page = await cand.agent.get('/coach');
    expect(page.status).toBe(200);
    expect(page.text).toContain('You coach no study group');
    expect(page.text).toContain('href="/groups"');

    await join(cand, inviteCode(db, groupId));
    const id = await gradedAttempt(cand, clock);
    clock.advance({ minutes: 1 });
    await coach.agent
      .post(`/groups/${groupId}/attempts/${id}/feedback`)
      .type('form')
      .send({ _csrf: coach.csrf, body: 'Look again at line 3' })
      .expect(303);
    const today = (await cand.agent.get('/today')).text;
    expect(today).toContain('New feedback from your coach');
    expect(today).toContain('Mark all read');
    const marked = await cand.agent.post('/feedback/read').type('form').send({ _csrf: cand.csrf, back: '/history' });
    expect(marked.status).toBe(303);
    expect(marked.headers.location).toBe('/history');
    expect((await cand.agent.get('/today')).text).not.toContain('New feedback from your coach');
    // "back" only ever leads to our own pages.
    const away = await cand.agent
      .post('/feedback/read')
      .type('form')
      .send({ _csrf: cand.csrf, back: 'https://evil.example/' });
    expect(away.headers.location).toBe('/today');
  });
});
