export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests and scripts: starts where it is told and moves only when asked. */
export function createFixedClock(start: Date | string) {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set(to: Date | string) {
      current = new Date(to).getTime();
    },
    advance({
      days = 0,
      hours = 0,
      minutes = 0,
      seconds = 0,
    }: {
      days?: number;
      hours?: number;
      minutes?: number;
      seconds?: number;
    }) {
      current += ((days * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000;
    },
  };
}
export type FixedClock = ReturnType<typeof createFixedClock>;
