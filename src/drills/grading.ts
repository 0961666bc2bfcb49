import { GRADE_NAMES, type GradeValue } from '../scheduling/fsrs.js';

export type Outcome = 'solved' | 'partial' | 'failed';

/** What the tests say: every case passed, some did, or none (an error counts as none). */
export function outcomeFromTests({ passed, total }: { passed: number; total: number }): Outcome {
  if (total > 0 && passed === total) return 'solved';
  if (passed > 0) return 'partial';
  return 'failed';
}

/**
 * Suggest an FSRS grade from what happened. The candidate can override it; the suggestion and
 * its reason are stored so a coach can see both.
 */
export function suggestGrade({
  outcome,
  durationSeconds,
  budgetSeconds,
  hintsUsed,
  cases,
}: {
  outcome: Outcome;
  durationSeconds: number;
  budgetSeconds: number;
  hintsUsed: number;
  /** The test results, when the code ran: they replace the self-reported word in the reason. */
  cases?: { passed: number; total: number };
}): {
  grade: GradeValue;
  reason: string;
} {
  // Under half a minute reads as "<1", not as a minute that was not spent.
  const minutes = (s: number) => (s < 30 ? '<1' : String(Math.round(s / 60)));
  const time = `in ${minutes(durationSeconds)} of ${minutes(budgetSeconds)} min`;
  const hints = hintsUsed === 0 ? 'no hints' : hintsUsed === 1 ? '1 hint' : `${hintsUsed} hints`;
  const overtime = durationSeconds > budgetSeconds;
  let grade: GradeValue;
  if (outcome === 'failed') grade = 1;
  else if (outcome === 'partial') grade = overtime || hintsUsed >= 2 ? 1 : 2;
  else if (overtime || hintsUsed > 0) grade = 2;
  else if (durationSeconds <= budgetSeconds * 0.4) grade = 4;
  else grade = 3;
  const what = cases
    ? `${cases.passed}/${cases.total} cases`
    : outcome === 'solved'
      ? 'solved'
      : outcome === 'partial'
        ? 'partly solved'
        : 'not solved';
  return { grade, reason: `${what} ${time}${overtime ? ' (overtime)' : ''}, ${hints} -> ${GRADE_NAMES[grade]}` };
}
