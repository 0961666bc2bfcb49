// A user's "day" starts at their own hour in their own time zone (default 4 a.m.), as in Anki:
// a drill at 1 a.m. still counts for the evening before.

/**
 * A Map that forgets its least recently used entry past `max`. Intl.DateTimeFormat objects cost
 * about 35 KB each and zone names are user input ("asia/tokyo", "ASIA/TOKYO", "Japan" are one
 * zone): unbounded caches keyed by spelling grew without limit.
 */
class LruMap<K, V> {
  readonly #map = new Map<K, V>();
  constructor(readonly max: number) {}
  get(key: K): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined && this.#map.size > 1) {
      // Re-inserting moves the key to the end of Map's insertion order: the newest.
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }
  set(key: K, value: V) {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.max) this.#map.delete(this.#map.keys().next().value as K);
  }
  get size() {
    return this.#map.size;
  }
}

// ICU knows about 420 canonical zones; a self-hosted install sees a handful. Beyond these caps
// the least recently used formatter is rebuilt when needed, which is correct, only slower.
const MAX_ZONES = 64;
const MAX_SPELLINGS = 256;

/** Spelling as given -> canonical zone name (null: not a zone). Stored zones are canonical already. */
const canonicalNames = new LruMap<string, string | null>(MAX_SPELLINGS);

/**
 * The zone's canonical name as ICU resolves it ("asia/tokyo" and "Japan" -> "Asia/Tokyo"), or
 * undefined when it is not a time zone. Every stored zone goes through this.
 */
export function canonicalTimeZone(timeZone: string): string | undefined {
  const known = canonicalNames.get(timeZone);
  if (known !== undefined) return known ?? undefined;
  let canonical: string | null;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    canonical = null;
  }
  canonicalNames.set(timeZone, canonical);
  return canonical ?? undefined;
}

export function isValidTimeZone(timeZone: string): boolean {
  return canonicalTimeZone(timeZone) !== undefined;
}

/** Canonical, or the input unchanged when it is no zone (Intl then throws its own clear error). */
const cacheKeyFor = (timeZone: string) => canonicalTimeZone(timeZone) ?? timeZone;

const formatters = new LruMap<string, Intl.DateTimeFormat>(MAX_ZONES);

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const zone = cacheKeyFor(timeZone);
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** wallTimeMs the slow, exact way: ICU's calendar fields for the instant. */
export function exactWallTimeMs(instant: Date, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** zone|UTC day -> the zone's offset through that whole day, or null when it changes inside it. */
const dayOffsets = new LruMap<string, number | null>(16_384);
/** zone|UTC hour -> the same for an hour of a day that holds a clock change. */
const hourOffsets = new LruMap<string, number | null>(8192);
/** The last day looked up: the load balancer asks for runs of instants on the same day. */
let lastDay = { zone: '', day: Number.NaN, offset: 0 };

function offsetOver(timeZone: string, first: number, length: number): number | null {
  const last = first + length - 1000;
  const a = exactWallTimeMs(new Date(first), timeZone) - first;
  const b = exactWallTimeMs(new Date(last), timeZone) - last;
  return a === b ? a : null;
}

/**
 * Wall-clock time in a zone, as if it were UTC (so date arithmetic on it is plain), to the second.
 * formatToParts costs microseconds and a drill request asks hundreds of times (every due date of
 * the load balancer, months ahead): the offset is kept per zone and UTC day, checked at both ends
 * of the day; a day holding a clock change is kept per hour the same way, and an hour holding
 * the change itself is computed exactly.
 */
export function wallTimeMs(instant: Date, timeZone: string): number {
  const ms = instant.getTime();
  const seconds = Math.floor(ms / 1000) * 1000;
  const day = Math.floor(ms / DAY_MS);
  if (lastDay.day === day && lastDay.zone === timeZone) return seconds + lastDay.offset;
  const zone = cacheKeyFor(timeZone);
  const dayKey = `${zone}|${day}`;
  let offset = dayOffsets.get(dayKey);
  if (offset === undefined) {
    offset = offsetOver(timeZone, day * DAY_MS, DAY_MS);
    dayOffsets.set(dayKey, offset);
  }
  if (offset !== null) {
    lastDay = { zone: timeZone, day, offset };
    return seconds + offset;
  }
  const hour = Math.floor(ms / HOUR_MS);
  const hourKey = `${zone}|h${hour}`;
  let hourOffset = hourOffsets.get(hourKey);
  if (hourOffset === undefined) {
    hourOffset = offsetOver(timeZone, hour * HOUR_MS, HOUR_MS);
    hourOffsets.set(hourKey, hourOffset);
  }
  return hourOffset === null ? exactWallTimeMs(instant, timeZone) : seconds + hourOffset;
}

export type DayOptions = { timeZone: string; dayStartHour: number };

/** The user's day (YYYY-MM-DD) that an instant belongs to. */
export function localDay(instant: Date, { timeZone, dayStartHour }: DayOptions): string {
  const shifted = wallTimeMs(instant, timeZone) - dayStartHour * 3_600_000;
  return dayName(Math.floor(shifted / DAY_MS));
}

// Day names and day numbers (days since 1970-01-01) both ways, remembered: the scheduler turns
// every due instant of a window into a day and moves days back and forth: building and parsing
// ISO strings through Date took about 4% of the open + submit + grade bench's CPU.
// A plain Map cleared when full: the days in use at once are a few years' worth.
const MAX_DAYS = 4096;
const dayNames = new Map<number, string>();
const dayNumbers = new Map<string, number>();
const remember = <K, V>(map: Map<K, V>, key: K, value: V) => {
  if (map.size >= MAX_DAYS) map.clear();
  map.set(key, value);
  return value;
};
const dayName = (n: number): string =>
  dayNames.get(n) ?? remember(dayNames, n, new Date(n * DAY_MS).toISOString().slice(0, 10));
/** NaN for what is not a day, as before: dayName(NaN) throws RangeError, isoWeekday gives NaN. */
const dayNumber = (day: string): number => {
  const known = dayNumbers.get(day);
  if (known !== undefined) return known;
  const n = Date.parse(`${day}T00:00:00Z`) / DAY_MS;
  return Number.isNaN(n) ? n : remember(dayNumbers, day, n);
};

/** ISO weekday (1 = Monday .. 7 = Sunday) of a YYYY-MM-DD day. */
export function isoWeekday(day: string): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1;
}

/** A YYYY-MM-DD day moved by whole calendar days (UTC arithmetic: days have no zone). */
export function shiftDay(day: string, days: number): string {
  return dayName(dayNumber(day) + days);
}

/** Days between two YYYY-MM-DD days (b - a). */
export function dayDiff(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

const displayFormatters = new LruMap<string, Intl.DateTimeFormat>(2 * MAX_ZONES);

/** "Tue 3 Dec, 14:05" in the user's zone. */
export function formatInZone(instant: Date | number, timeZone: string, withTime = true): string {
  // Building an Intl.DateTimeFormat costs far more than formatting with one (it was the top
  // self-time item of the drill page's profile): keep one per zone and variant.
  const zone = cacheKeyFor(timeZone);
  const key = `${withTime ? 't' : 'd'}:${zone}`;
  let f = displayFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    displayFormatters.set(key, f);
  }
  // Labels are per minute (or day), and pages show the same few instants again and again (a
  // drill's deadline on every refresh): remember recent ones rather than format each time.
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const labelKey = `${key}:${Math.floor(ms / 60_000)}`;
  let label = recentLabels.get(labelKey);
  if (label === undefined) {
    label = f.format(new Date(ms));
    if (recentLabels.size >= 10_000) recentLabels.clear();
    recentLabels.set(labelKey, label);
  }
  return label;
}
const recentLabels = new Map<string, string>();

/** How many entries each time-zone cache holds (tests check they stay bounded). */
export function timeZoneCacheSizes() {
  return {
    canonicalNames: canonicalNames.size,
    formatters: formatters.size,
    displayFormatters: displayFormatters.size,
    recentLabels: recentLabels.size,
    dayOffsets: dayOffsets.size,
    hourOffsets: hourOffsets.size,
  };
}

/** The caps of the caches above. */
export const TIME_ZONE_CACHE_LIMITS = {
  canonicalNames: MAX_SPELLINGS,
  formatters: MAX_ZONES,
  displayFormatters: 2 * MAX_ZONES,
  recentLabels: 10_000,
  dayOffsets: 16_384,
  hourOffsets: 8192,
};

export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export const WEEKDAY_LONG_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

/** The first day after `day` that is one of `drillDays` (ISO weekdays); the next day if there is none. */
export function nextDrillDay(day: string, drillDays: readonly number[]): string {
  for (let i = 1; i <= 7; i++) {
    const next = shiftDay(day, i);
    if (drillDays.includes(isoWeekday(next))) return next;
  }
  return shiftDay(day, 1);
}

const dayStarts = new LruMap<string, number>(4096);

/**
 * The first instant of a user's day (its rollover), in epoch ms: the smallest instant whose
 * localDay is `day`. DST-safe: where the day-start hour does not exist (clocks jump past it), the
 * day starts when the clocks land after the jump; where it exists twice, at the first.
 */
export function dayStart(day: string, opts: DayOptions): number {
  const key = `${cacheKeyFor(opts.timeZone)}|${opts.dayStartHour}|${day}`;
  const known = dayStarts.get(key);
  if (known !== undefined) return known;
  // The wall-clock target read as UTC; the instant lies within a day of it whatever the offset.
  const target = Date.parse(`${day}T00:00:00Z`) + opts.dayStartHour * 3_600_000;
  let lo = target - 30 * 3_600_000; // surely before the day
  let hi = target + 30 * 3_600_000; // surely inside or after it
  // Offsets are whole minutes: a binary search to the minute, then the exact minute boundary.
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (localDay(new Date(mid), opts) >= day) hi = mid;
    else lo = mid;
  }
  dayStarts.set(key, hi);
  return hi;
}

/** The user's day an instant belongs to, with where it starts and where the next one starts. */
export function dayBounds(instant: Date, opts: DayOptions): { day: string; start: number; next: number } {
  const day = localDay(instant, opts);
  return { day, start: dayStart(day, opts), next: dayStart(shiftDay(day, 1), opts) };
}
