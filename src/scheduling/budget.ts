// The day's minutes of a track as pure rules: the candidate's pace, what a question is expected
// to take, whether the next review still fits the day, and how many new questions it allows.
// No database, no clock: the queue gathers the inputs and calls these; routes show the results.

/** Answers needed before the candidate's own pace replaces the time budgets. */
export const PACE_MIN_ANSWERS = 20;
/** The pace is read on this many latest answers (a candidate gets faster as they learn). */
export const PACE_WINDOW = 60;
/** A pace outside this range is a measuring accident (a tab left open, a skipped question). */
const PACE_RANGE = [0.3, 1.5] as const;
/**
 * After a break, reviews may take up to this many times the minutes a day, so the backlog is
 * cleared within a few days instead of never.
 */
export const CATCH_UP_FACTOR = 2;
/**
 * A short review is served only while the day keeps room for part of the relearning step a
 * failure would bring (a step takes half the question's time): this share of the review's
 * minutes. Short: at most SHORT_SHARE of the day. A long question (one or two a day) is not held
 * for it: holding it back costs a whole question a day late.
 */
export const FAIL_RESERVE = 0.25;
const SHORT_SHARE = 1 / 3;
/**
 * A new question fails about a quarter of the time and then comes back the same day: its
 * expected minutes count its learning step at this share.
 */
export const NEW_STEP_RESERVE = 0.5;
/**
 * New questions wait while the reviews already planned for the coming week, or the long-run
 * review load of the cards learned so far, fill more than this share of the minutes a day.
 */
export const NEW_HEADROOM = 0.45;

/** Share of the latest answers left out at each end of the pace's trimmed mean. */
const PACE_TRIM = 0.1;

/**
 * The candidate's pace: time spent over time budget across their latest answers, as a mean of the
 * middle 80 % (a tab left open or a skipped question falls in the ends), or 1 (the budgets
 * themselves) until there are enough of them. A mean, not the median: the day's minutes are a sum,
 * and a sum is its answers' mean times their count. A failed or hard question takes its whole
 * budget while a solved one takes about 0.7 of it, so the median (a solved one's) planned days a
 * tenth short, and days with a failure ran over their minutes.
 */
export function paceOf(ratios: readonly number[]): number {
  const usable = ratios.filter((r) => Number.isFinite(r) && r > 0);
  if (usable.length < PACE_MIN_ANSWERS) return 1;
  const sorted = [...usable].sort((a, b) => a - b);
  const cut = Math.floor(sorted.length * PACE_TRIM);
  const middle = sorted.slice(cut, sorted.length - cut);
  const mean = middle.reduce((sum, r) => sum + r, 0) / middle.length;
  return Math.min(PACE_RANGE[1], Math.max(PACE_RANGE[0], mean));
}

/** What a question is expected to take: its time budget at the candidate's pace. */
export const expectedMinutes = (budgetMinutes: number, pace: number) => budgetMinutes * pace;

/**
 * Is the day a catch-up day (after a break: new questions pause, reviews due before today come
 * first, oldest due day first, in up to CATCH_UP_FACTOR times the minutes)? When reviews were due
 * at the day's start and the day's plan (the minutes used plus those still due) is over the minutes
 * a day. Both count what is already done today, so the answer holds all day: read on what was
 * still due, it turned false halfway through the backlog, the cap fell back to minutes already
 * used, and the backlog's last reviews waited day after day.
 */
export function isCatchingUp({
  overdueAtDayStart,
  plannedMinutes,
  dailyMinutes,
}: {
  overdueAtDayStart: number;
  plannedMinutes: number;
  dailyMinutes: number;
}): boolean {
  return overdueAtDayStart > 0 && plannedMinutes > dailyMinutes;
}

/**
 * How many minutes of reviews a day may hold. Normally the minutes a day; while catching up after
 * a break, or before a rest day (a held review would wait several days), CATCH_UP_FACTOR times.
 */
export function reviewCapMinutes({
  dailyMinutes,
  catchingUp,
  tomorrowIsDrillDay,
}: {
  dailyMinutes: number;
  catchingUp: boolean;
  tomorrowIsDrillDay: boolean;
}): number {
  return catchingUp || !tomorrowIsDrillDay ? dailyMinutes * CATCH_UP_FACTOR : dailyMinutes;
}

/**
 * How many minutes a day may hold for learning and relearning steps: the catch-up minutes on a
 * catch-up day, else the minutes a day. Not the double minutes before a rest day: those are for
 * reviews that would otherwise wait days past their due day. A failed question's step past the
 * minutes comes back on the next drill day, as on any other day; given the double minutes, the
 * steps ran Fridays over the minutes more often than any other cause.
 */
export function stepCapMinutes({ dailyMinutes, catchingUp }: { dailyMinutes: number; catchingUp: boolean }): number {
  return catchingUp ? dailyMinutes * CATCH_UP_FACTOR : dailyMinutes;
}

/**
 * Tomorrow is full when its reviews alone take more than this share of the minutes a day: the
 * rest would wait a day late (and a failure's relearning step needs room too).
 */
export const EARLY_FULL_SHARE = 0.75;

/**
 * Should today, with its own reviews done and room left, take one of tomorrow's reviews a day
 * early? Only when tomorrow is a drill day already full of reviews: a review a day early costs
 * little retention, one a day late (or three, over a weekend) costs more, and a day over the
 * minutes is what the budget is for.
 */
export function reviewEarly({
  tomorrowIsDrillDay,
  tomorrowMinutes,
  dailyMinutes,
}: {
  tomorrowIsDrillDay: boolean;
  tomorrowMinutes: number;
  dailyMinutes: number;
}): boolean {
  return tomorrowIsDrillDay && tomorrowMinutes > dailyMinutes * EARLY_FULL_SHARE;
}

/**
 * Does the next review fit today? The first of the day always does (a question longer than the
 * whole budget would otherwise never come); then only while the minutes used, the review and the
 * reserve for its relearning step stay within the cap.
 */
export function reviewFits({
  usedMinutes,
  reviewMinutes,
  capMinutes,
}: {
  usedMinutes: number;
  reviewMinutes: number;
  capMinutes: number;
}): boolean {
  if (usedMinutes <= 0) return true;
  const reserve = reviewMinutes <= capMinutes * SHORT_SHARE ? reviewMinutes * FAIL_RESERVE : 0;
  return usedMinutes + reviewMinutes + reserve <= capMinutes + 1e-9;
}

/**
 * Does a learning or relearning step fit today? A failed question's step is served while the
 * minutes used and the step stay within the cap; past it the step waits for the next day (served
 * first then), so a day with failures does not run over the minutes.
 */
export function stepFits({
  usedMinutes,
  stepMinutes,
  capMinutes,
}: {
  usedMinutes: number;
  stepMinutes: number;
  capMinutes: number;
}): boolean {
  return usedMinutes <= 0 || usedMinutes + stepMinutes <= capMinutes + 1e-9;
}

/** Is the coming week (or the long-run load) too full for new questions? */
export function weekIsFull({
  aheadMinutes,
  dailyLoadMinutes,
  dailyMinutes,
}: {
  aheadMinutes: number;
  dailyLoadMinutes: number;
  dailyMinutes: number;
}): boolean {
  return Math.max(aheadMinutes, dailyLoadMinutes) > dailyMinutes * NEW_HEADROOM;
}

/**
 * How many of the unseen questions (their expected minutes, in serving order) today allows: none
 * on a rest day, while catching up, or when the week is full; otherwise up to the new-per-day
 * limit while the planned minutes with each question and its possible learning step fit the day.
 * A lone question may be longer than the whole budget: otherwise it would never come.
 */
export function newQuestionsAllowed({
  isDrillDay,
  catchingUp,
  weekFull,
  plannedMinutes,
  newDone,
  newPerDay,
  dailyMinutes,
  unseenMinutes,
}: {
  isDrillDay: boolean;
  catchingUp: boolean;
  weekFull: boolean;
  plannedMinutes: number;
  newDone: number;
  newPerDay: number;
  dailyMinutes: number;
  unseenMinutes: readonly number[];
}): number {
  if (!isDrillDay || catchingUp || weekFull) return 0;
  let planned = plannedMinutes;
  let count = 0;
  for (const m of unseenMinutes) {
    if (newDone + count >= newPerDay) break;
    const withStep = m * (1 + NEW_STEP_RESERVE);
    if (planned + withStep > dailyMinutes && planned > 0) break;
    planned += m;
    count++;
  }
  return count;
}

/** Is today's plan over the minutes a day (Today says there is no room for new questions)? */
export const overBudget = ({ plannedMinutes, dailyMinutes }: { plannedMinutes: number; dailyMinutes: number }) =>
  plannedMinutes > dailyMinutes;

/**
 * Is the day over its minutes only because its first question came anyway (Today explains why)?
 * `expectedMinutes` is the plan with the new questions it allows, as Today shows it.
 */
export const firstQuestionOverruns = ({
  plannedMinutes,
  expectedMinutes,
  dailyMinutes,
}: {
  plannedMinutes: number;
  expectedMinutes: number;
  dailyMinutes: number;
}) => !overBudget({ plannedMinutes, dailyMinutes }) && expectedMinutes > dailyMinutes;
