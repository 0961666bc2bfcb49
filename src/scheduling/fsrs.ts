// The only module that imports ts-fsrs: a major version bump of the package touches this file.
//
// ts-fsrs counts elapsed days as differences of UTC calendar dates (dateDiffInDays), and puts a
// review's due date whole days after the review instant. A question is due for the user's whole
// day, and two reviews at 08:40 and 09:05 in Tokyo are the same day. So every instant goes into
// the user's *day frame* before ts-fsrs sees it: t' = wall time in the user's zone, minus the
// day-start hour, read as UTC. The UTC date of t' is the user's day, so ts-fsrs's day arithmetic
// on t' counts the user's days (DST included: wall time does not jump by 24 h across a switch).
// Learning steps are minutes, and come back as minutes after the real review instant.
import {
  type Card,
  createEmptyCard,
  dateDiffInDays,
  default_w,
  type FSRS,
  fsrs,
  type Grade,
  generatorParameters,
  get_fuzz_range,
  Rating,
  type State,
  StrategyMode,
  type TLearningStepsStrategy,
} from 'ts-fsrs';
import { type DayOptions, dayStart, localDay, shiftDay, wallTimeMs } from '../shared/days.js';

export type GradeValue = 1 | 2 | 3 | 4;
export const GRADES: readonly GradeValue[] = [1, 2, 3, 4];
export const GRADE_NAMES: Record<GradeValue, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };
export const STATE_NAMES = ['New', 'Learning', 'Review', 'Relearning'] as const;
export const CardState = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
/** FSRS-6 default weights (21 numbers), shared by both tracks until a user optimises their own. */
export const DEFAULT_WEIGHTS: readonly number[] = [...default_w];

/** What the cards table persists: everything ts-fsrs needs, times in epoch ms. */
export type CardFields = {
  /** Learning and relearning: the exact instant. Review: the start of the user day it is due. */
  due: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: number | null;
};

/** Just the scheduling fields of a card row (rows carry ids and owners too). */
export const cardFieldsOf = (c: CardFields): CardFields => ({
  due: c.due,
  stability: c.stability,
  difficulty: c.difficulty,
  scheduledDays: c.scheduledDays,
  learningSteps: c.learningSteps,
  reps: c.reps,
  lapses: c.lapses,
  state: c.state,
  lastReview: c.lastReview,
});

export type SchedulerParams = {
  desiredRetention: number;
  /** The user's own optimised weights, or null for the defaults. */
  weights?: readonly number[] | null;
  fuzz: boolean;
};

// A timed interview question takes tens of minutes, so Anki's default 1-minute step makes no
// sense: a failed question comes back once, ten minutes later, in the same drill.
export const LEARNING_STEP_MINUTES = 10;
const LEARNING_STEPS = [`${LEARNING_STEP_MINUTES}m`] as const;
const RELEARNING_STEPS = [`${LEARNING_STEP_MINUTES}m`] as const;
// Only a failure repeats a step: Hard on a 30-minute question graduates to a review day instead of
// coming back a quarter of an hour later (ts-fsrs's default strategy repeats the step on Hard).
const onlyAgainRepeats: TLearningStepsStrategy = () => ({
  [Rating.Again]: { scheduled_minutes: LEARNING_STEP_MINUTES, next_step: 0 },
});
const MAX_INTERVAL_DAYS = 36500;

const schedulers = new Map<string, FSRS>();

function schedulerFor({ desiredRetention, weights, fuzz }: SchedulerParams): FSRS {
  const key = `${desiredRetention}|${fuzz}|${weights ? weights.join(',') : ''}`;
  let f = schedulers.get(key);
  if (!f) {
    // FSRS weights are shared by both tracks (the srs-benchmark finds per-preset weights no
    // better); tracks differ in retention, limits, budgets and drill days.
    f = fsrs(
      generatorParameters({
        request_retention: desiredRetention,
        maximum_interval: MAX_INTERVAL_DAYS,
        enable_fuzz: fuzz,
        enable_short_term: true,
        learning_steps: [...LEARNING_STEPS],
        relearning_steps: [...RELEARNING_STEPS],
        ...(weights ? { w: [...weights] } : {}),
      }),
    ).useStrategy(StrategyMode.LEARNING_STEPS, onlyAgainRepeats);
    if (schedulers.size > 256) schedulers.clear();
    schedulers.set(key, f);
  }
  return f;
}

/** An instant in the user's day frame (see the top of this file). */
export function toDayFrame(instant: number, user: DayOptions): number {
  return wallTimeMs(new Date(instant), user.timeZone) - user.dayStartHour * 3_600_000;
}

/** Whole user days from one instant to another (the elapsed days FSRS sees). */
export function userDaysBetween(from: number, to: number, user: DayOptions): number {
  return dateDiffInDays(new Date(toDayFrame(from, user)), new Date(toDayFrame(to, user)));
}

function toFsrsCard(c: CardFields, user: DayOptions): Card {
  const lastReview = c.lastReview === null ? undefined : new Date(toDayFrame(c.lastReview, user));
  return {
    due: new Date(toDayFrame(c.due, user)),
    stability: c.stability,
    difficulty: c.difficulty,
    // Deprecated in ts-fsrs 5 and derived from last_review; kept for the type only.
    elapsed_days: 0,
    scheduled_days: c.scheduledDays,
    learning_steps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as State,
    ...(lastReview ? { last_review: lastReview } : {}),
  };
}

export function newCard(now: Date): CardFields {
  const c = createEmptyCard(now);
  return {
    due: now.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    state: CardState.New,
    lastReview: null,
  };
}

/**
 * What one grade does to a card, before the day is chosen. `minutes`: a learning step, due at an
 * exact instant. `days`: a review interval; FSRS's target, and the fuzz range the day may be
 * picked from (a single day without fuzz). The caller picks the day (load balancing, drill days,
 * the interview cap) and turns it into fields with `withDueDay`.
 */
export type GradeOutcome =
  | { kind: 'minutes'; fields: CardFields; minutes: number }
  | {
      kind: 'days';
      fields: CardFields;
      /** FSRS's interval before fuzz. */
      targetDays: number;
      /** ts-fsrs's fuzzed interval: the random pick that spreads cards learned together. */
      fuzzedDays: number;
      minDays: number;
      maxDays: number;
      /** The day the review happens (the user's day of `now`). */
      reviewDay: string;
    };

/** All four grades' outcomes for a card reviewed now, in the user's days. */
export function nextStates({
  card,
  now,
  user,
  params,
}: {
  card: CardFields;
  now: Date;
  user: DayOptions;
  params: SchedulerParams;
}): Record<GradeValue, GradeOutcome> {
  const nowFrame = new Date(toDayFrame(now.getTime(), user));
  const input = toFsrsCard(card, user);
  // Without fuzz for FSRS's own interval (and its Hard < Good < Easy order); with fuzz for the
  // random pick inside the range. Stability and difficulty do not depend on fuzz.
  const exact = schedulerFor({ ...params, fuzz: false }).repeat(input, nowFrame);
  const fuzzed = params.fuzz ? schedulerFor(params).repeat(input, nowFrame) : exact;
  const elapsed =
    card.state === CardState.New || card.lastReview === null ? 0 : dateDiffInDays(input.last_review as Date, nowFrame);
  const reviewDay = localDay(now, user);
  const out = {} as Record<GradeValue, GradeOutcome>;
  for (const grade of GRADES) {
    const next = exact[grade as Grade].card;
    const base: CardFields = {
      due: 0,
      stability: next.stability,
      difficulty: next.difficulty,
      scheduledDays: next.scheduled_days,
      learningSteps: next.learning_steps,
      reps: next.reps,
      lapses: next.lapses,
      state: next.state,
      lastReview: now.getTime(),
    };
    if (next.state === CardState.Learning || next.state === CardState.Relearning) {
      const minutes = Math.round((next.due.getTime() - nowFrame.getTime()) / 60_000);
      out[grade] = {
        kind: 'minutes',
        minutes,
        fields: { ...base, scheduledDays: 0, due: now.getTime() + minutes * 60_000 },
      };
      continue;
    }
    const targetDays = next.scheduled_days;
    const fuzzedDays = fuzzed[grade as Grade].card.scheduled_days;
    // ts-fsrs does not fuzz under 2.5 days; a 2-day interval may still move a day either way so a
    // question of tens of minutes can go where there is room (R at 1 and 3 days brackets 2's).
    const range = !params.fuzz
      ? null
      : targetDays >= 2.5
        ? get_fuzz_range(targetDays, elapsed, MAX_INTERVAL_DAYS)
        : targetDays === 2
          ? { min_ivl: 1, max_ivl: 3 }
          : null;
    const minDays = Math.min(range ? range.min_ivl : targetDays, fuzzedDays);
    const maxDays = Math.max(range ? range.max_ivl : targetDays, fuzzedDays);
    out[grade] = {
      kind: 'days',
      fields: base,
      targetDays,
      fuzzedDays,
      minDays,
      maxDays,
      reviewDay,
    };
  }
  return out;
}

/** A review outcome due on a chosen user day: due is that day's start (its rollover instant). */
export function withDueDay({
  fields,
  reviewDay,
  dueDay,
  user,
}: {
  fields: CardFields;
  reviewDay: string;
  dueDay: string;
  user: DayOptions;
}): CardFields {
  const days = Math.max(
    0,
    Math.round((Date.parse(`${dueDay}T00:00:00Z`) - Date.parse(`${reviewDay}T00:00:00Z`)) / 86_400_000),
  );
  return { ...fields, scheduledDays: days, due: dayStart(dueDay, user) };
}

/** The user day `days` after the review day. */
export const dayAfter = (reviewDay: string, days: number) => shiftDay(reviewDay, days);

/** Probability of recall now (0..1), counting the user's days since the last review; a new card has none. */
export function retrievability({
  card,
  now,
  user,
  weights,
}: {
  card: CardFields;
  now: Date;
  user: DayOptions;
  weights?: readonly number[] | null;
}): number {
  return retrievabilityAt({ card, at: now, user, weights });
}

/**
 * Probability of recall at a later (or earlier) instant, as if the card were not reviewed in
 * between: what the candidate would still remember on, say, the interview day.
 */
export function retrievabilityAt({
  card,
  at,
  user,
  weights,
}: {
  card: CardFields;
  at: Date;
  user: DayOptions;
  weights?: readonly number[] | null;
}): number {
  if (card.state === CardState.New || card.lastReview === null) return 0;
  if (at.getTime() <= card.lastReview) return 1;
  const days = userDaysBetween(card.lastReview, at.getTime(), user);
  return forgettingCurve({ days, stability: card.stability, weights });
}

/** FSRS's forgetting curve: recall probability after `days` at a stability. */
export function forgettingCurve({
  days,
  stability,
  weights,
}: {
  days: number;
  stability: number;
  weights?: readonly number[] | null;
}): number {
  return schedulerFor({ desiredRetention: 0.9, fuzz: false, weights: weights ?? null }).forgetting_curve(
    Math.max(0, days),
    stability,
  );
}

/**
 * FSRS's memory model on its own: stability and difficulty after a review `days` days after the
 * previous one (null memory: a first review). The simulation's "true memory" of a candidate.
 */
export function memoryAfter({
  memory,
  days,
  grade,
  weights,
}: {
  memory: { stability: number; difficulty: number } | null;
  days: number;
  grade: GradeValue;
  weights?: readonly number[] | null;
}): { stability: number; difficulty: number } {
  const f = schedulerFor({ desiredRetention: 0.9, fuzz: false, weights: weights ?? null });
  return f.next_state(memory ?? { difficulty: 0, stability: 0 }, Math.max(0, days), grade as Grade);
}

/** FSRS's interval (whole days, at least 1) for a stability at a desired retention, without fuzz. */
export function intervalDays({
  stability,
  desiredRetention,
  weights,
}: {
  stability: number;
  desiredRetention: number;
  weights?: readonly number[] | null;
}): number {
  return schedulerFor({ desiredRetention, fuzz: false, weights: weights ?? null }).next_interval(stability, 0);
}
