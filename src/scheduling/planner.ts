// Pure rules that turn FSRS's intervals into due days: load balancing within the fuzz range,
// the track's drill days, and the interview cap. No database, no clock.
import { type DayOptions, dayDiff, isoWeekday, localDay, shiftDay } from '../shared/days.js';
import { type CardFields, CardState, GRADES, type GradeOutcome, type GradeValue, withDueDay } from './fsrs.js';

export type PlannedGrade = {
  grade: GradeValue;
  fields: CardFields;
  /** A learning step: minutes until it is due again (null for a review interval). */
  minutes: number | null;
  /** A review: the user day it is due (null for a learning step). */
  dueDay: string | null;
  /** Days from the review day to the due day (0 for a learning step, or when capped to today). */
  days: number;
  /** True when the interview cap moved the day earlier. */
  capped: boolean;
};

export type PlanContext = {
  /** ISO weekdays the track drills on; reviews are not placed on other days when avoidable. */
  drillDays: readonly number[];
  /**
   * The last day a review may land on (the day before the interview), or null for no cap. When it
   * is the review day itself (interview tomorrow), Good and Easy are due today: the card counts as
   * done for today (it was just reviewed) and nothing lands on or after the interview.
   */
  lastAllowedDay: string | null;
  /** Minutes of reviews already scheduled on a day for this track (load balancing). */
  loadOf: (day: string) => number;
  /** Spread within the fuzz range by load (on when fuzz is on). */
  balance: boolean;
};

/** How far to look for a drill day when an interval lands on a rest day. */
const MAX_SHIFT_DAYS = 7;

/**
 * The last day a review may be due under an interview date, or null for no cap. The interview
 * day is the user's day; on the interview day and after it, nothing is capped any more.
 */
export function interviewLastAllowedDay({ today, interviewDate }: { today: string; interviewDate: string | null }) {
  if (!interviewDate || interviewDate <= today) return null;
  return shiftDay(interviewDate, -1);
}

/**
 * Load balancing (compare Anki's load balancer): among the drill days of the fuzz range, the one
 * with the fewest scheduled minutes; ties go to the day nearest ts-fsrs's random fuzzed pick, so
 * cards learned together still spread when the calendar is empty. Without balancing, FSRS's own
 * interval. A day that is not a drill day is avoided: the nearest drill day, earlier on a tie.
 */
export function chooseDay({
  reviewDay,
  minDays,
  maxDays,
  targetDays,
  fuzzedDays,
  ctx,
}: {
  reviewDay: string;
  minDays: number;
  maxDays: number;
  targetDays: number;
  fuzzedDays: number;
  ctx: Pick<PlanContext, 'drillDays' | 'loadOf' | 'balance'>;
}): number {
  const isDrill = (days: number) => ctx.drillDays.includes(isoWeekday(shiftDay(reviewDay, days)));
  const lo = Math.max(1, minDays);
  const hi = Math.max(lo, maxDays);
  if (ctx.balance && hi > lo) {
    let best: { days: number; load: number } | null = null;
    for (let d = lo; d <= hi; d++) {
      if (!isDrill(d)) continue;
      const load = ctx.loadOf(shiftDay(reviewDay, d));
      if (
        !best ||
        load < best.load - 1e-9 ||
        (Math.abs(load - best.load) <= 1e-9 && Math.abs(d - fuzzedDays) < Math.abs(best.days - fuzzedDays))
      )
        best = { days: d, load };
    }
    if (best) return best.days;
  }
  const wanted = Math.max(1, ctx.balance ? fuzzedDays : targetDays);
  if (isDrill(wanted)) return wanted;
  for (let shift = 1; shift <= MAX_SHIFT_DAYS; shift++) {
    if (wanted - shift >= 1 && isDrill(wanted - shift)) return wanted - shift;
    if (isDrill(wanted + shift)) return wanted + shift;
  }
  return wanted;
}

/**
 * The due date each grade would give: learning steps in minutes, reviews on a chosen user day,
 * Hard <= Good <= Easy, and with an interview date nothing past the day before it.
 */
export function planGrades({
  outcomes,
  user,
  ctx,
}: {
  outcomes: Record<GradeValue, GradeOutcome>;
  user: DayOptions;
  ctx: PlanContext;
}): Record<GradeValue, PlannedGrade> {
  const plans = {} as Record<GradeValue, PlannedGrade>;
  let floor = 0;
  for (const grade of GRADES) {
    const o = outcomes[grade];
    if (o.kind === 'minutes') {
      plans[grade] = { grade, fields: o.fields, minutes: o.minutes, dueDay: null, days: 0, capped: false };
      continue;
    }
    let days = chooseDay({ ...o, ctx });
    // A better grade never comes back sooner than a worse one.
    days = Math.max(days, floor);
    floor = days;
    let capped = false;
    if (ctx.lastAllowedDay !== null) {
      const maxDays = Math.max(0, dayDiff(o.reviewDay, ctx.lastAllowedDay));
      if (days > maxDays) {
        days = maxDays;
        capped = true;
        // Stay on a drill day inside the cap when there is one after today.
        let d = days;
        while (d >= 1 && !ctx.drillDays.includes(isoWeekday(shiftDay(o.reviewDay, d)))) d--;
        if (d >= 1) days = d;
      }
    }
    const dueDay = shiftDay(o.reviewDay, days);
    plans[grade] = {
      grade,
      fields: withDueDay({ fields: o.fields, reviewDay: o.reviewDay, dueDay, user }),
      minutes: null,
      dueDay,
      days,
      capped,
    };
  }
  return plans;
}

/**
 * The user day a card is served on, by the one due rule: a learning card on the day of its
 * instant, a review on its due day, but never on the day it was last reviewed (only the
 * interview cap schedules a review for the same day; it comes back the next day).
 */
export function dueDayOf(card: Pick<CardFields, 'due' | 'state' | 'lastReview'>, user: DayOptions): string {
  const day = localDay(new Date(card.due), user);
  if (card.state !== CardState.Review || card.lastReview === null) return day;
  const reviewed = localDay(new Date(card.lastReview), user);
  return day > reviewed ? day : shiftDay(reviewed, 1);
}

/** "10m", "2d", "5w" (weeks past 4 weeks), "3mo", "1.2y": the grade buttons' interval labels. */
export function intervalLabel(plan: Pick<PlannedGrade, 'minutes' | 'days'>): string {
  if (plan.minutes !== null) return plan.minutes < 60 ? `${plan.minutes}m` : `${Math.round(plan.minutes / 60)}h`;
  const d = plan.days;
  if (d === 0) return 'today';
  if (d < 28) return `${d}d`;
  if (d < 90) return `${Math.round(d / 7)}w`;
  if (d < 365) return `${Math.round(d / 30)}mo`;
  return `${(d / 365).toFixed(1)}y`;
}
