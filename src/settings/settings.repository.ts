import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { trackSettings, users } from '../db/schema.js';
import { DEFAULT_DAILY_MINUTES, DEFAULT_PRESETS, type Focus, type TrackPreset } from '../scheduling/presets.js';
import { canonicalTimeZone } from '../shared/days.js';
import type { Track } from '../shared/validation.js';

export function createSettingsRepository({ db }: { db: Db }) {
  const getStmt = db.$client.prepare('select * from track_settings where user_id = ? and track = ?');
  const interviewStmt = db.$client.prepare('select interview_date from users where id = ?');
  const schedulingStmt = db.$client.prepare('select leech_threshold, fsrs_weights from users where id = ?');

  return {
    /** The user's preset for a track; defaults until they save their own. */
    getPreset({ userId, track }: { userId: number; track: Track }): TrackPreset {
      const row = getStmt.get(userId, track) as
        | {
            desired_retention: number;
            new_per_day: number;
            reviews_per_day: number;
            budget_easy_minutes: number;
            budget_medium_minutes: number;
            budget_hard_minutes: number;
            drill_days: string;
            daily_minutes: number | null;
            focus_kind: Focus['kind'] | null;
            focus_value: string | null;
          }
        | undefined;
      if (!row) return DEFAULT_PRESETS[track];
      return {
        desiredRetention: row.desired_retention,
        newPerDay: row.new_per_day,
        reviewsPerDay: row.reviews_per_day,
        budgetEasyMinutes: row.budget_easy_minutes,
        budgetMediumMinutes: row.budget_medium_minutes,
        budgetHardMinutes: row.budget_hard_minutes,
        drillDays: row.drill_days.split(',').map(Number),
        dailyMinutes: row.daily_minutes ?? DEFAULT_DAILY_MINUTES[track],
        focus: row.focus_kind && row.focus_value ? { kind: row.focus_kind, value: row.focus_value } : null,
      };
    },

    savePreset({ userId, track, preset, now }: { userId: number; track: Track; preset: TrackPreset; now: number }) {
      const values = {
        desiredRetention: preset.desiredRetention,
        newPerDay: preset.newPerDay,
        reviewsPerDay: preset.reviewsPerDay,
        budgetEasyMinutes: preset.budgetEasyMinutes,
        budgetMediumMinutes: preset.budgetMediumMinutes,
        budgetHardMinutes: preset.budgetHardMinutes,
        drillDays: preset.drillDays.join(','),
        dailyMinutes: preset.dailyMinutes,
        focusKind: preset.focus?.kind ?? null,
        focusValue: preset.focus?.value ?? null,
        updatedAt: now,
      };
      db.insert(trackSettings)
        .values({ userId, track, ...values })
        .onConflictDoUpdate({ target: [trackSettings.userId, trackSettings.track], set: values })
        .run();
    },

    /** The optional interview day (YYYY-MM-DD in the user's own days), or null. */
    getInterviewDate({ userId }: { userId: number }): string | null {
      return (interviewStmt.get(userId) as { interview_date: string | null } | undefined)?.interview_date ?? null;
    },

    /** Per-user scheduling settings shared by both tracks: the leech threshold and FSRS weights. */
    getScheduling({ userId }: { userId: number }): { leechThreshold: number; weights: number[] | null } {
      const row = schedulingStmt.get(userId) as { leech_threshold: number; fsrs_weights: string | null } | undefined;
      return {
        leechThreshold: row?.leech_threshold ?? 5,
        weights: row?.fsrs_weights ? (JSON.parse(row.fsrs_weights) as number[]) : null,
      };
    },

    saveLeechThreshold({ userId, leechThreshold }: { userId: number; leechThreshold: number }) {
      db.update(users).set({ leechThreshold }).where(eq(users.id, userId)).run();
    },

    saveWeights({ userId, weights }: { userId: number; weights: number[] | null }) {
      db.update(users).set({ fsrsWeights: weights }).where(eq(users.id, userId)).run();
    },

    saveInterviewDate({ userId, interviewDate }: { userId: number; interviewDate: string | null }) {
      db.update(users).set({ interviewDate }).where(eq(users.id, userId)).run();
    },

    /** The zone is stored under its canonical name, whoever calls (the form already canonicalises). */
    saveProfile({ userId, timeZone, dayStartHour }: { userId: number; timeZone: string; dayStartHour: number }) {
      const canonical = canonicalTimeZone(timeZone);
      if (!canonical) throw new Error(`not a time zone: ${timeZone}`);
      db.update(users).set({ timeZone: canonical, dayStartHour }).where(eq(users.id, userId)).run();
    },
  };
}
export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
