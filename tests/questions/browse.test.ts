import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { attemptIdFrom, createTestApp, csrfFrom, signUp, startDrill } from '../helpers/app.js';

describe('browsing the question bank', () => {
  it('filters by track, difficulty, topic, company, list and title', async () => {
    const { app } = createTestApp({ bank: { scripting: 3, algorithm: 6 } });
    const { agent } = await signUp(app);
    const all = await agent.get('/questions');
    expect(all.status).toBe(200);
    expect(all.text).toContain('9 of 9');
    const scripting = await agent.get('/questions?track=scripting');
    expect(scripting.text).toContain('3 of 9');
    expect(scripting.text).not.toContain('Two Sum');
    const byTitle = await agent.get('/questions?q=two+sum');
    expect(byTitle.text).toContain('1 of 9');
    expect(byTitle.text).toContain('/questions/two-sum');
    const byCompany = await agent.get('/questions?company=Tesla');
    expect(byCompany.text).toContain('Two Sum');
    const byList = await agent.get('/questions?list=Blind+75&difficulty=Easy');
    expect(byList.text).toContain('Two Sum');
    expect(byList.text).not.toContain('Scripting task');
    const byTopic = await agent.get('/questions?topic=logs');
    expect(byTopic.text).toContain('3 of 9');
    const none = await agent.get('/questions?q=no+such+question');
    expect(none.text).toContain('No question matches these filters');
    await agent.get('/questions?difficulty=Impossible').expect(400);
    await agent.get('/questions?track=networking').expect(400);
    expect((await request(app).get('/questions')).status).toBe(302);
  });

  it('shows the facts and the user history, and the solution only after an attempt', async () => {
    const { app, clock } = createTestApp({ bank: { scripting: 2, algorithm: 2 } });
    const { agent } = await signUp(app);
    const before = await agent.get('/questions/two-sum');
    expect(before.status).toBe(200);
    expect(before.text).toContain('https://leetcode.com/problems/two-sum/');
    expect(before.text).toContain('Google, Meta');
    expect(before.text).toContain('Not attempted yet');
    expect(before.text).not.toContain('Reference solution');
    expect(before.text).not.toContain('Use the obvious pattern');

    const page = await startDrill(agent, 'algorithm');
    const id = attemptIdFrom(page.text);
    const csrf = csrfFrom(page.text);
    clock.advance({ minutes: 7 });
    await agent
      .post(`/attempts/${id}/submit`)
      .type('form')
      .send({ _csrf: csrf, code: 'x', outcome: 'partial' })
      .expect(303);
    // Submitted but not graded yet: still hidden on the browse page.
    expect((await agent.get('/questions/two-sum')).text).not.toContain('Reference solution');
    await agent.post(`/attempts/${id}/grade`).type('form').send({ _csrf: csrf, grade: '2' }).expect(303);
    const after = await agent.get('/questions/two-sum');
    expect(after.text).toContain('Reference solution');
    expect(after.text).toContain('Partly solved');
    expect(after.text).toContain('7 min / 20 min');
    const list = await agent.get('/questions?track=algorithm');
    expect(list.text).toContain('0 solved of 1');

    // Another user still sees no solution and none of the first user's history.
    const other = await signUp(app, 'bob', 'a long enough password');
    const theirs = await other.agent.get('/questions/two-sum');
    expect(theirs.text).toContain('Not attempted yet');
    expect(theirs.text).not.toContain('Reference solution');
    await other.agent.get('/questions/no-such-question').expect(404);
  });

  it('searches prompt text as well as titles, and treats topics case-insensitively, on the real bank', async () => {
    const { app, db } = createTestApp({ questionsDir: path.resolve(import.meta.dirname, '../../questions') });
    const { agent } = await signUp(app);
    const total = (
      db.$client.prepare('select count(*) as n from questions where retired_at is null').get() as { n: number }
    ).n;
    const count = (html: string) => Number(/· (\d+) of \d+/.exec(html)?.[1]);
    const links = (html: string) => [...html.matchAll(/<td><a href="\/questions\/([a-z0-9-]+)">([^<]+)<\/a>/g)];

    // "kubectl" is in prompts, not in any title.
    const kubectl = (await agent.get('/questions?q=kubectl')).text;
    expect(count(kubectl)).toBeGreaterThan(0);
    expect(kubectl).toContain('/questions/k8s-unhealthy-pods"');
    for (const [, , title] of links(kubectl)) expect(title?.toLowerCase()).not.toContain('kubectl');
    expect(count((await agent.get('/questions?q=KubeCtl')).text)).toBe(count(kubectl));
    // Titles still match, and search combines with the other filters.
    expect((await agent.get('/questions?q=two+sum')).text).toContain('/questions/two-sum"');
    expect(count((await agent.get('/questions?q=kubectl&track=algorithm')).text)).toBe(0);
    expect(count((await agent.get('/questions?q=')).text)).toBe(total);

    // "concurrency" (scripting) and "Concurrency" (FAANG facts) are one topic.
    const page = (await agent.get('/questions')).text;
    const options = /<select id="topic"[\s\S]*?<\/select>/.exec(page)?.[0] ?? '';
    expect(options.match(/>concurrency</gi)).toEqual(['>Concurrency<']);
    const lower = (await agent.get('/questions?topic=concurrency')).text;
    const upper = (await agent.get('/questions?topic=Concurrency')).text;
    expect(count(lower)).toBe(count(upper));
    expect(links(lower).map((m) => m[1])).toEqual(links(upper).map((m) => m[1]));
    const withTopic = (
      db.$client
        .prepare(
          `select count(*) as n from questions where retired_at is null
             and exists (select 1 from json_each(topics) t where lower(t.value) = 'concurrency')`,
        )
        .get() as { n: number }
    ).n;
    expect(count(lower)).toBe(withTopic);
    expect(lower).toContain('scripting</td>');
    expect(lower).toContain('algorithm</td>');
    expect(lower).toContain('<option selected>Concurrency</option>');
    expect(lower).not.toContain('<span class="tag">concurrency</span>');
    // The history filter lists it once too.
    const history = (await agent.get('/history')).text;
    expect(history.match(/<option[^>]*>concurrency</gi)).toEqual(['<option >Concurrency<']);
  });
});
