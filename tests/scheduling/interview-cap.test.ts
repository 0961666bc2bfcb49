import { describe, expect, it } from 'vitest';
import { capDays, interviewLastAllowedDay } from '../../src/scheduling/interview-cap.js';

// The interview cap as a pure rule: the last day a review may land on, and each interval capped.

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const WEEKDAYS = [1, 2, 3, 4, 5];

describe('interviewLastAllowedDay', () => {
  it.each([
    ['no interview', '2026-03-02', null, null],
    ['interview in 5 days: the day before', '2026-03-02', '2026-03-07', '2026-03-06'],
    ['interview tomorrow: today', '2026-03-02', '2026-03-03', '2026-03-02'],
    ['interview today: no cap any more', '2026-03-02', '2026-03-02', null],
    ['interview past: no cap', '2026-03-02', '2026-02-20', null],
  ])('%s', (_label, today, interviewDate, last) => {
    expect(interviewLastAllowedDay({ today, interviewDate })).toBe(last);
  });
});

describe('capDays', () => {
  // 2026-03-02 is a Monday.
  it.each([
    ['no cap: unchanged', 30, null, EVERY_DAY, 30, false],
    ['within the cap: unchanged', 3, '2026-03-06', EVERY_DAY, 3, false],
    ['on the last allowed day: unchanged', 4, '2026-03-06', EVERY_DAY, 4, false],
    ['past it: the last allowed day', 9, '2026-03-06', EVERY_DAY, 4, true],
    ['interview tomorrow: today (0 days)', 5, '2026-03-02', EVERY_DAY, 0, true],
    ['last allowed day a Sunday, weekdays only: Friday', 20, '2026-03-08', WEEKDAYS, 4, true],
    ['last allowed day a Saturday, no drill day before it: stays', 20, '2026-03-07', [6], 5, true],
    ['last allowed day tomorrow, a rest day: stays tomorrow', 9, '2026-03-03', [1], 1, true],
  ])('%s', (_label, days, lastAllowedDay, drillDays, want, capped) => {
    expect(capDays({ reviewDay: '2026-03-02', days, lastAllowedDay, drillDays })).toEqual({ days: want, capped });
  });

  it('never lets any interval of a grade table land on or after the interview', () => {
    for (let daysLeft = 1; daysLeft <= 30; daysLeft++)
      for (const days of [1, 2, 3, 5, 8, 13, 21, 34, 55, 89]) {
        const interview = new Date(Date.UTC(2026, 2, 2 + daysLeft)).toISOString().slice(0, 10);
        const last = interviewLastAllowedDay({ today: '2026-03-02', interviewDate: interview });
        const out = capDays({ reviewDay: '2026-03-02', days, lastAllowedDay: last, drillDays: WEEKDAYS });
        expect(out.days, `${days} days, interview in ${daysLeft}`).toBeLessThan(daysLeft);
      }
  });
});
