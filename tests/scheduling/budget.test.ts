import { describe, expect, it } from 'vitest';
import {
  CATCH_UP_FACTOR,
  EARLY_FULL_SHARE,
  expectedMinutes,
  firstQuestionOverruns,
  isCatchingUp,
  NEW_HEADROOM,
  newQuestionsAllowed,
  overBudget,
  PACE_MIN_ANSWERS,
  paceOf,
  reviewCapMinutes,
  reviewEarly,
  reviewFits,
  stepCapMinutes,
  weekIsFull,
} from '../../src/scheduling/budget.js';

// The day's minutes as pure rules: inputs in, decision out (no database, no clock).

describe('paceOf', () => {
  const many = (n: number, r: number) => Array.from({ length: n }, () => r);
  it.each([
    ['no answers yet: the budgets themselves', [], 1],
    ['too few answers', many(PACE_MIN_ANSWERS - 1, 0.5), 1],
    ['enough answers: the mean of the middle 80 %, the ends left out', [...many(18, 0.7), 5, 5], 0.7],
    ['two kinds of answers: their mean', [...many(10, 0.6), ...many(10, 0.8)], 0.7],
    // 14 solved at 0.7, 6 failed at their whole budget: the middle 16 are 12 × 0.7 and 4 × 1. The
    // median (0.7) planned days a tenth short of what they took.
    [
      'failures that take their whole budget count (the median left them out)',
      [...many(14, 0.7), ...many(6, 1)],
      0.775,
    ],
    ['a few slow ones past the ends do not count', [...many(18, 0.7), 1.5, 1.5], 0.7],
    ['a tab left open does not make the candidate slow', many(PACE_MIN_ANSWERS, 9), 1.5],
    ['skipped questions do not make them instant', many(PACE_MIN_ANSWERS, 0.01), 0.3],
    ['zero, negative and NaN ratios are ignored', [...many(PACE_MIN_ANSWERS - 1, 0.8), 0, -1, Number.NaN], 1],
  ])('%s', (_label, ratios, pace) => {
    expect(paceOf(ratios)).toBeCloseTo(pace, 9);
  });

  it('gives a question its budget at that pace', () => {
    expect(expectedMinutes(40, 0.75)).toBe(30);
    expect(expectedMinutes(40, 1)).toBe(40);
  });
});

describe('isCatchingUp', () => {
  it.each([
    ['a backlog over the minutes at the day’s start', 3, 0, 80, true],
    ['halfway through: what is left fits, the day stays a catch-up day', 1, 0, 80, true],
    ['the backlog done today still counts (read as of the day’s start)', 0, 3, 80, true],
    ['a backlog that fits the minutes: an ordinary day', 2, 0, 45, false],
    ['a full day with nothing due before today: an ordinary day', 0, 0, 80, false],
  ])('%s', (_label, overdue, overdueDone, plannedMinutes, catchingUp) => {
    expect(isCatchingUp({ overdueAtDayStart: overdue + overdueDone, plannedMinutes, dailyMinutes: 45 })).toBe(
      catchingUp,
    );
  });
});

describe('stepCapMinutes', () => {
  it.each([
    ['an ordinary day', false, 45],
    ['a catch-up day', true, 45 * CATCH_UP_FACTOR],
  ])('%s: %d minutes (a rest day tomorrow does not double them)', (_label, catchingUp, cap) => {
    expect(stepCapMinutes({ dailyMinutes: 45, catchingUp })).toBe(cap);
  });
});

describe('reviewCapMinutes', () => {
  it.each([
    [false, true, 45],
    [true, true, 45 * CATCH_UP_FACTOR],
    [false, false, 45 * CATCH_UP_FACTOR],
    [true, false, 45 * CATCH_UP_FACTOR],
  ])('catching up %s, tomorrow a drill day %s: %d minutes', (catchingUp, tomorrowIsDrillDay, cap) => {
    expect(reviewCapMinutes({ dailyMinutes: 45, catchingUp, tomorrowIsDrillDay })).toBe(cap);
  });
});

describe('reviewEarly', () => {
  const full = 60 * EARLY_FULL_SHARE;
  it.each([
    ['tomorrow empty', true, 0, false],
    ['tomorrow exactly at the share: it still has room', true, full, false],
    ['tomorrow past the share of the minutes', true, full + 1, true],
    ['tomorrow over the whole day', true, 90, true],
    ['tomorrow a rest day, however full (nothing is due on it)', false, 90, false],
  ])('%s', (_label, tomorrowIsDrillDay, tomorrowMinutes, early) => {
    expect(reviewEarly({ tomorrowIsDrillDay, tomorrowMinutes, dailyMinutes: 60 })).toBe(early);
  });
});

describe('reviewFits', () => {
  it.each([
    ['the first review of the day, however long', 0, 90, 45, true],
    ['a long review that fits', 10, 35, 45, true],
    ['a long review one minute over', 11, 35, 45, false],
    ['a short review with room for a relearning step', 20, 10, 45, true],
    ['a short review that fits only without the step reserve', 34, 10, 45, false],
    ['a short review with room under the catch-up cap', 60, 10, 90, true],
  ])('%s', (_label, usedMinutes, reviewMinutes, capMinutes, fits) => {
    expect(reviewFits({ usedMinutes, reviewMinutes, capMinutes })).toBe(fits);
  });
});

describe('weekIsFull', () => {
  it.each([
    [0, 0, false],
    [60 * NEW_HEADROOM, 0, false],
    [60 * NEW_HEADROOM + 1, 0, true],
    [0, 60 * NEW_HEADROOM + 1, true],
  ])('week ahead %d, long-run load %d minutes of 60: %s', (aheadMinutes, dailyLoadMinutes, full) => {
    expect(weekIsFull({ aheadMinutes, dailyLoadMinutes, dailyMinutes: 60 })).toBe(full);
  });
});

describe('newQuestionsAllowed', () => {
  const base = {
    isDrillDay: true,
    catchingUp: false,
    weekFull: false,
    plannedMinutes: 0,
    newDone: 0,
    newPerDay: 3,
    dailyMinutes: 45,
    unseenMinutes: [10, 10, 10, 10],
  };
  it.each([
    ['an empty day: up to the new-per-day limit', {}, 3],
    ['room for one more with its learning step, not two', { plannedMinutes: 25 }, 1],
    ['a rest day: none', { isDrillDay: false }, 0],
    ['catching up after a break: none', { catchingUp: true }, 0],
    ['a full week ahead: none', { weekFull: true }, 0],
    ['the limit already reached', { newDone: 3 }, 0],
    ['one left under the limit', { newDone: 2 }, 1],
    ['reviews planned fill the day', { plannedMinutes: 40 }, 0],
    ['a lone question longer than the day still comes', { unseenMinutes: [90] }, 1],
    [
      'a bigger budget takes more, the last one with room for its step',
      { dailyMinutes: 120, newPerDay: 20, unseenMinutes: Array.from({ length: 20 }, () => 10) },
      11,
    ],
    ['no unseen question left: none (the bank is exhausted)', { unseenMinutes: [] }, 0],
  ])('%s', (_label, over, count) => {
    expect(newQuestionsAllowed({ ...base, ...over })).toBe(count);
  });
});

describe('overBudget', () => {
  it.each([
    [44, false],
    [45, false],
    [46, true],
  ])('%d planned of 45 minutes: %s', (plannedMinutes, over) => {
    expect(overBudget({ plannedMinutes, dailyMinutes: 45 })).toBe(over);
  });
});

describe('firstQuestionOverruns', () => {
  it.each([
    ['the plan with its first new question fits: no', 20, 40, false],
    ['the first new question takes the day past its minutes: yes', 20, 60, true],
    ['reviews alone are over the minutes: no (Today says that instead)', 50, 70, false],
    ['exactly its minutes with the first new question: no', 30, 45, false],
    ['reviews fill the day exactly and the first new question overruns: yes', 45, 60, true],
  ])('%s', (_label, plannedMinutes, expectedMinutes, overruns) => {
    expect(firstQuestionOverruns({ plannedMinutes, expectedMinutes, dailyMinutes: 45 })).toBe(overruns);
  });
});
