import fs from 'node:fs';
import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrateDatabase, openDatabase } from '../../src/db/database.js';
import { createGroup, gradedAttempt, inviteCode, join, person, snapshot } from '../groups/fixtures.js';
import { createTestApp } from '../helpers/app.js';
import { tempDir } from '../helpers/tmp.js';

/** A candidate in two groups, A (coach ca) and B (coach cb), with one graded attempt. */
async function twoGroups() {
  const ctx = createTestApp({ start: '2026-03-02T10:00:00Z' });
  const { app, db, clock } = ctx;
  const ca = await person(app, db, 'coach-a');
  const cb = await person(app, db, 'coach-b');
  const cand = await person(app, db, 'cand');
  const peer = await person(app, db, 'peer');
  const groupA = await createGroup(ca, 'Alpha');
  const groupB = await createGroup(cb, 'Bravo');
  await join(cand, inviteCode(db, groupA));
  await join(cand, inviteCode(db, groupB));
  await join(peer, inviteCode(db, groupA));
  const attemptId = await gradedAttempt(cand, clock);
  const write = (who: typeof ca, groupId: number, body: string) =>
    who.agent.post(`/groups/${groupId}/attempts/${attemptId}/feedback`).type('form').send({ _csrf: who.csrf, body });
  const reply = (groupId: number, body: string) =>
    cand.agent
      .post(`/attempts/${attemptId}/feedback`)
      .type('form')
      .send({ _csrf: cand.csrf, body, group: String(groupId) });
  return { ...ctx, ca, cb, cand, peer, groupA, groupB, attemptId, write, reply };
}

describe('feedback belongs to a group', () => {
  it("keeps one thread per (attempt, group): a group's coach never reads another group's thread", async () => {
    const { db, clock, ca, cb, cand, groupA, groupB, attemptId, write, reply } = await twoGroups();
    clock.advance({ minutes: 1 });
    expect((await write(ca, groupA, 'Alpha says: use a Counter')).status).toBe(303);
    clock.advance({ minutes: 1 });
    expect((await write(cb, groupB, 'Bravo says: mind the regex')).status).toBe(303);
    clock.advance({ minutes: 1 });
    expect((await reply(groupB, 'Thanks Bravo, private to you')).status).toBe(303);

    const rows = db.$client.prepare('select group_id as g, body from feedback order by id').all() as {
      g: number;
      body: string;
    }[];
    expect(rows.map((r) => r.g)).toEqual([groupA, groupB, groupB]);

    const aPage = (await ca.agent.get(`/groups/${groupA}/attempts/${attemptId}`)).text;
    expect(aPage).toContain('Alpha says');
    expect(aPage).not.toContain('Bravo says');
    expect(aPage).not.toContain('Thanks Bravo');
    expect(aPage).toContain('Only the coaches of “Alpha” and cand read this thread.');
    const bPage = (await cb.agent.get(`/groups/${groupB}/attempts/${attemptId}`)).text;
    expect(bPage).toContain('Bravo says');
    expect(bPage).toContain('Thanks Bravo');
    expect(bPage).not.toContain('Alpha says');

    // A coach cannot reach the other group's thread by changing the address.
    expect((await ca.agent.get(`/groups/${groupB}/attempts/${attemptId}`)).status).toBe(404);
    const before = snapshot(db);
    expect((await write(ca, groupB, 'sneaking in')).status).toBe(404);
    expect(snapshot(db)).toBe(before);

    // The candidate sees both threads, each labelled by its group, and can write in each.
    const own = (await cand.agent.get(`/attempts/${attemptId}`)).text;
    expect(own).toContain('Group “Alpha”');
    expect(own).toContain('Group “Bravo”');
    expect(own.indexOf('Group “Alpha”')).toBeLessThan(own.indexOf('Alpha says'));
    expect(own.indexOf('Group “Bravo”')).toBeLessThan(own.indexOf('Bravo says'));
    expect(own.indexOf('Alpha says')).toBeLessThan(own.indexOf('Group “Bravo”'));
    expect(own).toContain(`name="group" value="${groupA}"`);
    expect(own).toContain(`name="group" value="${groupB}"`);
    expect(own).toContain('Message to the coaches of “Alpha”');

    // Unread is per group thread on Today, labelled by group.
    clock.advance({ minutes: 1 });
    await write(ca, groupA, 'Alpha again');
    const today = (await cand.agent.get('/today')).text;
    expect(today).toContain(`/attempts/${attemptId}#feedback-g${groupA}`);
    expect(today).toContain('Alpha · 1 new message');
    expect(today).not.toContain(`#feedback-g${groupB}`);
  });

  it('lets a candidate who left a group read its old thread but not write to it', async () => {
    const { db, clock, ca, cand, groupA, groupB, attemptId, write, reply } = await twoGroups();
    clock.advance({ minutes: 1 });
    await write(ca, groupA, 'Alpha note');
    await cand.agent.post(`/groups/${groupA}/leave`).type('form').send({ _csrf: cand.csrf }).expect(303);
    const own = (await cand.agent.get(`/attempts/${attemptId}`)).text;
    expect(own).toContain('Alpha note');
    expect(own).toContain('You are no longer in this group');
    expect(own).not.toContain(`name="group" value="${groupA}"`);
    expect(own).toContain(`name="group" value="${groupB}"`);
    const before = snapshot(db);
    expect((await reply(groupA, 'too late')).status).toBe(404);
    expect(snapshot(db)).toBe(before);
  });

  it('shows a coach promoted later every attempt and the group thread written before, as the consent page says', async () => {
    const { app, db, clock, ca, cb, cand, peer, groupA, groupB, attemptId, write, reply } = await twoGroups();
    const newcomer = await person(app, db, 'newcomer');
    const consent = (await newcomer.agent.get(`/join/${inviteCode(db, groupA)}`)).text;
    expect(consent).toContain('Coaches of this group, present and future, see all of this and every feedback thread');
    expect(consent).toContain("this group's coaches do not read what coaches of your other groups write to you");

    clock.advance({ minutes: 1 });
    await write(ca, groupA, 'Before the promotion');
    await reply(groupA, 'Reply before the promotion');
    await write(cb, groupB, 'Bravo only');
    // Not a coach yet: the peer sees nothing of the candidate's.
    expect((await peer.agent.get(`/groups/${groupA}/attempts/${attemptId}`)).status).toBe(404);

    const confirm = await ca.agent.get(`/groups/${groupA}/members/${peer.id}/promote`);
    expect(confirm.text).toContain('including those written before today');
    await ca.agent
      .post(`/groups/${groupA}/members/${peer.id}/promote`)
      .type('form')
      .send({ _csrf: ca.csrf })
      .expect(303);

    const page = await peer.agent.get(`/groups/${groupA}/attempts/${attemptId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Before the promotion');
    expect(page.text).toContain('Reply before the promotion');
    expect(page.text).not.toContain('Bravo only');
    expect((await peer.agent.get(`/groups/${groupA}/members/${cand.id}`)).text).toContain(
      `/groups/${groupA}/attempts/${attemptId}"`,
    );
    // and can write in it; the candidate sees it in the Alpha thread.
    clock.advance({ minutes: 1 });
    expect((await write(peer, groupA, 'Hello from a new coach')).status).toBe(303);
    const own = (await cand.agent.get(`/attempts/${attemptId}`)).text;
    expect(own.indexOf('Hello from a new coach')).toBeLessThan(own.indexOf('Group “Bravo”'));
  });

  it('keeps each reader their own read state', async () => {
    const { db, clock, ca, cand, peer, groupA, attemptId, reply } = await twoGroups();
    await ca.agent
      .post(`/groups/${groupA}/members/${peer.id}/promote`)
      .type('form')
      .send({ _csrf: ca.csrf })
      .expect(303);
    clock.advance({ minutes: 1 });
    await reply(groupA, 'Can someone look at my regex?');
    // The inbox lists the reply as "<strong>cand</strong> on <question>" until that coach reads it.
    const unread = async (who: typeof ca) => (await who.agent.get('/coach')).text.includes('<strong>cand</strong> on');
    expect(await unread(ca)).toBe(true);
    expect(await unread(peer)).toBe(true);
    clock.advance({ minutes: 1 });
    await ca.agent.get(`/groups/${groupA}/attempts/${attemptId}`).expect(200);
    expect(await unread(ca)).toBe(false);
    expect(await unread(peer)).toBe(true);
    const reads = db.$client
      .prepare('select user_id as u from feedback_reads where attempt_id = ? and group_id = ? order by user_id')
      .all(attemptId, groupA) as { u: number }[];
    expect(reads.map((r) => r.u)).toEqual([ca.id, cand.id]);
  });
});

describe('migration 0002: existing feedback gets its group', () => {
  it('assigns a coach note to the group the coach shared with the member, a reply to the thread it answered, and reads to each thread', () => {
    // A database as it was before 0002, with feedback written then.
    const dir = tempDir('mig');
    try {
      const old = path.join(dir, 'migrations');
      fs.cpSync(MIGRATIONS_DIR, old, { recursive: true });
      const journal = JSON.parse(fs.readFileSync(path.join(old, 'meta/_journal.json'), 'utf8')) as {
        entries: { tag: string }[];
      };
      journal.entries = journal.entries.filter((e) => e.tag < '0004_feedback_groups');
      fs.writeFileSync(path.join(old, 'meta/_journal.json'), JSON.stringify(journal));
      const db = openDatabase(path.join(dir, 'old.db'));
      migrate(db, { migrationsFolder: old });
      const run = (sql: string, ...p: unknown[]) => db.$client.prepare(sql).run(...p);
      for (const [id, name] of [
        [1, 'cand'],
        [2, 'coach-x'],
        [3, 'coach-y'],
        [4, 'loner'],
      ] as const)
        run(`insert into users (id, username, password_hash, created_at) values (?, ?, 'h', 0)`, id, name);
      run(
        `insert into questions (id, track, title, difficulty, topics, priority, hints, prompt_md, examples_md, approach_md, solution, meta, content_hash, updated_at)
         values ('q', 'scripting', 'Q', 'Easy', '[]', 1, '[]', '', '', '', '', '{}', 'h', 0)`,
      );
      // Group 10: coach-x and cand; group 20: coach-y and cand (cand joined 20 first); coach-x is in 20 too, as a member.
      run(
        `insert into groups (id, name, invite_code, created_by, created_at) values (10, 'X', 'x', 2, 0), (20, 'Y', 'y', 3, 0)`,
      );
      run(
        `insert into group_members (group_id, user_id, role, joined_at) values
           (10, 2, 'coach', 0), (10, 1, 'member', 500), (20, 3, 'coach', 0), (20, 1, 'member', 100), (20, 2, 'member', 0)`,
      );
      run(
        `insert into drills (id, user_id, track, local_day, started_at) values (1, 1, 'scripting', '2026-03-02', 0), (2, 4, 'scripting', '2026-03-02', 0)`,
      );
      const attempt = (id: number, user: number, drill: number) =>
        run(
          `insert into attempts (id, user_id, question_id, track, drill_id, served_at, deadline_at, budget_seconds, hint_revealed_at, graded_at, submitted_at)
           values (?, ?, 'q', 'scripting', ?, 0, 0, 60, '[]', 1000, 1000)`,
          id,
          user,
          drill,
        );
      attempt(100, 1, 1);
      attempt(101, 1, 1);
      attempt(200, 4, 2);
      const fb = (id: number, attemptId: number, author: number, at: number) =>
        run(
          'insert into feedback (id, attempt_id, author_id, body, created_at) values (?, ?, ?, ?, ?)',
          id,
          attemptId,
          author,
          `note ${id}`,
          at,
        );
      fb(1, 100, 2, 2000); // coach-x: shares 10 (coach) and 20 (member): goes to 10
      fb(2, 100, 1, 2100); // cand replies to it: 10
      fb(3, 100, 3, 2200); // coach-y: 20
      fb(4, 100, 1, 2300); // cand replies after coach-y: 20
      fb(5, 101, 1, 2400); // cand wrote with no coach message before: cand's earliest group, 20
      fb(6, 200, 4, 2500); // loner is in no group: stays without one
      run('insert into feedback_reads (user_id, attempt_id, read_at) values (1, 100, 3000), (2, 100, 2000)');

      migrateDatabase(db);
      const groups = db.$client.prepare('select id, group_id as g, body_html as h from feedback order by id').all() as {
        id: number;
        g: number | null;
        h: string | null;
      }[];
      expect(groups.map((r) => r.g)).toEqual([10, 10, 20, 20, 20, null]);
      expect(groups.every((r) => r.h === null)).toBe(true);
      const reads = db.$client
        .prepare('select user_id as u, attempt_id as a, group_id as g, read_at as t from feedback_reads order by u, g')
        .all();
      expect(reads).toEqual([
        { u: 1, a: 100, g: 10, t: 3000 },
        { u: 1, a: 100, g: 20, t: 3000 },
        { u: 2, a: 100, g: 10, t: 2000 },
        { u: 2, a: 100, g: 20, t: 2000 },
      ]);
      db.$client.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
