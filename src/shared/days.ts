import { addDays, format, getISODay, parseISO } from 'date-fns';

// A user's "day" starts at their own hour in their own time zone (default 4 a.m.), as in Anki:
// a drill at 1 a.m. still counts for the evening before.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock time in a zone, as if it were UTC (so date arithmetic on it is plain). */
export function wallTimeMs(instant: Date, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export type DayOptions = { timeZone: string; dayStartHour: number };

/** The user's day (YYYY-MM-DD) that an instant belongs to. */
export function localDay(instant: Date, { timeZone, dayStartHour }: DayOptions): string {
  const shifted = wallTimeMs(instant, timeZone) - dayStartHour * 3_600_000;
  return new Date(shifted).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday .. 7 = Sunday) of a YYYY-MM-DD day. */
export function isoWeekday(day: string): number {
  return getISODay(parseISO(day));
}

export function shiftDay(day: string, days: number): string {
  return format(addDays(parseISO(day), days), 'yyyy-MM-dd');
}

/** Days between two YYYY-MM-DD days (b - a). */
export function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const displayFormatters = new Map<string, Intl.DateTimeFormat>();

/** "Tue 3 Dec, 14:05" in the user's zone. */
export function formatInZone(instant: Date | number, timeZone: string, withTime = true): string {
  // Building an Intl.DateTimeFormat costs far more than formatting with one (it was the top
  // self-time item of the drill page's profile): keep one per zone and variant.
  const key = `${withTime ? 't' : 'd'}:${timeZone}`;
  let f = displayFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
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

export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
