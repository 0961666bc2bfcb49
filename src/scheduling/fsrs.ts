// The only module that imports ts-fsrs: a major version bump of the package touches this file.
import { type Card, createEmptyCard, type FSRS, fsrs, type Grade, generatorParameters, type State } from 'ts-fsrs';

export type GradeValue = 1 | 2 | 3 | 4;
export const GRADE_NAMES: Record<GradeValue, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };
export const STATE_NAMES = ['New', 'Learning', 'Review', 'Relearning'] as const;
export const CardState = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;

/** What the cards table persists: everything ts-fsrs needs, times in epoch ms. */
export type CardFields = {
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

export type SchedulerOptions = { desiredRetention: number; maximumIntervalDays?: number; fuzz: boolean };

// A timed interview question takes tens of minutes, so Anki's default 1-minute step makes no
// sense: a failed question comes back once, ten minutes later, in the same drill.
const LEARNING_STEPS = ['10m'] as const;
const RELEARNING_STEPS = ['10m'] as const;

const schedulers = new Map<string, FSRS>();

function schedulerFor({ desiredRetention, maximumIntervalDays = 36500, fuzz }: SchedulerOptions): FSRS {
  const key = `${desiredRetention}|${maximumIntervalDays}|${fuzz}`;
  let f = schedulers.get(key);
  if (!f) {
    // FSRS weights are shared by both tracks (the srs-benchmark finds per-preset weights no
    // better); tracks differ in retention, limits, budgets and drill days.
    f = fsrs(
      generatorParameters({
        request_retention: desiredRetention,
        maximum_interval: Math.max(1, Math.floor(maximumIntervalDays)),
        enable_fuzz: fuzz,
        enable_short_term: true,
        learning_steps: [...LEARNING_STEPS],
        relearning_steps: [...RELEARNING_STEPS],
      }),
    );
    schedulers.set(key, f);
  }
  return f;
}

function toFsrsCard(c: CardFields, now: Date): Card {
  const lastReview = c.lastReview === null ? undefined : new Date(c.lastReview);
  return {
    due: new Date(c.due),
    stability: c.stability,
    difficulty: c.difficulty,
    // Deprecated in ts-fsrs 5 and derived from last_review; kept for the type only.
    elapsed_days: lastReview ? Math.max(0, Math.floor((now.getTime() - lastReview.getTime()) / 86_400_000)) : 0,
    scheduled_days: c.scheduledDays,
    learning_steps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as State,
    ...(lastReview ? { last_review: lastReview } : {}),
  };
}

function fromFsrsCard(c: Card): CardFields {
  return {
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    lastReview: c.last_review ? c.last_review.getTime() : null,
  };
}

export function newCard(now: Date): CardFields {
  return fromFsrsCard(createEmptyCard(now));
}

export function review({
  card,
  now,
  grade,
  options,
}: {
  card: CardFields;
  now: Date;
  grade: GradeValue;
  options: SchedulerOptions;
}): CardFields {
  const result = schedulerFor(options).next(toFsrsCard(card, now), now, grade as unknown as Grade);
  return fromFsrsCard(result.card);
}

/** Probability of recall now (0..1); a new card has none to speak of, so 0. */
export function retrievability({ card, now }: { card: CardFields; now: Date }): number {
  if (card.state === CardState.New) return 0;
  return schedulerFor({ desiredRetention: 0.9, fuzz: false }).get_retrievability(toFsrsCard(card, now), now, false);
}

/**
 * Probability of recall at a later (or earlier) instant, as if the card were not reviewed in
 * between: what the candidate would still remember on, say, the interview day.
 */
export function retrievabilityAt({ card, at }: { card: CardFields; at: Date }): number {
  if (card.state === CardState.New || card.lastReview === null) return 0;
  if (at.getTime() <= card.lastReview) return 1;
  return schedulerFor({ desiredRetention: 0.9, fuzz: false }).get_retrievability(toFsrsCard(card, at), at, false);
}
