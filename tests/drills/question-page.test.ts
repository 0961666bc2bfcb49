import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { askRetry, coachWithCandidate, gradedAttempt } from '../groups/fixtures.js';
import { attemptIdFrom, createTestApp, csrfFrom, signUp, startDrill } from '../helpers/app.js';

const attemptQuestionId = (db: Db) =>
  (db.$client.prepare('select question_id from attempts order by id desc limit 1').get() as { question_id: string })
    .question_id;

/** The form's submit buttons in tree order (what the browser's default button is picked from). */
function submitButtons(html: string): string[] {
  const form = html.slice(
    html.indexOf('<form method="post" action="/attempts/'),
    html.indexOf('</form>', html.indexOf('id="answer-form"')),
  );
  return [...form.matchAll(/<button type="submit"([^>]*)>([^<]*)</g)].map(
    (m) => `${m[2]?.trim()}${m[1]?.includes('formaction') ? ' (formaction)' : ''}`,
  );
}

describe('the drill page without JavaScript', () => {
  it('keeps the plain code textarea, the scripts from our origin only, and Submit as the default button', async () => {
    const { app } = createTestApp();
    const { agent } = await signUp(app);
    const page = await startDrill(agent, 'scripting');
    expect(page.text).toMatch(/<textarea id="code" name="code"[^>]*>/);
    expect(page.text).toMatch(/<textarea id="notes" name="notes"[^>]*>/);
    // Enter in a field presses the first submit button: it submits the answer, no hint, no run.
    expect(submitButtons(page.text)[0]).toBe('Submit answer');
    expect(submitButtons(page.text)).toEqual([
      'Submit answer',
      'Reveal hint 1 (formaction)',
      'Submit answer',
      'Save draft (formaction)',
    ]);
    // Every script is a file from /assets (the CSP allows no inline script).
    const scripts = [...page.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toEqual([' src="/assets/dist/site.js" defer', ' src="/assets/dist/drill.js" defer']);
    // JavaScript-only controls are hidden until the script shows them.
    expect(page.text).toMatch(/<button type="button" id="reset-starter"[^>]*hidden>/);
    expect(page.text).toMatch(
      /<p class="help" id="editor-help" hidden>Esc then Tab moves focus out of the editor.<\/p>/,
    );
    expect(page.text).toContain('<template id="starter-code"></template>');
    // The runner is not wired yet: the page says so and offers no Run button.
    expect(page.text).toContain('data-runner="off"');
    expect(page.text).toContain('Running code is unavailable on this server; mark your outcome yourself');
    expect(page.text).not.toContain('id="run-examples"');
    const csp = page.headers['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
  });

  it('keeps code that starts with a blank line, and escapes the starter code', async () => {
    const { app, db, catalog } = createTestApp();
    const { agent } = await signUp(app);
    const page = await startDrill(agent, 'scripting');
    const id = attemptIdFrom(page.text);
    await agent
      .post(`/attempts/${id}/draft`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), code: '\n\nprint("</textarea>")', notes: '\nfirst line blank' })
      .expect(303);
    const again = await startDrill(agent, 'scripting');
    // The HTML parser drops the one newline after <textarea>: the page adds it, the code keeps its own.
    expect(again.text).toMatch(/<textarea id="code"[^>]*>\n\n\nprint\(&#34;&lt;\/textarea&gt;&#34;\)<\/textarea>/);
    expect(again.text).toMatch(/<textarea id="notes"[^>]*>\n\nfirst line blank<\/textarea>/);

    const question = catalog.get(attemptQuestionId(db));
    if (!question) throw new Error('no question');
    question.starter = 'def main():\n    print("<b>")\n';
    const withStarter = await startDrill(agent, 'scripting');
    expect(withStarter.text).toContain(
      '<template id="starter-code">def main():\n    print(&#34;&lt;b&gt;&#34;)\n</template>',
    );
  });

  it('renders the Run examples button and the latest results, with a line diff', async () => {
    const { app } = createTestApp({
      bank: { scripting: 0, algorithm: 0, copy: ['scripting/access-log-top-ips'] },
      runner: 'bare',
    });
    const { agent } = await signUp(app);
    const first = await startDrill(agent, 'scripting');
    const id = attemptIdFrom(first.text);
    expect(first.text).toContain('data-runner="on"');
    expect(first.text).toContain(
      `<button type="submit" id="run-examples" name="scope" value="examples" formaction="/attempts/${id}/run" formnovalidate class="secondary">Run examples</button>`,
    );
    expect(submitButtons(first.text)[0]).toBe('Submit answer');
    expect(first.text).toMatch(/<p class="runner-off note" id="runner-off" hidden>/);
    // A script that gets the first line right and the rest wrong.
    const code = 'import sys\nprint(f"top {sys.argv[2]} clients:")\nprint("nothing")\n';
    await agent
      .post(`/attempts/${id}/run`)
      .type('form')
      .send({ _csrf: csrfFrom(first.text), code, scope: 'examples' })
      .expect(303);
    const page = await agent.get('/drills/scripting').expect(200);
    expect(page.text).toContain('0 of 1 example passed');
    // The route passes the diff helper: the failed case shows which lines differ.
    expect(page.text).toContain('<span class="del">- 10.0.0.1 3</span>');
    expect(page.text).toContain('<span class="ins">+ nothing</span>');
  });

  it('reloads a revealed hint at its anchor, focusable, and the hint posts keep the code', async () => {
    const { app, db } = createTestApp();
    const { agent } = await signUp(app);
    const page = await startDrill(agent, 'scripting');
    const id = attemptIdFrom(page.text);
    const res = await agent
      .post(`/attempts/${id}/hint`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), code: 'x = 1', notes: '' })
      .expect(303);
    expect(res.headers.location).toBe('/drills/scripting#hint-1');
    const after = await startDrill(agent, 'scripting');
    expect(after.text).toContain('<li class="md" id="hint-1" tabindex="-1">');
    expect(after.text).toContain('<span id="hints-used">1 of 2 used</span>');
    expect(after.text).toContain('Reveal hint 2');
    expect(db.$client.prepare('select hints_used, code from attempts where id = ?').get(id)).toEqual({
      hints_used: 1,
      code: 'x = 1',
    });
  });

  it('answers a hint asked for with JSON with the hints so far, and refuses another user’s attempt', async () => {
    const { app, db } = createTestApp();
    const { agent } = await signUp(app);
    const page = await startDrill(agent, 'scripting');
    const id = attemptIdFrom(page.text);
    const res = await agent
      .post(`/attempts/${id}/hint`)
      .type('form')
      .set('accept', 'application/json')
      .send({ _csrf: csrfFrom(page.text), code: 'y = 2', notes: 'n' })
      .expect(200);
    expect(res.body).toEqual({ hintsUsed: 1, hintsHtml: ['<p>First hint</p>\n'] });

    const other = await signUp(app, 'mallory');
    const refused = await other.agent
      .post(`/attempts/${id}/hint`)
      .type('form')
      .set('accept', 'application/json')
      .send({ _csrf: other.csrf, code: 'stolen', notes: '' });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBeTruthy();
    expect(db.$client.prepare('select hints_used, code from attempts where id = ?').get(id)).toEqual({
      hints_used: 1,
      code: 'y = 2',
    });
  });

  it('serves the bundles built from src/client, with their source maps', async () => {
    const { app } = createTestApp();
    const drill = await request(app).get('/assets/dist/drill.js').expect(200);
    expect(drill.headers['content-type']).toMatch(/javascript/);
    expect(drill.text).toContain('sourceMappingURL=drill.js.map');
    const map = await request(app).get('/assets/dist/drill.js.map').expect(200);
    expect(JSON.parse(map.text).sources.some((s: string) => s.endsWith('src/client/drill.ts'))).toBe(true);
  });
});

describe('the drill page kept in memory between writes', () => {
  it('shows a saved draft, a revealed hint and a coach’s retry note on the very next load', async () => {
    const { app, db, clock } = createTestApp();
    const { coach, cand, groupId } = await coachWithCandidate(app, db);
    const failed = await gradedAttempt(cand, clock, { outcome: 'failed', grade: '1' });
    const questionId = attemptQuestionId(db);
    // Practise the failed question now: its drill page is the one a retry note belongs on.
    await cand.agent.post(`/practice/${questionId}`).type('form').send({ _csrf: cand.csrf }).expect(303);
    const page = await cand.agent.get('/drills/scripting').expect(200);
    const id = attemptIdFrom(page.text);
    expect(id).not.toBe(failed);
    // A reload with nothing written in between shows the same page.
    const again = await cand.agent.get('/drills/scripting').expect(200);
    expect(again.text.replace(/data-remaining="\d+"/, '')).toBe(page.text.replace(/data-remaining="\d+"/, ''));

    await cand.agent
      .post(`/attempts/${id}/draft`)
      .type('form')
      .send({ _csrf: cand.csrf, code: 'print("draft two")', notes: 'second thoughts' })
      .expect(303);
    const afterDraft = await cand.agent.get('/drills/scripting').expect(200);
    expect(afterDraft.text).toContain('print(&#34;draft two&#34;)');
    expect(afterDraft.text).toContain('second thoughts');

    await cand.agent.post(`/attempts/${id}/hint`).type('form').send({ _csrf: cand.csrf }).expect(303);
    const afterHint = await cand.agent.get('/drills/scripting').expect(200);
    expect(afterHint.text).toContain('1 of');
    expect(afterHint.text).toContain('id="hint-1"');

    // A write that is not the candidate's own: the coach asks for a retry of the failed attempt.
    expect(afterHint.text).not.toContain('Your coach asked you to retry this question.');
    // A second on: the retry must be newer than the failed grade (and the kept page is still young).
    clock.advance({ seconds: 1 });
    await askRetry(coach, groupId, failed, 'try the heap version');
    const afterNote = await cand.agent.get('/drills/scripting').expect(200);
    expect(afterNote.text).toContain('Your coach asked you to retry this question.');
    expect(afterNote.text).toContain('try the heap version');
  });
});
