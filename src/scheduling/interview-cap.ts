// The interview cap as a pure rule: no review lands on or after the interview day. No database,
// no clock: the planner (each grade's day) and the rescheduler (existing cards) call it.
import { dayDiff, isoWeekday, shiftDay } from '../shared/days.js';

/**
 * The last day a review may be due under an interview date, or null for no cap. The interview
 * day is the user's day; on the interview day and after it, nothing is capped any more.
 */
export function interviewLastAllowedDay({ today, interviewDate }: { today: string; interviewDate: string | null }) {
  if (!interviewDate || interviewDate <= today) return null;
  return shiftDay(interviewDate, -1);
}

/**
 * Days from the review day to the due day under the cap: unchanged when within it; otherwise the
 * last allowed day, moved earlier to a drill day when one lies between tomorrow and it. When the
 * interview is tomorrow the last allowed day is the review day itself: 0 (done for today).
 */
export function capDays({
  reviewDay,
  days,
  lastAllowedDay,
  drillDays,
}: {
  reviewDay: string;
  days: number;
  lastAllowedDay: string | null;
  drillDays: readonly number[];
}): { days: number; capped: boolean } {
  if (lastAllowedDay === null) return { days, capped: false };
  const maxDays = Math.max(0, dayDiff(reviewDay, lastAllowedDay));
  if (days <= maxDays) return { days, capped: false };
  let d = maxDays;
  while (d >= 1 && !drillDays.includes(isoWeekday(shiftDay(reviewDay, d)))) d--;
  return { days: d >= 1 ? d : maxDays, capped: true };
}
