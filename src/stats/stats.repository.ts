import type { Db } from '../db/database.js';
import type { CardFields } from '../scheduling/fsrs.js';
import type { Track } from '../shared/validation.js';

export type StatsUser = {
  id: number;
  username: string;
  timeZone: string;
  dayStartHour: number;
  interviewDate: string | null;
};

/** One graded attempt, reduced to what the statistics need. */
export type StatsAttempt = {
  track: Track;
  questionId: string;
  localDay: string;
  finalGrade: number;
  stateBefore: number;
  dueBefore: number | null;
  lastReviewBefore: number | null;
  durationSeconds: number | null;
  budgetSeconds: number;
};

export type StatsCard = { questionId: string; track: Track } & CardFields;

export function createStatsRepository({ db }: { db: Db }) {
  const userStmt = db.$client.prepare(
    `select id, username, time_zone as timeZone, day_start_hour as dayStartHour, interview_date as interviewDate from users where id = ?`,
  );
  const attemptsStmt = db.$client.prepare(
    `select track, question_id as questionId, local_day as localDay, final_grade as finalGrade, state_before as stateBefore,
            due_before as dueBefore, last_review_before as lastReviewBefore, duration_seconds as durationSeconds, budget_seconds as budgetSeconds
       from attempts
      where user_id = ? and graded_at is not null and local_day >= ?
      order by local_day, id`,
  );
  // Streaks look at the whole history, so only the distinct days are fetched.
  const daysStmt = db.$client.prepare(
    `select distinct track, local_day as localDay from attempts where user_id = ? and graded_at is not null order by local_day`,
  );
  const cardsStmt = db.$client.prepare(
    `select c.question_id as questionId, c.track, c.due, c.stability, c.difficulty, c.scheduled_days as scheduledDays,
            c.learning_steps as learningSteps, c.reps, c.lapses, c.state, c.last_review as lastReview
       from cards c join questions q on q.id = c.question_id
      where c.user_id = ? and q.retired_at is null`,
  );

  return {
    findUser({ userId }: { userId: number }): StatsUser | undefined {
      return userStmt.get(userId) as StatsUser | undefined;
    },

    gradedAttemptsSince({ userId, fromDay }: { userId: number; fromDay: string }): StatsAttempt[] {
      return attemptsStmt.all(userId, fromDay) as StatsAttempt[];
    },

    activeDays({ userId }: { userId: number }): { track: Track; localDay: string }[] {
      return daysStmt.all(userId) as { track: Track; localDay: string }[];
    },

    activeCards({ userId }: { userId: number }): StatsCard[] {
      return cardsStmt.all(userId) as StatsCard[];
    },
  };
}
export type StatsRepository = ReturnType<typeof createStatsRepository>;
