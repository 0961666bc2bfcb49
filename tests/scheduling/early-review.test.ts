import { describe, expect, it } from 'vitest';
import { dayStart } from '../../src/shared/days.js';
import { BERLIN, startDrill, threeLearnedScripting } from '../helpers/app.js';

// Every scripting question takes 15 minutes of a 36-minute day: tomorrow is full (over 75 %, 27
// minutes) with two reviews, not with one.
async function learnedThree() {
  const { agent, db, clock, ids } = await threeLearnedScripting({ dailyMinutes: '36' });
  const setDue = (questionId: string, day: string) =>
    db.$client.prepare('update cards set due = ? where question_id = ?').run(dayStart(day, BERLIN), questionId);
  return { agent, db, clock, ids, setDue };
}

describe('a review a day early when tomorrow is full', () => {
  it('serves one of tomorrow’s reviews once today’s are done, and Today says so', async () => {
    const { agent, db, clock, ids, setDue } = await learnedThree();
    setDue(ids[0], '2026-03-05');
    setDue(ids[1], '2026-03-05');
    setDue(ids[2], '2026-04-01');
    clock.set('2026-03-04T17:00:00Z'); // Wednesday 18:00 in Berlin: nothing due today

    const today = await agent.get('/today').expect(200);
    expect(today.text).toContain('one of them can be done today, a day early');
    expect(today.text).toContain('Start scripting drill');

    const page = await startDrill(agent, 'scripting');
    expect(page.status).toBe(200);
    const opened = db.$client
      .prepare("select question_id, kind from attempts where submitted_at is null and track = 'scripting'")
      .get() as { question_id: string; kind: string };
    expect([ids[0], ids[1]]).toContain(opened.question_id);
    expect(opened.kind).toBe('drill');
  });

  it('serves nothing early when tomorrow still has room', async () => {
    const { agent, db, clock, ids, setDue } = await learnedThree();
    setDue(ids[0], '2026-03-05');
    setDue(ids[1], '2026-04-01');
    setDue(ids[2], '2026-04-01');
    clock.set('2026-03-04T17:00:00Z');

    const today = await agent.get('/today').expect(200);
    expect(today.text).not.toContain('a day early');
    expect(today.text).not.toContain('Start scripting drill');
    await startDrill(agent, 'scripting');
    const open = db.$client
      .prepare("select count(*) as n from attempts where submitted_at is null and track = 'scripting'")
      .get() as {
      n: number;
    };
    expect(open.n).toBe(0);
  });
});
