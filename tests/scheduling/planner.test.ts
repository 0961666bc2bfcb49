import { describe, expect, it } from 'vitest';
import { chooseDay, dueDayOf, intervalLabel } from '../../src/scheduling/planner.js';
import { shiftDay } from '../../src/shared/days.js';

// 2026-03-02 is a Monday.
const MONDAY = '2026-03-02';
const everyDay = [1, 2, 3, 4, 5, 6, 7];
const weekdays = [1, 2, 3, 4, 5];

describe('load balancing within the fuzz range', () => {
  it('picks the day with the fewest scheduled minutes', () => {
    const loads: Record<string, number> = { '2026-03-12': 50, '2026-03-13': 10, '2026-03-14': 40 };
    const days = chooseDay({
      reviewDay: MONDAY,
      minDays: 10,
      maxDays: 12,
      targetDays: 11,
      fuzzedDays: 10,
      ctx: { drillDays: everyDay, loadOf: (d) => loads[d] ?? 0, balance: true },
    });
    expect(shiftDay(MONDAY, days)).toBe('2026-03-13');
  });

  it('breaks ties towards the random fuzzed pick, so cards learned together still spread', () => {
    const pick = (fuzzedDays: number) =>
      chooseDay({
        reviewDay: MONDAY,
        minDays: 10,
        maxDays: 10,
        targetDays: 10,
        fuzzedDays,
        ctx: { drillDays: everyDay, loadOf: () => 0, balance: true },
      });
    expect(pick(10)).toBe(10);
    // An empty calendar a month out: each card goes to its own random pick, not all to one day.
    const picks = [30, 31, 32, 33, 34].map((fuzzedDays) =>
      chooseDay({
        reviewDay: MONDAY,
        minDays: 30,
        maxDays: 34,
        targetDays: 32,
        fuzzedDays,
        ctx: { drillDays: everyDay, loadOf: () => 0, balance: true },
      }),
    );
    expect(picks).toEqual([30, 31, 32, 33, 34]);
  });

  it('skips rest days: an algorithm review never lands on a weekend, nor piles on Monday', () => {
    // From Thursday 5 March, 2 to 4 days is Saturday to Monday: Friday (before) and Monday compete.
    const thursday = '2026-03-05';
    const loads: Record<string, number> = { '2026-03-09': 70, '2026-03-06': 0 };
    const days = chooseDay({
      reviewDay: thursday,
      minDays: 2,
      maxDays: 4,
      targetDays: 3,
      fuzzedDays: 3,
      ctx: { drillDays: weekdays, loadOf: (d) => loads[d] ?? 0, balance: true },
    });
    expect(shiftDay(thursday, days)).toBe('2026-03-06'); // Friday: Monday is full
    // Without fuzz a weekend day moves to the nearest drill day (Saturday -> Friday, Sunday -> Monday).
    const exact = (target: number) =>
      shiftDay(
        thursday,
        chooseDay({
          reviewDay: thursday,
          minDays: target,
          maxDays: target,
          targetDays: target,
          fuzzedDays: target,
          ctx: { drillDays: weekdays, loadOf: () => 0, balance: false },
        }),
      );
    expect(exact(2)).toBe('2026-03-06');
    expect(exact(3)).toBe('2026-03-09');
  });

  it('avoids a day the question would push past the minutes a day while another has room', () => {
    const loads: Record<string, number> = { '2026-03-12': 20, '2026-03-13': 40, '2026-03-14': 44 };
    const days = chooseDay({
      reviewDay: MONDAY,
      minDays: 10,
      maxDays: 12,
      targetDays: 11,
      fuzzedDays: 11,
      ctx: { drillDays: everyDay, loadOf: (d) => loads[d] ?? 0, balance: true, dailyMinutes: 45, ownMinutes: 25 },
    });
    expect(shiftDay(MONDAY, days)).toBe('2026-03-12');
  });
});

describe('labels and the due day', () => {
  it('labels intervals as the grade buttons show them', () => {
    expect(intervalLabel({ minutes: 10, days: 0 })).toBe('10m');
    expect(intervalLabel({ minutes: null, days: 0 })).toBe('today');
    expect(intervalLabel({ minutes: null, days: 5 })).toBe('5d');
    expect(intervalLabel({ minutes: null, days: 35 })).toBe('5w');
    expect(intervalLabel({ minutes: null, days: 120 })).toBe('4mo');
    expect(intervalLabel({ minutes: null, days: 800 })).toBe('2.2y');
  });

  it('never puts a review on the day it was reviewed', () => {
    const user = { timeZone: 'UTC', dayStartHour: 4 };
    const at = Date.parse('2026-03-02T10:00:00Z');
    expect(dueDayOf({ due: Date.parse('2026-03-02T04:00:00Z'), state: 2, lastReview: at }, user)).toBe('2026-03-03');
    expect(dueDayOf({ due: Date.parse('2026-03-05T04:00:00Z'), state: 2, lastReview: at }, user)).toBe('2026-03-05');
    expect(dueDayOf({ due: at + 600_000, state: 3, lastReview: at }, user)).toBe('2026-03-02');
  });
});
