import { describe, expect, it } from 'vitest';
import { coachWithCandidate } from '../groups/fixtures.js';
import { attemptIdFrom, createTestApp, csrfFrom, startDrill } from '../helpers/app.js';

describe('history', () => {
  it('lists attempts by submission time, newest first, links each title to its question, and reads the same for a coach', async () => {
    const { app, db, clock } = createTestApp({ start: '2026-03-02T10:00:00Z' });
    const { coach, cand, groupId } = await coachWithCandidate(app, db);

    // Served scripting first, then algorithm; answered in the other order.
    const scripting = await startDrill(cand.agent, 'scripting');
    const first = attemptIdFrom(scripting.text);
    clock.advance({ minutes: 1 });
    const second = attemptIdFrom((await startDrill(cand.agent, 'algorithm')).text);
    const csrf = csrfFrom(scripting.text);
    const answer = async (id: number) => {
      clock.advance({ minutes: 5 });
      await cand.agent
        .post(`/attempts/${id}/submit`)
        .type('form')
        .send({ _csrf: csrf, code: 'x', outcome: 'solved' })
        .expect(303);
      await cand.agent.post(`/attempts/${id}/grade`).type('form').send({ _csrf: csrf, grade: '3' }).expect(303);
    };
    await answer(second);
    await answer(first);
    expect(second).toBeGreaterThan(first);

    const own = (await cand.agent.get('/history')).text;
    expect(own.indexOf(`href="/attempts/${first}"`)).toBeGreaterThan(0);
    expect(own.indexOf(`href="/attempts/${first}"`)).toBeLessThan(own.indexOf(`href="/attempts/${second}"`));
    const q = (id: number) =>
      (db.$client.prepare('select question_id as q from attempts where id = ?').get(id) as { q: string }).q;
    expect(own).toContain(`<a href="/questions/${q(first)}">Scripting task`);
    expect(own).toContain(`<a href="/questions/${q(second)}">`);
    expect((await cand.agent.get(`/questions/${q(first)}`)).status).toBe(200);

    // The coach's view of the member uses the same partial: the same table, only the attempt
    // links lead to the coach's view of each attempt.
    const coachView = (await coach.agent.get(`/groups/${groupId}/members/${cand.id}`)).text;
    const table = (html: string) => /<table class="history">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    expect(table(own)).not.toBe('');
    expect(table(coachView).replaceAll(`/groups/${groupId}/attempts/`, '/attempts/')).toBe(table(own));
    // The same totals line and the same pager.
    const totals = (html: string) => /<p class="totals"[\s\S]*?<\/p>/.exec(html)?.[0];
    expect(totals(coachView)).toBe(totals(own));
  });
});
