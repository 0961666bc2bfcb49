import { z } from 'zod';
import { matchesFocus } from '../drills/queue.js';
import type { Catalog } from '../questions/catalog.js';
import type { Difficulty } from '../questions/question.schema.js';
import { CardState, cardFieldsOf, retrievabilityAt } from '../scheduling/fsrs.js';
import { dueDayOf } from '../scheduling/planner.js';
import { budgetMinutes } from '../scheduling/presets.js';
import type { SettingsRepository } from '../settings/settings.repository.js';
import type { Clock } from '../shared/clock.js';
import { dayDiff, isoWeekday, localDay, shiftDay } from '../shared/days.js';
import { TRACKS, type Track } from '../shared/validation.js';
import {
  computeForecast,
  computeRetention,
  daysBetween,
  type Forecast,
  median,
  type RetentionWindow,
} from './stats.compute.js';
import { StatsUserNotFoundError } from './stats.errors.js';
import type { StatsAttempt, StatsCard, StatsRepository, StatsUser } from './stats.repository.js';
import { memberStreaks, type Streak } from './streaks.js';

export const DIFFICULTIES: readonly Difficulty[] = ['Easy', 'Medium', 'Hard'];
const DAY_MS = 86_400_000;
const TOPIC_ROWS = 8;
/** A topic needs this many attempts before its pass rate says anything. */
const TOPIC_MIN_ATTEMPTS = 3;

export type HeatDay = { day: string; all: number; scripting: number; algorithm: number };
export type BudgetRow = {
  difficulty: Difficulty;
  count: number;
  median: number | null;
  median30: number | null;
  overtimeShare: number | null;
};
export type BudgetMonth = { month: string; byDifficulty: Record<Difficulty, { median: number | null; count: number }> };
export type TopicRow = {
  track: Track;
  topic: string;
  attempts: number;
  passed: number;
  passRate: number;
  lapses: number;
};
export type InterviewTrack = {
  track: Track;
  bankSize: number;
  seen: number;
  seenShare: number;
  expectedRecall: number | null;
  expectedRecalled: number;
  /** Seen questions still due after the interview: scheduled before the date was set. */
  dueAfter: number;
};
export type Interview = { date: string; daysLeft: number; tracks: InterviewTrack[] };
export type PaceTrack = {
  track: Track;
  /** Questions in scope: the focus when one is set, else the track's bank. */
  scopeLabel: string;
  total: number;
  seen: number;
  drillDaysLeft: number;
  newPerDrillDay: number;
  projected: number;
  /** New questions per drill day that would cover the rest before the interview (null: on pace). */
  neededPerDay: number | null;
  sentence: string;
  suggestion: string;
};
/** Days of history the pace is measured on. */
const PACE_WINDOW_DAYS = 14;

export type Stats = {
  user: { id: number; username: string; timeZone: string; dayStartHour: number };
  today: string;
  gradedLastYear: number;
  streaks: { overall: Streak; tracks: Record<Track, Streak & { drillDays: number[] }> };
  heatmap: { from: string; to: string; days: HeatDay[] };
  forecast: Record<Track, Forecast>;
  retention: Record<Track, RetentionWindow[]>;
  budget: Record<Track, { rows: BudgetRow[]; months: BudgetMonth[] }>;
  topics: { lowestPass: TopicRow[]; mostLapses: TopicRow[] };
  interview: Interview | null;
};

/** The form: a calendar date, or empty to clear. */
export const interviewFormSchema = z.object({
  interviewDate: z
    .string({ message: 'interview date must be a date' })
    .trim()
    .max(10, 'interview date must look like 2026-06-30')
    .refine(
      (v) =>
        v === '' ||
        (/^\d{4}-\d{2}-\d{2}$/.test(v) &&
          !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
          new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)),
      'interview date must be a real date like 2026-06-30',
    )
    .default(''),
  action: z.enum(['save', 'clear'], { message: 'unknown action' }).default('save'),
});

export function createStatsService({
  statsRepository,
  settingsRepository,
  catalog,
  clock,
}: {
  statsRepository: StatsRepository;
  settingsRepository: SettingsRepository;
  catalog: Catalog;
  clock: Clock;
}) {
  function userOrThrow(userId: number) {
    const user = statsRepository.findUser({ userId });
    if (!user) throw new StatsUserNotFoundError();
    return user;
  }

  function interviewFor({
    interviewDate,
    today,
    now,
    cards,
    user,
  }: {
    interviewDate: string | null;
    today: string;
    now: Date;
    cards: StatsCard[];
    user: StatsUser;
  }): Interview | null {
    if (!interviewDate) return null;
    const { weights } = settingsRepository.getScheduling({ userId: user.id });
    const daysLeft = dayDiff(today, interviewDate);
    // Same time of day on the interview day: close enough for a forgetting curve measured in days.
    const at = new Date(now.getTime() + Math.max(0, daysLeft) * DAY_MS);
    return {
      date: interviewDate,
      daysLeft,
      tracks: TRACKS.map((track) => {
        const bankSize = catalog.active(track).length;
        const seen = cards.filter((c) => c.track === track);
        const recall = seen.map((c) => retrievabilityAt({ card: cardFieldsOf(c), at, user, weights }));
        const sum = recall.reduce((s, r) => s + r, 0);
        return {
          track,
          bankSize,
          seen: seen.length,
          seenShare: bankSize ? seen.length / bankSize : 0,
          expectedRecall: seen.length ? sum / seen.length : null,
          expectedRecalled: Math.round(sum),
          // Due on the interview day or later: scheduled before the date was set.
          dueAfter: seen.filter((c) => c.state === CardState.Review && dueDayOf(c, user) >= interviewDate).length,
        };
      }),
    };
  }

  function budgetFor(attempts: StatsAttempt[], today: string): { rows: BudgetRow[]; months: BudgetMonth[] } {
    const from30 = shiftDay(today, -29);
    const withRatio = attempts
      .filter((a) => a.durationSeconds !== null && a.budgetSeconds > 0)
      .map((a) => ({
        a,
        ratio: (a.durationSeconds ?? 0) / a.budgetSeconds,
        difficulty: catalog.get(a.questionId)?.difficulty ?? 'Medium',
      }));
    const rows = DIFFICULTIES.map((difficulty) => {
      const mine = withRatio.filter((r) => r.difficulty === difficulty);
      return {
        difficulty,
        count: mine.length,
        median: median(mine.map((r) => r.ratio)),
        median30: median(mine.filter((r) => r.a.localDay >= from30).map((r) => r.ratio)),
        overtimeShare: mine.length ? mine.filter((r) => r.ratio > 1).length / mine.length : null,
      };
    });
    const months: BudgetMonth[] = [];
    const thisMonth = today.slice(0, 7);
    for (let i = 11; i >= 0; i--) {
      const d = new Date(`${thisMonth}-01T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() - i);
      const month = d.toISOString().slice(0, 7);
      const inMonth = withRatio.filter((r) => r.a.localDay.startsWith(month));
      const byDifficulty = Object.fromEntries(
        DIFFICULTIES.map((difficulty) => {
          const ratios = inMonth.filter((r) => r.difficulty === difficulty).map((r) => r.ratio);
          return [difficulty, { median: median(ratios), count: ratios.length }];
        }),
      ) as Record<Difficulty, { median: number | null; count: number }>;
      months.push({ month, byDifficulty });
    }
    return { rows, months };
  }

  function topicsFor(attempts: StatsAttempt[], cards: StatsCard[]) {
    const rows = new Map<string, TopicRow>();
    const row = (track: Track, topic: string) => {
      const key = `${track}|${topic}`;
      let r = rows.get(key);
      if (!r) {
        r = { track, topic, attempts: 0, passed: 0, passRate: 0, lapses: 0 };
        rows.set(key, r);
      }
      return r;
    };
    for (const a of attempts) {
      for (const topic of catalog.get(a.questionId)?.topics ?? []) {
        const r = row(a.track, topic);
        r.attempts++;
        if (a.finalGrade >= 2) r.passed++;
      }
    }
    for (const c of cards) {
      if (!c.lapses) continue;
      for (const topic of catalog.get(c.questionId)?.topics ?? []) row(c.track, topic).lapses += c.lapses;
    }
    const all = [...rows.values()].map((r) => ({ ...r, passRate: r.attempts ? r.passed / r.attempts : 0 }));
    return {
      lowestPass: all
        .filter((r) => r.attempts >= TOPIC_MIN_ATTEMPTS)
        .sort((a, b) => a.passRate - b.passRate || b.attempts - a.attempts || a.topic.localeCompare(b.topic))
        .slice(0, TOPIC_ROWS),
      mostLapses: all
        .filter((r) => r.lapses > 0)
        .sort((a, b) => b.lapses - a.lapses || a.passRate - b.passRate || a.topic.localeCompare(b.topic))
        .slice(0, TOPIC_ROWS),
    };
  }

  return {
    /**
     * Everything the stats page shows for one user, in that user's own days. Authorization is the
     * caller's: a candidate asks for themself; a coach's service checks membership first.
     */
    buildStats({ userId }: { userId: number }): Stats {
      const user = userOrThrow(userId);
      const now = clock.now();
      const today = localDay(now, user);
      const yearFrom = shiftDay(today, -364);
      const attempts = statsRepository.gradedAttemptsSince({ userId, fromDay: yearFrom });
      const cards = statsRepository.activeCards({ userId });
      const presets = {
        scripting: settingsRepository.getPreset({ userId, track: 'scripting' }),
        algorithm: settingsRepository.getPreset({ userId, track: 'algorithm' }),
      };

      const streaks = memberStreaks({
        now,
        day: user,
        activeDays: statsRepository.activeDays({ userId }),
        drillDays: { scripting: presets.scripting.drillDays, algorithm: presets.algorithm.drillDays },
      });
      const trackStreak = (track: Track) => ({ ...streaks.tracks[track], drillDays: presets[track].drillDays });
      const overall = streaks.overall;

      const perDay = new Map<string, HeatDay>();
      for (const a of attempts) {
        let h = perDay.get(a.localDay);
        if (!h) {
          h = { day: a.localDay, all: 0, scripting: 0, algorithm: 0 };
          perDay.set(a.localDay, h);
        }
        h.all++;
        h[a.track]++;
      }

      const byTrack = (track: Track) => attempts.filter((a) => a.track === track);
      return {
        user: { id: user.id, username: user.username, timeZone: user.timeZone, dayStartHour: user.dayStartHour },
        today,
        gradedLastYear: attempts.length,
        streaks: { overall, tracks: { scripting: trackStreak('scripting'), algorithm: trackStreak('algorithm') } },
        heatmap: {
          from: yearFrom,
          to: today,
          days: daysBetween(yearFrom, today).map(
            (day) => perDay.get(day) ?? { day, all: 0, scripting: 0, algorithm: 0 },
          ),
        },
        forecast: {
          scripting: computeForecast({
            dueDays: cards.filter((c) => c.track === 'scripting').map((c) => dueDayOf(c, user)),
            today,
          }),
          algorithm: computeForecast({
            dueDays: cards.filter((c) => c.track === 'algorithm').map((c) => dueDayOf(c, user)),
            today,
          }),
        },
        retention: {
          scripting: computeRetention({ attempts: byTrack('scripting'), today }),
          algorithm: computeRetention({ attempts: byTrack('algorithm'), today }),
        },
        budget: {
          scripting: budgetFor(byTrack('scripting'), today),
          algorithm: budgetFor(byTrack('algorithm'), today),
        },
        topics: topicsFor(attempts, cards),
        interview: interviewFor({ interviewDate: user.interviewDate, today, now, cards, user }),
      };
    },

    /** Just the interview readiness (for the Today page). */
    interview({ userId }: { userId: number }): Interview | null {
      const user = userOrThrow(userId);
      if (!user.interviewDate) return null;
      const now = clock.now();
      return interviewFor({
        interviewDate: user.interviewDate,
        today: localDay(now, user),
        now,
        cards: statsRepository.activeCards({ userId }),
        user,
      });
    },

    /**
     * With an interview date: "at this pace you will see N of M before the interview", per track,
     * and the new questions a day (and minutes) that would cover the rest. The pace is the new
     * questions per drill day over the last two weeks, or the settings' limit before that.
     */
    pace({ userId }: { userId: number }): { daysLeft: number; tracks: PaceTrack[] } | null {
      const user = userOrThrow(userId);
      if (!user.interviewDate) return null;
      const today = localDay(clock.now(), user);
      const lastDay = shiftDay(user.interviewDate, -1);
      if (lastDay < today) return null;
      const attempts = statsRepository.gradedAttemptsSince({ userId, fromDay: shiftDay(today, -PACE_WINDOW_DAYS) });
      const seenIds = new Set(statsRepository.activeCards({ userId }).map((c) => c.questionId));
      return {
        daysLeft: dayDiff(today, user.interviewDate),
        tracks: TRACKS.map((track) => {
          const preset = settingsRepository.getPreset({ userId, track });
          const isDrill = (d: string) => preset.drillDays.includes(isoWeekday(d));
          const bank = catalog.active(track);
          const focus = preset.focus;
          const scope = focus ? bank.filter((q) => matchesFocus(q, focus)) : bank;
          const seen = scope.filter((q) => seenIds.has(q.id)).length;
          const drillDaysLeft = daysBetween(today, lastDay).filter(isDrill).length;
          const pastDrillDays = daysBetween(shiftDay(today, -PACE_WINDOW_DAYS), shiftDay(today, -1)).filter(isDrill);
          const newDone = attempts.filter((a) => a.track === track && a.stateBefore === 0 && a.localDay < today).length;
          const measured = pastDrillDays.length > 0 && attempts.some((a) => a.track === track);
          const perDay = measured ? newDone / pastDrillDays.length : preset.newPerDay;
          const left = scope.length - seen;
          const projected = Math.min(scope.length, seen + Math.round(perDay * drillDaysLeft));
          const needed =
            left > 0 && projected < scope.length && drillDaysLeft > 0 ? Math.ceil(left / drillDaysLeft) : null;
          const avgMinutes = scope.length
            ? scope.reduce((m, q) => m + budgetMinutes(preset, q.difficulty, q.timeBudgetMinutes), 0) / scope.length
            : 0;
          const scopeLabel = focus ? focus.value : `the ${track} bank`;
          return {
            track,
            scopeLabel,
            total: scope.length,
            seen,
            drillDaysLeft,
            newPerDrillDay: Math.round(perDay * 10) / 10,
            projected,
            neededPerDay: needed,
            sentence:
              left === 0
                ? `You have seen all ${scope.length} of ${scopeLabel}.`
                : `At this pace (${Math.round(perDay * 10) / 10} new a drill day) you will see ${projected} of ${scope.length} of ${scopeLabel} before the interview.`,
            suggestion:
              needed === null
                ? ''
                : `To see them all: about ${needed} new a drill day, roughly ${Math.ceil(needed * avgMinutes)} more minutes a day than the reviews take (set new per day to ${needed} and raise the minutes a day).`,
          };
        }),
      };
    },

    /** Set (today or later, in the user's days) or clear the interview date. */
    setInterviewDate({ userId, interviewDate }: { userId: number; interviewDate: string | null }): { error?: string } {
      const user = userOrThrow(userId);
      if (interviewDate !== null) {
        const today = localDay(clock.now(), user);
        if (interviewDate < today) return { error: `interview date must be today (${today}) or later` };
        if (dayDiff(today, interviewDate) > 3 * 366) return { error: 'interview date must be within three years' };
      }
      settingsRepository.saveInterviewDate({ userId, interviewDate });
      return {};
    },
  };
}
export type StatsService = ReturnType<typeof createStatsService>;
