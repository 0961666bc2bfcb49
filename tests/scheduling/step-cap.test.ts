import { describe, expect, it } from 'vitest';
import { answerNext, createTestApp, saveTrackSettings, signUp } from '../helpers/app.js';

// Before a rest day reviews may take twice the minutes a day (a held one would wait days), but a
// failed question's step may not: it comes back on the next drill day, and the page says which.
async function failedOn(start: string) {
  const { app, clock } = createTestApp({ start, bank: { scripting: 1, algorithm: 2 } });
  const { agent } = await signUp(app);
  // Monday to Friday, 12 minutes a day, every question 20: the first one always comes, takes 5
  // minutes and fails; its 10-minute step would make 15 minutes.
  await saveTrackSettings(agent, 'algorithm', {
    dailyMinutes: '12',
    budgetEasyMinutes: '20',
    budgetMediumMinutes: '20',
    budgetHardMinutes: '20',
  });
  expect(await answerNext(agent, clock, 'algorithm', 1)).not.toBeNull();
  return (await agent.get('/today').expect(200)).text;
}

describe('a failed question’s step and the minutes a day', () => {
  it('waits for Monday on a Friday instead of taking the double minutes', async () => {
    const today = await failedOn('2026-03-06T18:00:00Z'); // a Friday
    expect(today).toContain('1 question back on Monday (your minutes for today are used up)');
  });

  it('waits for tomorrow on a Thursday', async () => {
    const today = await failedOn('2026-03-05T18:00:00Z');
    expect(today).toContain('1 question back tomorrow (your minutes for today are used up)');
  });
});
