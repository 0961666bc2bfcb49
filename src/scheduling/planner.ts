// Pure rules that turn FSRS's intervals into due days: load balancing within the fuzz range,
// the track's drill days, and the interview cap. No database, no clock.
import { type DayOptions, isoWeekday, localDay, shiftDay } from '../shared/days.js';
import { type CardFields, CardState, GRADES, type GradeOutcome, type GradeValue, withDueDay } from './fsrs.js';
import { capDays } from './interview-cap.js';

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
  /** The track's minutes a day and this question's minutes: a day it would overfill weighs more. */
  dailyMinutes?: number;
  ownMinutes?: number;
};

/**
 * Long intervals fill a day only up to this share of the minutes a day when another day of the
 * range has room: short intervals (1-2 days, relearned questions) land later and cannot move.
 */
const BALANCE_FILL = 0.7;
/** Scores within this share of the best count as a tie. */
const TIE_SHARE = 0.07;
/** A question's usual length: what an empty day still weighs in load balancing. */
const TYPICAL_QUESTION_MINUTES = 25;
/** How far to look for a drill day when an interval lands on a rest day. */
const MAX_SHIFT_DAYS = 7;

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
  ctx: Pick<PlanContext, 'drillDays' | 'loadOf' | 'balance' | 'dailyMinutes' | 'ownMinutes'>;
}): number {
  const isDrill = (days: number) => ctx.drillDays.includes(isoWeekday(shiftDay(reviewDay, days)));
  const lo = Math.max(1, minDays);
  const hi = Math.max(lo, maxDays);
  if (ctx.balance && hi > lo) {
    // Candidates: the drill days of the fuzz range and, when the range holds a rest day, the
    // drill days just before and after it (so a weekend piles up neither on Friday nor on Monday).
    const candidates: number[] = [];
    for (let d = lo; d <= hi; d++) if (isDrill(d)) candidates.push(d);
    if (candidates.length < hi - lo + 1) {
      for (let d = lo - 1; d >= 1 && d >= lo - MAX_SHIFT_DAYS; d--)
        if (isDrill(d)) {
          candidates.push(d);
          break;
        }
      for (let d = hi + 1; d <= hi + MAX_SHIFT_DAYS; d++)
        if (isDrill(d)) {
          candidates.push(d);
          break;
        }
    }
    // Days further out have had less time to fill up, so raw load always favours later days and
    // lowers retention (Anki's load balancer notes the same bias and weighs by 1/interval). Here
    // the load, plus one typical question so empty days still differ, is weighed by the square root
    // of the interval (Anki's weight 1/load² × 1/interval ranks days the same way);
    // a day this question would push past the track's minutes is taken only when every day would.
    const scored = candidates.map((d) => {
      const load = ctx.loadOf(shiftDay(reviewDay, d));
      const full =
        ctx.dailyMinutes !== undefined && load + (ctx.ownMinutes ?? 0) > ctx.dailyMinutes * BALANCE_FILL ? 100 : 1;
      return { days: d, score: (load + TYPICAL_QUESTION_MINUTES) * Math.sqrt(d) * full };
    });
    const best = Math.min(...scored.map((x) => x.score));
    // Days within a few percent of the best are equals: the one nearest ts-fsrs's random pick
    // wins, which keeps cards learned together apart when the calendar is empty.
    const equals = scored.filter((x) => x.score <= best * (1 + TIE_SHARE));
    equals.sort((x, y) => Math.abs(x.days - fuzzedDays) - Math.abs(y.days - fuzzedDays) || x.days - y.days);
    if (equals[0]) return equals[0].days;
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
  for (const plan of planGradesUpTo({ outcomes, user, ctx, upTo: 4 })) plans[plan.grade] = plan;
  return plans;
}

/**
 * The plans of the grades up to `upTo`, worst first: what grading with `upTo` does needs only
 * these (a grade's day depends on the worse grades' days, never on the better ones'), so a grade
 * reads the load of its own window, not the Easy interval's months.
 */
export function planGradesUpTo({
  outcomes,
  user,
  ctx,
  upTo,
}: {
  outcomes: Record<GradeValue, GradeOutcome>;
  user: DayOptions;
  ctx: PlanContext;
  upTo: GradeValue;
}): PlannedGrade[] {
  const plans: PlannedGrade[] = [];
  let floor = 0;
  for (const grade of GRADES) {
    if (grade > upTo) break;
    const o = outcomes[grade];
    if (o.kind === 'minutes') {
      plans.push({ grade, fields: o.fields, minutes: o.minutes, dueDay: null, days: 0, capped: false });
      continue;
    }
    let days = chooseDay({ ...o, ctx });
    // A better grade never comes back sooner than a worse one.
    days = Math.max(days, floor);
    floor = days;
    const cap = capDays({ reviewDay: o.reviewDay, days, lastAllowedDay: ctx.lastAllowedDay, drillDays: ctx.drillDays });
    days = cap.days;
    const capped = cap.capped;
    const dueDay = shiftDay(o.reviewDay, days);
    plans.push({
      grade,
      fields: withDueDay({ fields: o.fields, reviewDay: o.reviewDay, dueDay, user }),
      minutes: null,
      dueDay,
      days,
      capped,
    });
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
