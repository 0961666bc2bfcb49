// The one definition of a streak, for the member's stats page and the coach's group page alike
// (they used to disagree: the group page broke a streak on any missed day). Pure: no database,
// no clock; the caller passes the instant and the member's day settings.
import { type DayOptions, isoWeekday, localDay, shiftDay } from '../shared/days.js';
import { TRACKS, type Track } from '../shared/validation.js';

export type Streak = { current: number; longest: number; doneToday: boolean };

/**
 * Consecutive active days up to today. A day the candidate was not expected to drill (not a
 * drill day) neither breaks nor extends the streak; today, while still open, does not break it.
 */
export function computeStreak({
  activeDays,
  isDrillDay,
  today,
}: {
  activeDays: Set<string>;
  isDrillDay: (day: string) => boolean;
  today: string;
}): Streak {
  const doneToday = activeDays.has(today);
  const days = [...activeDays].filter((d) => d <= today).sort();
  const first = days[0];
  if (!first) return { current: 0, longest: 0, doneToday };

  let longest = 0;
  let run = 0;
  for (let d = first; d <= today; d = shiftDay(d, 1)) {
    if (activeDays.has(d)) longest = Math.max(longest, ++run);
    else if (isDrillDay(d) && d !== today) run = 0;
  }

  let current = 0;
  for (let d = today; d >= first; d = shiftDay(d, -1)) {
    if (activeDays.has(d)) current++;
    else if (isDrillDay(d) && d !== today) break;
  }
  return { current, longest, doneToday };
}

export type MemberStreaks = { today: string; overall: Streak; tracks: Record<Track, Streak> };

/**
 * A member's streaks, overall and per track, in the member's own days. `activeDays` are the
 * local days (already in the member's day model) with a graded attempt in that track; a day
 * counts as a drill day overall when it is one in either track (ISO weekdays, 1 = Monday).
 */
export function memberStreaks({
  now,
  day,
  activeDays,
  drillDays,
}: {
  now: Date;
  day: DayOptions;
  activeDays: { track: Track; localDay: string }[];
  drillDays: Record<Track, readonly number[]>;
}): MemberStreaks {
  const today = localDay(now, day);
  const byTrack: Record<Track, Set<string>> = { scripting: new Set(), algorithm: new Set() };
  for (const d of activeDays) byTrack[d.track].add(d.localDay);
  const tracks = {
    scripting: computeStreak({
      activeDays: byTrack.scripting,
      isDrillDay: (d) => drillDays.scripting.includes(isoWeekday(d)),
      today,
    }),
    algorithm: computeStreak({
      activeDays: byTrack.algorithm,
      isDrillDay: (d) => drillDays.algorithm.includes(isoWeekday(d)),
      today,
    }),
  };
  const overall = computeStreak({
    activeDays: new Set([...byTrack.scripting, ...byTrack.algorithm]),
    isDrillDay: (d) => TRACKS.some((t) => drillDays[t].includes(isoWeekday(d))),
    today,
  });
  return { today, overall, tracks };
}
