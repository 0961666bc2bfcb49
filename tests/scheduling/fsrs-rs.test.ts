import { BindingMemoryState, FSRSBinding } from '@open-spaced-repetition/binding';
import { describe, expect, it } from 'vitest';
import {
  type CardFields,
  DEFAULT_WEIGHTS,
  type GradeValue,
  newCard,
  nextStates,
  userDaysBetween,
} from '../../src/scheduling/fsrs.js';

// Our adapter (ts-fsrs in the user's day frame) against fsrs-rs, the Rust FSRS Anki runs, through
// its Node binding: the same review history must give the same memory state.

const tokyo = { timeZone: 'Asia/Tokyo', dayStartHour: 4 };
const DESIRED = 0.9;

/** A candidate's history in Tokyo: same-day steps, reviews across 00:00 UTC, short and long gaps. */
const HISTORY: { at: string; grade: GradeValue }[] = [
  { at: '2026-03-02T23:40:00Z', grade: 1 }, // 08:40 Tuesday in Tokyo: a new question, failed
  { at: '2026-03-03T00:05:00Z', grade: 3 }, // 09:05 the same Tokyo day (the next UTC date)
  { at: '2026-03-04T12:00:00Z', grade: 3 },
  { at: '2026-03-07T10:30:00Z', grade: 2 },
  { at: '2026-03-15T14:00:00Z', grade: 3 },
  { at: '2026-03-15T14:30:00Z', grade: 1 }, // a second review the same evening, failed: a same-day step
  { at: '2026-03-16T18:00:00Z', grade: 4 }, // 03:00 on the 17th in Tokyo: still the 16th's user day
  { at: '2026-04-10T11:00:00Z', grade: 3 },
  { at: '2026-06-01T09:00:00Z', grade: 1 },
  { at: '2026-06-01T09:20:00Z', grade: 3 },
  { at: '2026-06-03T09:00:00Z', grade: 3 },
];

describe('the adapter against fsrs-rs', () => {
  it('gives fsrs-rs’s stability and difficulty for every review of a history, in the user’s days', () => {
    const rs = new FSRSBinding([...DEFAULT_WEIGHTS]);
    let card: CardFields = newCard(new Date(HISTORY[0]!.at));
    let memory: BindingMemoryState | null = null;
    let previous: number | null = null;
    for (const { at, grade } of HISTORY) {
      const now = new Date(at);
      const days = previous === null ? 0 : userDaysBetween(previous, now.getTime(), tokyo);
      const ours = nextStates({ card, now, user: tokyo, params: { desiredRetention: DESIRED, fuzz: false } })[grade];
      const next = rs.nextStates(memory, DESIRED, days);
      const theirs = [next.again, next.hard, next.good, next.easy][grade - 1]!.memory;
      const label = `${at} grade ${grade} after ${days} days`;
      // fsrs-rs computes in 32-bit floats.
      expect(ours.fields.stability, label).toBeCloseTo(theirs.stability, 2);
      expect(Math.abs(ours.fields.stability - theirs.stability) / theirs.stability, label).toBeLessThan(1e-3);
      expect(ours.fields.difficulty, label).toBeCloseTo(theirs.difficulty, 3);
      memory = new BindingMemoryState(theirs.stability, theirs.difficulty);
      card = { ...ours.fields, due: ours.fields.due || now.getTime() };
      previous = now.getTime();
    }
  });

  it('gives fsrs-rs’s interval for each grade of a reviewed card, at 90 % and 80 % desired retention', () => {
    const rs = new FSRSBinding([...DEFAULT_WEIGHTS]);
    let card: CardFields = newCard(new Date(HISTORY[0]!.at));
    let memory: BindingMemoryState | null = null;
    let previous: number | null = null;
    let compared = 0;
    for (const { at, grade } of HISTORY) {
      const now = new Date(at);
      const days = previous === null ? 0 : userDaysBetween(previous, now.getTime(), tokyo);
      for (const retention of [0.9, 0.8]) {
        const ours = nextStates({ card, now, user: tokyo, params: { desiredRetention: retention, fuzz: false } });
        const next = rs.nextStates(memory, retention, days);
        // A card already in review: each of Hard, Good and Easy gets a day interval from FSRS.
        if (card.state !== 2) continue;
        for (const g of [2, 3, 4] as const) {
          const o = ours[g];
          if (o.kind !== 'days') continue;
          const theirs = Math.max(1, Math.round([next.again, next.hard, next.good, next.easy][g - 1]!.interval));
          // ts-fsrs keeps Hard < Good < Easy at least a day apart; fsrs-rs's raw figures may tie.
          expect(Math.abs(o.targetDays - theirs), `${at} grade ${g} at ${retention}`).toBeLessThanOrEqual(
            g === 2 ? 0 : 1,
          );
          compared++;
        }
      }
      const ours = nextStates({ card, now, user: tokyo, params: { desiredRetention: DESIRED, fuzz: false } })[grade];
      const next = rs.nextStates(memory, DESIRED, days);
      const theirs = [next.again, next.hard, next.good, next.easy][grade - 1]!.memory;
      memory = new BindingMemoryState(theirs.stability, theirs.difficulty);
      card = { ...ours.fields, due: ours.fields.due || now.getTime() };
      previous = now.getTime();
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('would differ if elapsed days were UTC dates (the bug this guards against)', () => {
    // 08:40 and 09:05 in Tokyo: 0 user days, but 1 UTC date apart.
    const first = Date.parse('2026-03-02T23:40:00Z');
    const second = Date.parse('2026-03-03T00:05:00Z');
    expect(userDaysBetween(first, second, tokyo)).toBe(0);
    const rs = new FSRSBinding([...DEFAULT_WEIGHTS]);
    const afterFail = rs.nextStates(null, DESIRED, 0).again.memory;
    const sameDay = rs.nextStates(afterFail, DESIRED, 0).good.memory.stability;
    const nextDay = rs.nextStates(afterFail, DESIRED, 1).good.memory.stability;
    const card = nextStates({
      card: newCard(new Date(first)),
      now: new Date(first),
      user: tokyo,
      params: { desiredRetention: DESIRED, fuzz: false },
    })[1].fields;
    const ours = nextStates({
      card,
      now: new Date(second),
      user: tokyo,
      params: { desiredRetention: DESIRED, fuzz: false },
    })[3].fields.stability;
    expect(ours).toBeCloseTo(sameDay, 3);
    expect(Math.abs(ours - nextDay)).toBeGreaterThan(0.5);
  });
});
