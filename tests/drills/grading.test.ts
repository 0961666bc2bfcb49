import { describe, expect, it } from 'vitest';
import { outcomeFromTests, suggestGrade } from '../../src/drills/grading.js';

const budget = 25 * 60;

describe('the suggested grade', () => {
  it.each([
    ['solved', 12 * 60, 0, 3, 'solved in 12 of 25 min, no hints -> Good'],
    ['solved', 10 * 60, 0, 4, 'solved in 10 of 25 min, no hints -> Easy'],
    ['solved', 8, 0, 4, 'solved in <1 of 25 min, no hints -> Easy'],
    ['solved', 12 * 60, 1, 2, 'solved in 12 of 25 min, 1 hint -> Hard'],
    ['solved', 30 * 60, 0, 2, 'solved in 30 of 25 min (overtime), no hints -> Hard'],
    ['partial', 12 * 60, 0, 2, 'partly solved in 12 of 25 min, no hints -> Hard'],
    ['partial', 12 * 60, 2, 1, 'partly solved in 12 of 25 min, 2 hints -> Again'],
    ['partial', 26 * 60, 0, 1, 'partly solved in 26 of 25 min (overtime), no hints -> Again'],
    ['failed', 5 * 60, 0, 1, 'not solved in 5 of 25 min, no hints -> Again'],
  ] as const)('%s in %i s with %i hints -> %i', (outcome, durationSeconds, hintsUsed, grade, reason) => {
    expect(suggestGrade({ outcome, durationSeconds, budgetSeconds: budget, hintsUsed })).toEqual({ grade, reason });
  });

  it.each([
    [7, 7, 12 * 60, 0, 3, '7/7 cases in 12 of 25 min, no hints -> Good'],
    [7, 7, 6 * 60, 0, 4, '7/7 cases in 6 of 25 min, no hints -> Easy'],
    [5, 7, 12 * 60, 0, 2, '5/7 cases in 12 of 25 min, no hints -> Hard'],
    [0, 7, 3 * 60, 0, 1, '0/7 cases in 3 of 25 min, no hints -> Again'],
    [0, 0, 3 * 60, 0, 1, '0/0 cases in 3 of 25 min, no hints -> Again'],
  ] as const)(
    '%i of %i cases in %i s with %i hints -> %i',
    (passed, total, durationSeconds, hintsUsed, grade, reason) => {
      const outcome = outcomeFromTests({ passed, total });
      expect(
        suggestGrade({ outcome, durationSeconds, budgetSeconds: budget, hintsUsed, cases: { passed, total } }),
      ).toEqual({ grade, reason });
    },
  );
});
