import { describe, expect, it } from 'vitest';
import { dayStart } from '../../src/shared/days.js';
import { answerNext, BERLIN, threeLearnedScripting } from '../helpers/app.js';

const DAY = 86_400_000;

// Three learned scripting questions of 15 minutes each, then put in the Review state by hand:
// "old" fell due ten days before but has a long interval (retrievability still high), "yesterday"
// fell due yesterday with a short one (the lowest retrievability), "today" falls due today.
async function backlogOfThree(dailyMinutes: string) {
  const { agent, db, clock, ids } = await threeLearnedScripting({ dailyMinutes });
  const [old, yesterday, today] = ids;
  const review = (questionId: string, dueDay: string, stability: number, elapsedDays: number) => {
    const due = dayStart(dueDay, BERLIN) + 12 * 3_600_000;
    db.$client
      .prepare(
        'update cards set state = 2, due = ?, stability = ?, last_review = ?, scheduled_days = ? where question_id = ?',
      )
      .run(due, stability, due - elapsedDays * DAY, elapsedDays, questionId);
  };
  review(old, '2026-02-22', 100, 90);
  review(yesterday, '2026-03-03', 1, 1);
  review(today, '2026-03-04', 1, 1);
  clock.set('2026-03-04T17:00:00Z'); // Wednesday 18:00 in Berlin
  const served = () =>
    (
      db.$client
        .prepare("select question_id from attempts where track = 'scripting' and served_at >= ? order by id")
        .all(clock.now().getTime() - 3_600_000) as { question_id: string }[]
    ).map((r) => r.question_id);
  return { agent, clock, served, ids: { old, yesterday, today } };
}

describe('catching up after a break', () => {
  it('serves the oldest due review first, and the day stays a catch-up day until it ends', async () => {
    // 45 minutes due, 30 a day: a catch-up day.
    const { agent, clock, served, ids } = await backlogOfThree('30');
    expect((await agent.get('/today').expect(200)).text).toContain('Catching up after a break');

    expect(await answerNext(agent, clock, 'scripting', 3)).not.toBeNull();
    expect(served()).toEqual([ids.old]);
    // 30 minutes left fit the 30 a day, but the day started with a backlog over them: it stays a
    // catch-up day (read on what was left, it stopped here and the cap fell back to 30 minutes).
    expect((await agent.get('/today').expect(200)).text).toContain('Catching up after a break');

    expect(await answerNext(agent, clock, 'scripting', 3)).not.toBeNull();
    expect(await answerNext(agent, clock, 'scripting', 3)).not.toBeNull();
    expect(served()).toEqual([ids.old, ids.yesterday, ids.today]);
    expect(await answerNext(agent, clock, 'scripting', 3)).toBeNull();
  });

  it('serves the lowest retrievability first on an ordinary day', async () => {
    // The same reviews fit 60 minutes a day: no catch-up, the most at risk comes first.
    const { agent, clock, served, ids } = await backlogOfThree('60');
    expect((await agent.get('/today').expect(200)).text).not.toContain('Catching up after a break');
    expect(await answerNext(agent, clock, 'scripting', 3)).not.toBeNull();
    expect(served()).toEqual([ids.yesterday]);
  });
});
