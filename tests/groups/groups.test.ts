import { describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, rowCount } from '../helpers/app.js';
import { coachWithCandidate, createGroup, gradedAttempt, inviteCode, join, person, snapshot } from './fixtures.js';

type Member = { role: string; left_at: number | null };
const membership = (db: ReturnType<typeof createTestApp>['db'], groupId: number, userId: number) =>
  db.$client
    .prepare('select role, left_at from group_members where group_id = ? and user_id = ?')
    .get(groupId, userId) as Member | undefined;

describe('study groups', () => {
  it('creates a group with its creator as coach; the join page says what coaches will see; joining adds a member', async () => {
    const { app, db } = createTestApp();
    const coach = await person(app, db, 'coach');
    const cand = await person(app, db, 'cand');
    const groupId = await createGroup(coach, 'Cohort 7');
    expect(membership(db, groupId, coach.id)).toEqual({ role: 'coach', left_at: null });

    const code = inviteCode(db, groupId);
    const page = await cand.agent.get(`/join/${code}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Cohort 7');
    expect(page.text).toContain('including the code you submit and your notes');
    expect(page.text).toContain('coach');
    // Seeing the page is not consent: nothing is shared until the form is posted.
    expect(membership(db, groupId, cand.id)).toBeUndefined();

    const res = await join(cand, code);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/groups/${groupId}`);
    expect(membership(db, groupId, cand.id)).toEqual({ role: 'member', left_at: null });
    const mine = await cand.agent.get('/groups');
    expect(mine.text).toContain('Cohort 7');

    // The join-by-code form leads to the same consent page.
    const viaForm = await cand.agent.get(`/join?code=${code}`);
    expect(viaForm.status).toBe(302);
    expect(viaForm.headers.location).toBe(`/join/${code}`);
  });

  it('refuses a bad group name or code with a message, keeps what was typed and writes nothing', async () => {
    const { app, db } = createTestApp();
    const coach = await person(app, db, 'coach');
    const before = snapshot(db);
    const blank = await coach.agent.post('/groups').type('form').send({ _csrf: coach.csrf, name: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('give the group a name');
    const long = await coach.agent
      .post('/groups')
      .type('form')
      .send({ _csrf: coach.csrf, name: 'x'.repeat(81) });
    expect(long.status).toBe(400);
    expect(long.text).toContain('x'.repeat(80));
    const badCode = await coach.agent.get(`/join?code=${encodeURIComponent('<script>')}`);
    expect(badCode.status).toBe(400);
    expect(badCode.text).toContain('that is not an invite code');
    expect(badCode.text).not.toContain('<script>');
    expect((await coach.agent.get('/join/doesnotexist')).status).toBe(404);
    expect(snapshot(db)).toBe(before);
  });

  it('shows the coach each member: last drill day, streak, due per track, 7/30-day attempts and success, leeches', async () => {
    const { app, db, clock } = createTestApp({ start: '2026-03-02T10:00:00Z' });
    const { coach, cand, groupId } = await coachWithCandidate(app, db);

    const empty = await coach.agent.get(`/groups/${groupId}`);
    expect(empty.text).toContain('never');

    // Three days in a row; on the second, one question fails, comes back 10 minutes later and fails again.
    await gradedAttempt(cand, clock, { outcome: 'solved', grade: '3' });
    clock.advance({ days: 1 });
    const failed = await gradedAttempt(cand, clock, { outcome: 'failed', grade: '1' });
    clock.advance({ minutes: 10 });
    const again = await gradedAttempt(cand, clock, { outcome: 'failed', grade: '1' });
    clock.advance({ days: 1 });
    await gradedAttempt(cand, clock, { outcome: 'solved', grade: '4' });
    const questionOf = (id: number) =>
      (db.$client.prepare('select question_id as q from attempts where id = ?').get(id) as { q: string }).q;
    expect(questionOf(again)).toBe(questionOf(failed));

    const page = await coach.agent.get(`/groups/${groupId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('>cand</a>');
    expect(page.text).toContain('<td>2026-03-04</td>');
    expect(page.text).toContain('<td>3 days</td>');
    expect(page.text).toContain('4 · 50%');
    expect(page.text).not.toContain('class="leech"');
    // At the default threshold (8) that is no leech; at 2 it is highlighted.
    const saved = await coach.agent
      .post(`/groups/${groupId}/settings`)
      .type('form')
      .send({ _csrf: coach.csrf, leechThreshold: '2' });
    expect(saved.status).toBe(303);
    expect(
      (db.$client.prepare('select leech_threshold as t from groups where id = ?').get(groupId) as { t: number }).t,
    ).toBe(2);
    const withLeech = await coach.agent.get(`/groups/${groupId}`);
    // Each leech links to the member's history filtered to that question.
    expect(withLeech.text).toMatch(
      new RegExp(
        `<a href="/groups/${groupId}/members/${cand.id}\\?question=script-\\d+"><mark class="leech">Scripting task \\d+</mark></a> <span class="small">\\(2×\\)</span>`,
      ),
    );
    expect(withLeech.text).toContain('Leeches (failed ≥ 2×)');
    const leechHistory = await coach.agent.get(`/groups/${groupId}/members/${cand.id}?question=${questionOf(failed)}`);
    const onThatQuestion = (
      db.$client
        .prepare('select count(*) as n from attempts where question_id = ? and graded_at is not null')
        .get(questionOf(failed)) as { n: number }
    ).n;
    expect(leechHistory.text).toContain(`<strong>${onThatQuestion}</strong> attempts match`);
    expect(leechHistory.text).toContain(`/groups/${groupId}/attempts/${failed}"`);
    expect(leechHistory.text).toContain(`/groups/${groupId}/attempts/${again}"`);

    // A bad threshold is refused, the typed value stays, nothing changes.
    const before = snapshot(db);
    const bad = await coach.agent
      .post(`/groups/${groupId}/settings`)
      .type('form')
      .send({ _csrf: coach.csrf, leechThreshold: '1000' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('the leech threshold must be 2 to 100');
    expect(bad.text).toContain('value="1000"');
    expect(snapshot(db)).toBe(before);

    // The streak breaks after a day without a drill.
    clock.advance({ days: 2 });
    const later = (await coach.agent.get(`/groups/${groupId}`)).text;
    // Reviews due per track, as the member's own queue counts them.
    const due = (track: string) =>
      (
        db.$client
          .prepare('select count(*) as n from cards where user_id = ? and track = ? and due <= ?')
          .get(cand.id, track, clock.now().getTime()) as { n: number }
      ).n;
    expect(due('scripting')).toBeGreaterThan(0);
    expect(later).toMatch(
      new RegExp(`<td>0 days</td>\\s*<td>${due('scripting')}</td>\\s*<td>${due('algorithm')}</td>`),
    );
  });

  it("leaving ends the coach's access at once; rejoining restores it", async () => {
    const { app, db, clock } = createTestApp();
    const { coach, cand, groupId } = await coachWithCandidate(app, db);
    const attemptId = await gradedAttempt(cand, clock);
    expect((await coach.agent.get(`/groups/${groupId}/attempts/${attemptId}`)).status).toBe(200);

    const left = await cand.agent.post(`/groups/${groupId}/leave`).type('form').send({ _csrf: cand.csrf });
    expect(left.status).toBe(303);
    expect(membership(db, groupId, cand.id)?.left_at).toBe(clock.now().getTime());
    expect((await coach.agent.get(`/groups/${groupId}/attempts/${attemptId}`)).status).toBe(404);
    expect((await coach.agent.get(`/groups/${groupId}/members/${cand.id}`)).status).toBe(404);
    const csv = await coach.agent.get(`/groups/${groupId}/attempts.csv`);
    expect(csv.status).toBe(200);
    expect(csv.text.trim().split('\r\n')).toHaveLength(1);
    expect((await coach.agent.get(`/groups/${groupId}`)).text).toContain('No member yet');
    expect((await cand.agent.get(`/groups/${groupId}`)).status).toBe(404);

    await join(cand, inviteCode(db, groupId));
    expect(membership(db, groupId, cand.id)).toEqual({ role: 'member', left_at: null });
    expect((await coach.agent.get(`/groups/${groupId}/attempts/${attemptId}`)).status).toBe(200);
  });

  it('lets a coach remove members, rotate the invite code and add a second coach; the only coach cannot walk away', async () => {
    const { app, db } = createTestApp();
    const coach = await person(app, db, 'coach');
    const a = await person(app, db, 'anna');
    const b = await person(app, db, 'bert');
    const groupId = await createGroup(coach);
    const oldCode = inviteCode(db, groupId);
    await join(a, oldCode);
    await join(b, oldCode);

    const alone = await coach.agent.post(`/groups/${groupId}/leave`).type('form').send({ _csrf: coach.csrf });
    expect(alone.status).toBe(409);
    expect(membership(db, groupId, coach.id)?.left_at).toBeNull();

    // Members cannot manage the group.
    expect(
      (await a.agent.post(`/groups/${groupId}/members/${b.id}/remove`).type('form').send({ _csrf: a.csrf })).status,
    ).toBe(404);
    expect(membership(db, groupId, b.id)?.left_at).toBeNull();

    expect(
      (await coach.agent.post(`/groups/${groupId}/members/${b.id}/remove`).type('form').send({ _csrf: coach.csrf }))
        .status,
    ).toBe(303);
    expect(membership(db, groupId, b.id)?.left_at).not.toBeNull();
    // Removing twice, or removing a coach, finds no such member.
    expect(
      (await coach.agent.post(`/groups/${groupId}/members/${b.id}/remove`).type('form').send({ _csrf: coach.csrf }))
        .status,
    ).toBe(404);
    expect(
      (await coach.agent.post(`/groups/${groupId}/members/${coach.id}/remove`).type('form').send({ _csrf: coach.csrf }))
        .status,
    ).toBe(404);

    const rotated = await coach.agent.post(`/groups/${groupId}/invite`).type('form').send({ _csrf: coach.csrf });
    expect(rotated.status).toBe(303);
    const newCode = inviteCode(db, groupId);
    expect(newCode).not.toBe(oldCode);
    expect((await b.agent.get(`/join/${oldCode}`)).status).toBe(404);
    expect((await join(b, newCode)).status).toBe(303);

    expect(
      (await coach.agent.post(`/groups/${groupId}/members/${a.id}/promote`).type('form').send({ _csrf: coach.csrf }))
        .status,
    ).toBe(303);
    expect(membership(db, groupId, a.id)?.role).toBe('coach');
    const asCoach = await a.agent.get(`/groups/${groupId}`);
    expect(asCoach.text).toContain('>bert</a>');
    // With two coaches, the first may leave.
    expect((await coach.agent.post(`/groups/${groupId}/leave`).type('form').send({ _csrf: coach.csrf })).status).toBe(
      303,
    );

    // A coach cannot also join their group as a member.
    const page = await a.agent.get(`/join/${newCode}`);
    expect(page.text).toContain('You coach this group');
    expect(
      (
        await a.agent
          .post(`/join/${newCode}`)
          .type('form')
          .send({ _csrf: csrfFrom(page.text) })
      ).status,
    ).toBe(409);
    expect(rowCount(db, 'group_members')).toBe(3);
  });
});
