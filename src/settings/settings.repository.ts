import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { trackSettings, users } from '../db/schema.js';
import { DEFAULT_DAILY_MINUTES, DEFAULT_PRESETS, type Focus, type TrackPreset } from '../scheduling/presets.js';
import { canonicalTimeZone } from '../shared/days.js';
import type { Track } from '../shared/validation.js';

export function createSettingsRepository({ db }: { db: Db }) {
  // Read on every queue step: prepared once.
  const getStmt = db
    .select()
    .from(trackSettings)
    .where(and(eq(trackSettings.userId, sql.placeholder('userId')), eq(trackSettings.track, sql.placeholder('track'))))
    .prepare();
  const interviewStmt = db
    .select({ interviewDate: users.interviewDate })
    .from(users)
    .where(eq(users.id, sql.placeholder('userId')))
    .prepare();
  const schedulingStmt = db
    .select({ leechThreshold: users.leechThreshold, weights: users.fsrsWeights })
    .from(users)
    .where(eq(users.id, sql.placeholder('userId')))
    .prepare();

  return {
    /** The user's preset for a track; defaults until they save their own. */
    getPreset({ userId, track }: { userId: number; track: Track }): TrackPreset {
      const row = getStmt.get({ userId, track });
      if (!row) return DEFAULT_PRESETS[track];
      return {
        desiredRetention: row.desiredRetention,
        newPerDay: row.newPerDay,
        reviewsPerDay: row.reviewsPerDay,
        budgetEasyMinutes: row.budgetEasyMinutes,
        budgetMediumMinutes: row.budgetMediumMinutes,
        budgetHardMinutes: row.budgetHardMinutes,
        drillDays: row.drillDays.split(',').map(Number),
        dailyMinutes: row.dailyMinutes ?? DEFAULT_DAILY_MINUTES[track],
        focus: row.focusKind && row.focusValue ? { kind: row.focusKind as Focus['kind'], value: row.focusValue } : null,
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
      return interviewStmt.get({ userId })?.interviewDate ?? null;
    },

    /** Per-user scheduling settings shared by both tracks: the leech threshold and FSRS weights. */
    getScheduling({ userId }: { userId: number }): { leechThreshold: number; weights: number[] | null } {
      const row = schedulingStmt.get({ userId });
      return { leechThreshold: row?.leechThreshold ?? 5, weights: row?.weights ?? null };
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
