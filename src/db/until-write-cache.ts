import type { Clock } from '../shared/clock.js';

/**
 * Values read from the database, kept until the next write on the connection. All of the app's
 * writes go through one connection, so a value found here is what the database would answer; the
 * age limit bounds how long a write by another process (a second server, a script) goes unseen.
 * Any write empties the whole cache: it is for pages read far more often than anything is written.
 */
export function createUntilWriteCache<V>({
  writes,
  clock,
  maxAgeMs,
  maxEntries,
}: {
  /** writeCounter(db): moves with every row the connection changes. */
  writes: () => number;
  clock: Clock;
  maxAgeMs: number;
  maxEntries: number;
}) {
  let seen = Number.NaN;
  const entries = new Map<string, { value: V; at: number }>();
  const current = () => {
    const count = writes();
    if (count !== seen) {
      entries.clear();
      seen = count;
    }
  };
  return {
    get(key: string): V | undefined {
      current();
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (clock.now().getTime() - entry.at > maxAgeMs) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    /** Keeps a value read since the last get(): a write in between (the counter moved) discards it. */
    set(key: string, value: V) {
      if (writes() !== seen) return;
      if (entries.size >= maxEntries) entries.clear();
      entries.set(key, { value, at: clock.now().getTime() });
    },
  };
}
export type UntilWriteCache<V> = ReturnType<typeof createUntilWriteCache<V>>;
