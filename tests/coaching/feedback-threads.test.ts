import { describe, expect, it } from 'vitest';
import { MAX_MESSAGES_PER_HOUR, MAX_THREAD_MESSAGES, THREAD_PAGE_SIZE } from '../../src/coaching/coaching.service.js';
import { markdownRenderCount } from '../../src/shared/markdown.js';
import { createGroup, gradedAttempt, inviteCode, join, type Person, person, snapshot } from '../groups/fixtures.js';
import { createTestApp } from '../helpers/app.js';

async function setup() {
  const ctx = createTestApp({ start: '2026-03-02T10:00:00Z' });
  const coach = await person(ctx.app, ctx.db, 'coach');
  const cand = await person(ctx.app, ctx.db, 'cand');
  const groupId = await createGroup(coach);
  await join(cand, inviteCode(ctx.db, groupId));
  const attemptId = await gradedAttempt(cand, ctx.clock);
  const coachPage = `/groups/${groupId}/attempts/${attemptId}`;
  const post = (p: Person, body: string | Record<string, unknown>) =>
    p === coach
      ? coach.agent
          .post(`${coachPage}/feedback`)
          .type('form')
          .send({ _csrf: coach.csrf, ...(typeof body === 'string' ? { body } : body) })
      : p.agent
          .post(`/attempts/${attemptId}/feedback`)
          .type('form')
          .send({ _csrf: p.csrf, group: String(groupId), ...(typeof body === 'string' ? { body } : body) });
  const messages = () =>
    (ctx.db.$client.prepare('select count(*) as n from feedback where attempt_id = ?').get(attemptId) as { n: number })
      .n;
  return { ...ctx, coach, cand, groupId, attemptId, coachPage, post, messages };
}

// A long Markdown reply, close to the 5,000-character limit: the kind that stalled the server
// when 200 of them were rendered on every view.
const longReply = (i: number) =>
  `Reply ${i}: **bold** and \`code\`\n\n${'- a list item with *emphasis* and a [link](https://example.com)\n'.repeat(70)}`.slice(
    0,
    4990,
  );

describe('feedback threads cannot stall the server', () => {
  it('caps one person at 30 messages an hour with a 429 that keeps the text and saves nothing', async () => {
    const { db, clock, cand, post, messages } = await setup();
    for (let i = 0; i < MAX_MESSAGES_PER_HOUR; i++) {
      clock.advance({ minutes: 1 });
      expect((await post(cand, `question ${i}`)).status).toBe(303);
    }
    expect(messages()).toBe(MAX_MESSAGES_PER_HOUR);
    const before = snapshot(db);
    const refused = await post(cand, 'one more, typed with care');
    expect(refused.status).toBe(429);
    expect(refused.text).toContain(`You have sent ${MAX_MESSAGES_PER_HOUR} messages in the last hour`);
    expect(refused.text).toContain('Nothing was saved');
    expect(refused.text).toContain('>one more, typed with care</textarea>');
    expect(snapshot(db)).toBe(before);
    // The window rolls: once the oldest message is an hour old, one more is allowed.
    clock.advance({ minutes: 31 });
    expect((await post(cand, 'back again')).status).toBe(303);
    expect(messages()).toBe(MAX_MESSAGES_PER_HOUR + 1);
  });

  it('caps a thread at 200 messages with a 409, pages it 50 at a time, and never renders Markdown to show it', async () => {
    const { db, clock, coach, cand, attemptId, coachPage, post, messages } = await setup();
    // Coach and candidate take turns, each well under the hourly cap, up to the thread's cap.
    for (let i = 1; i <= MAX_THREAD_MESSAGES; i++) {
      clock.advance({ minutes: 2 });
      const res = await post(i % 2 ? coach : cand, longReply(i));
      expect(res.status, `message ${i}`).toBe(303);
    }
    expect(messages()).toBe(MAX_THREAD_MESSAGES);
    // Stored rendered once, at write time.
    const stored = db.$client
      .prepare('select count(*) as n from feedback where body_html like ? and attempt_id = ?')
      .get('%<strong>bold</strong>%', attemptId) as { n: number };
    expect(stored.n).toBe(MAX_THREAD_MESSAGES);

    clock.advance({ minutes: 2 });
    const before = snapshot(db);
    const full = await post(coach, 'Thread is full but I typed this');
    expect(full.status).toBe(409);
    expect(full.text).toContain(`limit of ${MAX_THREAD_MESSAGES} messages`);
    expect(full.text).toContain('>Thread is full but I typed this</textarea>');
    const fullCand = await post(cand, 'me too');
    expect(fullCand.status).toBe(409);
    expect(fullCand.text).toContain('>me too</textarea>');
    expect(snapshot(db)).toBe(before);

    // Reading the thread, by the coach or the candidate, renders no Markdown at all.
    const renders = markdownRenderCount();
    const newest = await coach.agent.get(coachPage);
    const own = await cand.agent.get(`/attempts/${attemptId}`);
    const oldest = await coach.agent.get(`${coachPage}?page=1`);
    expect(markdownRenderCount()).toBe(renders);
    expect([newest.status, own.status, oldest.status]).toEqual([200, 200, 200]);

    // The newest page opens first (oldest first within it), with a way to earlier pages.
    const items = (html: string) => html.match(/<li class="(mine)?"><p class="small muted">/g)?.length ?? 0;
    expect(items(newest.text)).toBe(THREAD_PAGE_SIZE);
    expect(newest.text).toContain('Messages 151–200 of 200');
    expect(newest.text).toContain(`href="${coachPage}?page=3#feedback"`);
    expect(newest.text).not.toContain('Later messages');
    expect(newest.text.indexOf('Reply 151:')).toBeLessThan(newest.text.indexOf('Reply 200:'));
    expect(newest.text).not.toContain('Reply 150:');
    expect(oldest.text).toContain('Messages 1–50 of 200');
    expect(oldest.text).toContain('Reply 1:');
    expect(oldest.text).toContain(`href="${coachPage}?page=2#feedback"`);
    expect(items(own.text)).toBe(THREAD_PAGE_SIZE);
    // Out-of-range pages fall back to the nearest real one rather than failing.
    expect((await coach.agent.get(`${coachPage}?page=99`)).text).toContain('Messages 151–200 of 200');
    expect((await coach.agent.get(`${coachPage}?page=abc`)).status).toBe(200);
    // Meanwhile the server answers everyone else.
    expect((await coach.agent.get('/healthz')).status).toBe(200);
  }, 180_000);

  it('shows the stored HTML, and renders a row from before the column once, lazily', async () => {
    const { db, clock, coach, coachPage, post } = await setup();
    clock.advance({ minutes: 1 });
    await post(coach, 'Use **Counter**');
    const row = db.$client.prepare('select id, body_html as html from feedback').get() as { id: number; html: string };
    expect(row.html).toContain('<strong>Counter</strong>');
    // The page shows what is stored, not a fresh rendering of the body.
    db.$client.prepare('update feedback set body_html = ? where id = ?').run('<p>stored-copy</p>', row.id);
    expect((await coach.agent.get(coachPage)).text).toContain('<p>stored-copy</p>');

    // A row written before body_html existed is rendered the first time it is shown, and stored.
    db.$client.prepare('update feedback set body_html = null where id = ?').run(row.id);
    const renders = markdownRenderCount();
    expect((await coach.agent.get(coachPage)).text).toContain('<strong>Counter</strong>');
    expect(markdownRenderCount()).toBe(renders + 1);
    expect(
      (db.$client.prepare('select body_html as html from feedback where id = ?').get(row.id) as { html: string }).html,
    ).toContain('<strong>Counter</strong>');
    await coach.agent.get(coachPage);
    expect(markdownRenderCount()).toBe(renders + 1);
  });

  it('refuses oversized, empty and malformed messages with a 4xx and saves nothing', async () => {
    const { db, clock, coach, cand, coachPage, post } = await setup();
    clock.advance({ minutes: 1 });
    const before = snapshot(db);

    const tooLong = await post(coach, 'x'.repeat(5001));
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('feedback can be at most 5000 characters');
    expect(tooLong.text).toContain(`>${'x'.repeat(5000)}</textarea>`);
    const tooLongReply = await post(cand, 'y'.repeat(5001));
    expect(tooLongReply.status).toBe(400);
    expect(tooLongReply.text).toContain('feedback can be at most 5000 characters');

    // A form over the body limit is refused before it is read.
    const huge = await post(coach, 'z'.repeat(300_000));
    expect(huge.status).toBe(413);
    expect(huge.text).toContain('That form is too large');
    expect(huge.text).not.toMatch(/at .*\.ts:\d+/);

    // A repeated field arrives as a list, not text.
    const twice = await coach.agent
      .post(`${coachPage}/feedback`)
      .type('form')
      .send(`_csrf=${encodeURIComponent(coach.csrf)}&body=a&body=b`);
    expect(twice.status).toBe(400);
    expect((await post(cand, '   ')).status).toBe(400);
    // A reply needs a group; a group the candidate is not in is not found.
    expect((await post(cand, { body: 'hello', group: '' })).status).toBe(400);
    expect((await post(cand, { body: 'hello', group: 'abc' })).status).toBe(400);
    expect((await post(cand, { body: 'hello', group: '999' })).status).toBe(404);
    expect(snapshot(db)).toBe(before);
  });
});
