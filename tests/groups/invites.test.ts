import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom } from '../helpers/app.js';
import { createGroup, inviteCode, join, person, snapshot } from './fixtures.js';

const userRow = (db: ReturnType<typeof createTestApp>['db'], username: string) =>
  db.$client.prepare('select id, time_zone as timeZone from users where username = ?').get(username) as
    | { id: number; timeZone: string }
    | undefined;

describe('invites survive sign-up', () => {
  it('sends a logged-out invitee through sign-up to the consent page, and joining works', async () => {
    const { app, db } = createTestApp();
    const coach = await person(app, db, 'coach');
    const groupId = await createGroup(coach, 'Night owls');
    const code = inviteCode(db, groupId);
    const next = encodeURIComponent(`/join/${code}`);

    const visitor = request.agent(app);
    const invite = await visitor.get(`/join/${code}`);
    expect(invite.status).toBe(302);
    expect(invite.headers.location).toBe(`/login?next=${next}`);
    const login = await visitor.get(`/login?next=${next}`);
    expect(login.text).toContain(`href="/register?next=${next}"`);
    const register = await visitor.get(`/register?next=${next}`);
    expect(register.text).toContain(`name="next" value="/join/${code}"`);
    expect(register.text).toContain(`href="/login?next=${next}"`);

    // A bad password keeps the invitation on the form.
    const bad = await visitor
      .post('/register')
      .type('form')
      .send({ _csrf: csrfFrom(register.text), username: 'newbie', password: 'short', next: `/join/${code}` });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(`name="next" value="/join/${code}"`);

    const created = await visitor
      .post('/register')
      .type('form')
      .send({
        _csrf: csrfFrom(register.text),
        username: 'newbie',
        password: 'a long enough password',
        next: `/join/${code}`,
      });
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe(`/join/${code}`);
    const consent = await visitor.get(`/join/${code}`);
    expect(consent.status).toBe(200);
    expect(consent.text).toContain('Join “Night owls”');
    expect(consent.text).toContain('including the code you submit and your notes');
    const joined = await visitor
      .post(`/join/${code}`)
      .type('form')
      .send({ _csrf: csrfFrom(consent.text) });
    expect(joined.status).toBe(303);
    const member = db.$client
      .prepare('select role from group_members where group_id = ? and user_id = ?')
      .get(groupId, userRow(db, 'newbie')?.id) as { role: string };
    expect(member.role).toBe('member');
  });

  it('never redirects off the site after sign-up', async () => {
    const { app, db } = createTestApp();
    for (const [i, next] of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
      '/join/ok"><script>',
    ].entries()) {
      const agent = request.agent(app);
      const page = await agent.get(`/register?next=${encodeURIComponent(next)}`);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('evil.example');
      expect(page.text).not.toContain('<script>');
      const res = await agent
        .post('/register')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), username: `user${i}`, password: 'a long enough password', next });
      expect(res.status, next).toBe(303);
      expect(res.headers.location, next).toBe('/today');
    }
    expect(userRow(db, 'user0')).toBeDefined();
  });

  it("stores the browser's time zone at sign-up, and UTC for anything that is not one", async () => {
    const { app, db } = createTestApp();
    const cases: [string, string | string[] | undefined, string][] = [
      ['paris', 'Europe/Paris', 'Europe/Paris'],
      ['mars', 'Mars/Olympus_Mons', 'UTC'],
      ['empty', '', 'UTC'],
      ['missing', undefined, 'UTC'],
      ['huge', 'Europe/'.padEnd(500, 'x'), 'UTC'],
      ['listed', ['Europe/Paris', 'Asia/Tokyo'], 'UTC'],
    ];
    for (const [username, timeZone, stored] of cases) {
      const agent = request.agent(app);
      const page = await agent.get('/register');
      expect(page.text).toContain('<input type="hidden" name="timeZone" value="">');
      expect(page.text).toContain('src="/assets/dist/timezone.js"');
      const res = await agent
        .post('/register')
        .type('form')
        .send({
          _csrf: csrfFrom(page.text),
          username,
          password: 'a long enough password',
          ...(timeZone === undefined ? {} : { timeZone }),
        });
      expect(res.status, username).toBe(303);
      expect(userRow(db, username)?.timeZone, username).toBe(stored);
    }
    // The script the form loads is served.
    expect((await request(app).get('/assets/dist/timezone.js')).text).toContain('resolvedOptions().timeZone');
  });
});

describe('the group page', () => {
  it('shows the full invite link with a Copy button, and asks before removing a member or making a coach', async () => {
    const { app, db } = createTestApp();
    const coach = await person(app, db, 'coach');
    const cand = await person(app, db, 'cand');
    const other = await person(app, db, 'other');
    const groupId = await createGroup(coach, 'Night owls');
    const code = inviteCode(db, groupId);
    await join(cand, code);
    await join(other, code);

    const page = await coach.agent.get(`/groups/${groupId}`).set('Host', 'drills.example.org:8080');
    expect(page.text).toContain(`value="http://drills.example.org:8080/join/${code}" readonly`);
    expect(page.text).toContain('data-copy="invite-url" hidden>Copy link</button>');
    expect(page.text).toContain('src="/assets/dist/copy.js"');
    // No one-click destructive buttons on the group page: links to a confirmation step instead.
    expect(page.text).not.toMatch(/<form[^>]+action="[^"]+\/(remove|promote)"/);
    expect(page.text).toContain(`href="/groups/${groupId}/members/${cand.id}/remove"`);
    expect(page.text).toContain(`href="/groups/${groupId}/members/${cand.id}/promote"`);

    const confirm = await coach.agent.get(`/groups/${groupId}/members/${cand.id}/remove`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Remove cand from the group?');
    expect(confirm.text).toContain(`action="/groups/${groupId}/members/${cand.id}/remove"`);
    expect(confirm.text).toContain(`href="/groups/${groupId}">Cancel</a>`);
    // Looking at the confirmation changes nothing.
    const active = () =>
      db.$client
        .prepare('select user_id as u, role from group_members where group_id = ? and left_at is null order by user_id')
        .all(groupId);
    expect(active()).toHaveLength(3);
    await coach.agent
      .post(`/groups/${groupId}/members/${cand.id}/remove`)
      .type('form')
      .send({ _csrf: coach.csrf })
      .expect(303);
    expect(active()).toHaveLength(2);

    const promote = await coach.agent.get(`/groups/${groupId}/members/${other.id}/promote`);
    expect(promote.text).toContain('Make other a coach?');
    // Not a member (any more), not a coach's business, or no such action: refused the same way.
    const before = snapshot(db);
    expect((await coach.agent.get(`/groups/${groupId}/members/${cand.id}/remove`)).status).toBe(404);
    expect((await coach.agent.get(`/groups/${groupId}/members/${coach.id}/promote`)).status).toBe(404);
    expect((await other.agent.get(`/groups/${groupId}/members/${other.id}/remove`)).status).toBe(404);
    expect((await coach.agent.get(`/groups/${groupId}/members/${other.id}/delete`)).status).toBe(404);
    expect((await coach.agent.get(`/groups/${groupId}/members/abc/remove`)).status).toBe(400);
    expect(snapshot(db)).toBe(before);

    // A member sees neither the invite link nor the copy script.
    await join(cand, code);
    const memberView = await cand.agent.get(`/groups/${groupId}`);
    expect(memberView.text).not.toContain('invite-url');
    expect(memberView.text).not.toContain('copy.js');
  });
});
