import { describe, expect, it } from 'vitest';
import {
  attemptIdFrom,
  createTestApp,
  csrfFrom,
  rowCount,
  signUp,
  startDrill,
  unlimitedMinutes,
} from '../helpers/app.js';

type AttemptDb = {
  id: number;
  question_id: string;
  track: string;
  served_at: number;
  deadline_at: number;
  submitted_at: number | null;
  duration_seconds: number | null;
  overtime: number | null;
  outcome: string | null;
  suggested_grade: number | null;
  final_grade: number | null;
  grade_reason: string | null;
  code: string;
  notes: string;
  hints_used: number;
  state_before: number | null;
  state_after: number | null;
  due_after: number | null;
  stability_after: number | null;
};

describe('a timed drill through HTTP', () => {
  it('serves a question, keeps the timer and draft on refresh, submits, grades and reschedules once', async () => {
    const { app, db, clock } = createTestApp();
    const { agent } = await signUp(app);
    await unlimitedMinutes(agent);

    const first = await startDrill(agent, 'scripting');
    expect(first.status).toBe(200);
    expect(first.text).toContain('Scripting task 1');
    expect(first.text).toContain('Time left');
    const id = attemptIdFrom(first.text);
    const csrf = csrfFrom(first.text);

    // Five minutes later the refresh shows the same attempt and 5 minutes less on the clock.
    clock.advance({ minutes: 5 });
    await agent
      .post(`/attempts/${id}/draft`)
      .type('form')
      .set('accept', 'application/json')
      .send({ _csrf: csrf, code: 'print("draft")', notes: 'n1' })
      .expect(200);
    const again = await startDrill(agent, 'scripting');
    expect(attemptIdFrom(again.text)).toBe(id);
    expect(again.text).toContain('print(&#34;draft&#34;)');
    const served = db.$client.prepare('select * from attempts where id = ?').get(id) as AttemptDb;
    expect(again.text).toContain(`data-remaining="${(served.deadline_at - clock.now().getTime()) / 1000}"`);
    expect(rowCount(db, 'attempts')).toBe(1);

    // Reveal a hint: recorded, and the typed code posted with it is kept.
    await agent
      .post(`/attempts/${id}/hint`)
      .type('form')
      .send({ _csrf: csrf, code: 'print("with hint")', notes: 'n2' })
      .expect(303);
    const withHint = await startDrill(agent, 'scripting');
    expect(withHint.text).toContain('First hint');
    expect(withHint.text).not.toContain('Second hint');
    expect(withHint.text).toContain('print(&#34;with hint&#34;)');

    clock.advance({ minutes: 3 });
    const submit = await agent
      .post(`/attempts/${id}/submit`)
      .type('form')
      .send({ _csrf: csrf, code: 'print("final")', notes: 'done', outcome: 'solved' });
    expect(submit.status).toBe(303);
    expect(submit.headers.location).toBe(`/attempts/${id}`);
    const gradePage = await agent.get(`/attempts/${id}`);
    expect(gradePage.text).toContain('solved in 8 of 25 min, 1 hint -&gt; Hard');

    const afterSubmit = db.$client.prepare('select * from attempts where id = ?').get(id) as AttemptDb;
    expect(afterSubmit.duration_seconds).toBe(8 * 60);
    expect(afterSubmit.overtime).toBe(0);
    expect(afterSubmit.hints_used).toBe(1);
    expect(afterSubmit.suggested_grade).toBe(2);
    expect(afterSubmit.code).toBe('print("final")');
    expect(afterSubmit.final_grade).toBeNull();

    // Override the suggestion with Good.
    await agent.post(`/attempts/${id}/grade`).type('form').send({ _csrf: csrf, grade: '3' }).expect(303);
    const graded = db.$client.prepare('select * from attempts where id = ?').get(id) as AttemptDb;
    expect(graded.final_grade).toBe(3);
    expect(graded.state_before).toBe(0);
    expect(graded.state_after).not.toBeNull();
    const card = db.$client.prepare('select * from cards where question_id = ?').get(graded.question_id) as {
      due: number;
      reps: number;
      track: string;
    };
    expect(card.reps).toBe(1);
    expect(card.due).toBe(graded.due_after);
    expect(card.track).toBe('scripting');

    const review = await agent.get(`/attempts/${id}`);
    expect(review.text).toContain('Use the obvious pattern');
    expect(review.text).toContain('Next question');
    expect(review.text).toContain('This was your first attempt');

    // The next question is another one (a new card, in bank priority order).
    const next = await startDrill(agent, 'scripting');
    expect(next.text).toContain('Scripting task 2');
  });

  it('records overtime and computes the duration on the server', async () => {
    const { app, db, clock } = createTestApp();
    const { agent } = await signUp(app);
    const page = await startDrill(agent, 'scripting');
    const id = attemptIdFrom(page.text);
    clock.advance({ minutes: 30 });
    await agent
      .post(`/attempts/${id}/submit`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), code: 'x', outcome: 'solved', durationSeconds: '1' })
      .expect(303);
    const row = db.$client
      .prepare('select duration_seconds, overtime, suggested_grade, grade_reason from attempts where id = ?')
      .get(id) as AttemptDb;
    expect(row.duration_seconds).toBe(1800);
    expect(row.overtime).toBe(1);
    expect(row.grade_reason).toBe('solved in 30 of 25 min (overtime), no hints -> Hard');
  });

  it('answers a double submit and a double grade with the first result, rescheduling once', async () => {
    const { app, db, clock } = createTestApp();
    const { agent } = await signUp(app);
    const page = await startDrill(agent, 'algorithm');
    const id = attemptIdFrom(page.text);
    const csrf = csrfFrom(page.text);
    clock.advance({ minutes: 10 });
    const submits = await Promise.all(
      [1, 2, 3].map((n) =>
        agent
          .post(`/attempts/${id}/submit`)
          .type('form')
          .send({ _csrf: csrf, code: `v${n}`, outcome: 'solved' }),
      ),
    );
    expect(submits.map((r) => r.status)).toEqual([303, 303, 303]);
    clock.advance({ minutes: 1 });
    await agent
      .post(`/attempts/${id}/submit`)
      .type('form')
      .send({ _csrf: csrf, code: 'late', outcome: 'failed' })
      .expect(303);
    const row = db.$client
      .prepare('select code, outcome, duration_seconds from attempts where id = ?')
      .get(id) as AttemptDb;
    expect(row.code).toBe('v1');
    expect(row.outcome).toBe('solved');
    expect(row.duration_seconds).toBe(600);

    await Promise.all([
      agent.post(`/attempts/${id}/grade`).type('form').send({ _csrf: csrf, grade: '3' }),
      agent.post(`/attempts/${id}/grade`).type('form').send({ _csrf: csrf, grade: '1' }),
    ]);
    await agent.post(`/attempts/${id}/grade`).type('form').send({ _csrf: csrf, grade: '4' }).expect(303);
    const graded = db.$client.prepare('select final_grade from attempts where id = ?').get(id) as AttemptDb;
    expect(graded.final_grade).toBe(3);
    expect(rowCount(db, 'attempts')).toBe(1);
    const card = db.$client.prepare('select reps from cards').get() as { reps: number };
    expect(card.reps).toBe(1);
  });

  it('keeps typed code and explains when the outcome is missing; writes nothing', async () => {
    const { app, db } = createTestApp();
    const { agent } = await signUp(app);
    const page = await startDrill(agent, 'scripting');
    const id = attemptIdFrom(page.text);
    const res = await agent
      .post(`/attempts/${id}/submit`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), code: 'keep me', notes: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('pick an outcome');
    expect(res.text).toContain('keep me');
    const row = db.$client.prepare('select submitted_at from attempts where id = ?').get(id) as AttemptDb;
    expect(row.submitted_at).toBeNull();
  });

  it('rejects an invalid grade, an unknown track and a huge code field without writing', async () => {
    const { app, db } = createTestApp();
    const { agent } = await signUp(app);
    const page = await startDrill(agent, 'scripting');
    const id = attemptIdFrom(page.text);
    const csrf = csrfFrom(page.text);
    await agent.get('/drills/networking').expect(400);
    await agent
      .post(`/attempts/${id}/submit`)
      .type('form')
      .send({ _csrf: csrf, code: 'x'.repeat(100_001), outcome: 'solved' })
      .expect(400);
    await agent
      .post(`/attempts/${id}/submit`)
      .type('form')
      .send({ _csrf: csrf, code: 'x'.repeat(300_000), outcome: 'solved' })
      .expect(413);
    await agent
      .post(`/attempts/${id}/submit`)
      .type('form')
      .send({ _csrf: csrf, code: 'ok', outcome: 'solved' })
      .expect(303);
    await agent.post(`/attempts/${id}/grade`).type('form').send({ _csrf: csrf, grade: '7' }).expect(400);
    await agent.post(`/attempts/${id}/grade`).type('form').send({ _csrf: csrf, grade: 'Good' }).expect(400);
    await agent.post(`/attempts/abc/grade`).type('form').send({ _csrf: csrf, grade: '3' }).expect(400);
    const row = db.$client.prepare('select final_grade, code from attempts where id = ?').get(id) as AttemptDb;
    expect(row.final_grade).toBeNull();
    expect(row.code).toBe('ok');
    expect(rowCount(db, 'cards')).toBe(0);
  });

  it('ends with a summary of the drill once the day is done', async () => {
    const { app, clock } = createTestApp({ bank: { scripting: 2, algorithm: 1 } });
    const { agent } = await signUp(app);
    await unlimitedMinutes(agent);
    for (let i = 0; i < 2; i++) {
      const page = await startDrill(agent, 'scripting');
      const id = attemptIdFrom(page.text);
      const csrf = csrfFrom(page.text);
      clock.advance({ minutes: 4 });
      await agent
        .post(`/attempts/${id}/submit`)
        .type('form')
        .send({ _csrf: csrf, code: 'x', outcome: 'solved' })
        .expect(303);
      await agent.post(`/attempts/${id}/grade`).type('form').send({ _csrf: csrf, grade: '4' }).expect(303);
    }
    const done = await startDrill(agent, 'scripting');
    expect(done.status).toBe(302);
    expect(done.headers.location).toMatch(/^\/summary\/\d+$/);
    const summary = await agent.get(done.headers.location!);
    expect(summary.text).toContain('Scripting task 1');
    expect(summary.text).toContain('Scripting task 2');
    expect(summary.text).toMatch(/<dt>Questions<\/dt><dd>2<\/dd>/);
    const today = await agent.get('/today');
    expect(today.text).toContain('Nothing left for today in this track');
  });
});
