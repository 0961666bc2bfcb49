import { z } from 'zod';
import type { Difficulty } from '../questions/question.schema.js';
import type { Track } from '../shared/validation.js';

export type TrackPreset = {
  desiredRetention: number;
  newPerDay: number;
  reviewsPerDay: number;
  budgetEasyMinutes: number;
  budgetMediumMinutes: number;
  budgetHardMinutes: number;
  /** ISO weekdays, 1 = Monday .. 7 = Sunday. */
  drillDays: number[];
  /** Minutes a day for the track, counted by the questions' time budgets. */
  dailyMinutes: number;
  /** Where new questions come from; null: the whole bank in priority order. */
  focus: Focus | null;
};

export type Focus = { kind: 'list' | 'company' | 'topic'; value: string };
export const FOCUS_KINDS = ['list', 'company', 'topic'] as const;

/** Suggested minutes a day: a question takes 15-50 minutes, so these are one to three questions. */
export const DEFAULT_DAILY_MINUTES: Record<Track, number> = { scripting: 45, algorithm: 60 };

export const DEFAULT_PRESETS: Record<Track, TrackPreset> = {
  scripting: {
    desiredRetention: 0.9,
    newPerDay: 3,
    reviewsPerDay: 20,
    budgetEasyMinutes: 15,
    budgetMediumMinutes: 25,
    budgetHardMinutes: 40,
    drillDays: [1, 2, 3, 4, 5, 6, 7],
    dailyMinutes: DEFAULT_DAILY_MINUTES.scripting,
    focus: null,
  },
  algorithm: {
    desiredRetention: 0.85,
    newPerDay: 2,
    reviewsPerDay: 10,
    budgetEasyMinutes: 20,
    budgetMediumMinutes: 35,
    budgetHardMinutes: 50,
    drillDays: [1, 2, 3, 4, 5],
    dailyMinutes: DEFAULT_DAILY_MINUTES.algorithm,
    focus: null,
  },
};

const minutes = (label: string) =>
  z.coerce
    .number({ message: `${label} must be a number of minutes` })
    .int(`${label} must be whole minutes`)
    .min(1, `${label} must be at least 1 minute`)
    .max(180, `${label} can be at most 180 minutes`);

/** The settings form for one track. Checkboxes arrive as a string, an array, or nothing. */
export const trackSettingsFormSchema = z.object({
  desiredRetention: z.coerce
    .number({ message: 'desired retention must be a number' })
    .min(0.7, 'desired retention must be between 0.70 and 0.97')
    .max(0.97, 'desired retention must be between 0.70 and 0.97'),
  newPerDay: z.coerce
    .number({ message: 'new per day must be a number' })
    .int('new per day must be a whole number')
    .min(0, 'new per day cannot be negative')
    .max(100, 'new per day can be at most 100'),
  reviewsPerDay: z.coerce
    .number({ message: 'reviews per day must be a number' })
    .int('reviews per day must be a whole number')
    .min(0, 'reviews per day cannot be negative')
    .max(1000, 'reviews per day can be at most 1000'),
  budgetEasyMinutes: minutes('the Easy budget'),
  budgetMediumMinutes: minutes('the Medium budget'),
  budgetHardMinutes: minutes('the Hard budget'),
  drillDays: z
    .union([z.string(), z.array(z.string())], { message: 'pick at least one drill day' })
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(z.string().regex(/^[1-7]$/, 'drill days are 1 (Monday) to 7 (Sunday)'))
        .min(1, 'pick at least one drill day')
        .max(7),
    )
    .transform((days) => [...new Set(days.map(Number))].sort((a, b) => a - b)),
  dailyMinutes: z.coerce
    .number({ message: 'minutes a day must be a number' })
    .int('minutes a day must be whole minutes')
    .min(10, 'minutes a day must be at least 10')
    .max(600, 'minutes a day can be at most 600 (ten hours)'),
  // "" = the whole bank; otherwise "list:Blind 75", "company:Google" or "topic:Graph" (checked
  // against the bank by the route, which knows it).
  focus: z
    .string({ message: 'focus must be text' })
    .max(120, 'focus is too long')
    .default('')
    .transform((v, ctx): Focus | null => {
      if (v === '') return null;
      const i = v.indexOf(':');
      const kind = v.slice(0, i);
      const value = v.slice(i + 1).trim();
      if (i < 0 || !(FOCUS_KINDS as readonly string[]).includes(kind) || !value) {
        ctx.addIssue({ code: 'custom', message: 'focus must be a list, a company or a topic from the bank' });
        return z.NEVER;
      }
      return { kind: kind as Focus['kind'], value };
    }),
});

export function budgetMinutes(preset: TrackPreset, difficulty: Difficulty, override: number | null): number {
  if (override !== null) return override;
  if (difficulty === 'Easy') return preset.budgetEasyMinutes;
  if (difficulty === 'Medium') return preset.budgetMediumMinutes;
  return preset.budgetHardMinutes;
}
