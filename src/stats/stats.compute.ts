// Pure number crunching for the stats page: no database, no clock; days are YYYY-MM-DD in the
// user's own days (time zone and day-start hour already applied).
import { dayDiff, shiftDay } from '../shared/days.js';
import type { StatsAttempt } from './stats.repository.js';

export const MATURE_DAYS = 21;
const DAY_MS = 86_400_000;

export type RetentionCell = { passed: number; total: number; rate: number | null };
export type RetentionWindow = { days: number; young: RetentionCell; mature: RetentionCell; all: RetentionCell };

const cell = (passed: number, total: number): RetentionCell => ({ passed, total, rate: total ? passed / total : null });

/** Interval the card had when it was reviewed: from its previous review to the due date it then had. */
export function intervalBeforeDays(a: Pick<StatsAttempt, 'dueBefore' | 'lastReviewBefore'>): number | null {
  if (a.dueBefore === null || a.lastReviewBefore === null) return null;
  return Math.max(0, Math.round((a.dueBefore - a.lastReviewBefore) / DAY_MS));
}

/**
 * Anki's "true retention": only reviews of cards in the Review state (not first attempts, not
 * learning or relearning steps); passed means any grade but Again. Young cards had an interval
 * under 21 days when reviewed, mature ones 21 days or more.
 */
export function computeRetention({
  attempts,
  today,
  windows = [7, 30, 365],
}: {
  attempts: StatsAttempt[];
  today: string;
  windows?: number[];
}): RetentionWindow[] {
  return windows.map((days) => {
    const from = shiftDay(today, -(days - 1));
    let youngPassed = 0;
    let youngTotal = 0;
    let maturePassed = 0;
    let matureTotal = 0;
    for (const a of attempts) {
      if (a.stateBefore !== 2 || a.localDay < from || a.localDay > today) continue;
      const interval = intervalBeforeDays(a);
      if (interval === null) continue;
      const passed = a.finalGrade >= 2 ? 1 : 0;
      if (interval < MATURE_DAYS) {
        youngTotal++;
        youngPassed += passed;
      } else {
        matureTotal++;
        maturePassed += passed;
      }
    }
    return {
      days,
      young: cell(youngPassed, youngTotal),
      mature: cell(maturePassed, matureTotal),
      all: cell(youngPassed + maturePassed, youngTotal + matureTotal),
    };
  });
}

export type Forecast = { backlog: number; days: { day: string; count: number }[]; next7: number; next30: number };

/**
 * Reviews due per day for the next `horizon` days. Everything due by the end of today (overdue
 * included) is today's backlog, kept apart from the days ahead.
 */
export function computeForecast({
  dueDays,
  today,
  horizon = 30,
}: {
  dueDays: string[];
  today: string;
  horizon?: number;
}): Forecast {
  const counts = new Map<string, number>();
  let backlog = 0;
  for (const d of dueDays) {
    if (d <= today) backlog++;
    else counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  const days = Array.from({ length: horizon }, (_, i) => {
    const day = shiftDay(today, i + 1);
    return { day, count: counts.get(day) ?? 0 };
  });
  const sum = (n: number) => days.slice(0, n).reduce((s, d) => s + d.count, 0);
  return { backlog, days, next7: sum(7), next30: sum(horizon) };
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Days from `from` to `to` inclusive, oldest first. */
export function daysBetween(from: string, to: string): string[] {
  const n = dayDiff(from, to);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => shiftDay(from, i));
}
