import { and, eq, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { attempts, cards, questions, users } from '../db/schema.js';
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
  const p = sql.placeholder;
  const userStmt = db
    .select({
      id: users.id,
      username: users.username,
      timeZone: users.timeZone,
      dayStartHour: users.dayStartHour,
      interviewDate: users.interviewDate,
    })
    .from(users)
    .where(eq(users.id, p('userId')))
    .prepare();
  const attemptsStmt = db
    .select({
      track: attempts.track,
      questionId: attempts.questionId,
      // Graded attempts always have their day, grade and state before.
      localDay: sql<string>`${attempts.localDay}`,
      finalGrade: sql<number>`${attempts.finalGrade}`,
      stateBefore: sql<number>`${attempts.stateBefore}`,
      dueBefore: attempts.dueBefore,
      lastReviewBefore: attempts.lastReviewBefore,
      durationSeconds: attempts.durationSeconds,
      budgetSeconds: attempts.budgetSeconds,
    })
    .from(attempts)
    .where(and(eq(attempts.userId, p('userId')), isNotNull(attempts.gradedAt), gte(attempts.localDay, p('fromDay'))))
    .orderBy(attempts.localDay, attempts.id)
    .prepare();
  // Streaks look at the whole history, so only the distinct days are fetched.
  const daysStmt = db
    .selectDistinct({ track: attempts.track, localDay: sql<string>`${attempts.localDay}` })
    .from(attempts)
    .where(and(eq(attempts.userId, p('userId')), isNotNull(attempts.gradedAt)))
    .orderBy(attempts.localDay)
    .prepare();
  const cardsStmt = db
    .select({
      questionId: cards.questionId,
      track: cards.track,
      due: cards.due,
      stability: cards.stability,
      difficulty: cards.difficulty,
      scheduledDays: cards.scheduledDays,
      learningSteps: cards.learningSteps,
      reps: cards.reps,
      lapses: cards.lapses,
      state: cards.state,
      lastReview: cards.lastReview,
    })
    .from(cards)
    .innerJoin(questions, eq(questions.id, cards.questionId))
    .where(and(eq(cards.userId, p('userId')), isNull(questions.retiredAt)))
    .prepare();

  return {
    findUser({ userId }: { userId: number }): StatsUser | undefined {
      return userStmt.get({ userId });
    },

    gradedAttemptsSince({ userId, fromDay }: { userId: number; fromDay: string }): StatsAttempt[] {
      return attemptsStmt.all({ userId, fromDay });
    },

    activeDays({ userId }: { userId: number }): { track: Track; localDay: string }[] {
      return daysStmt.all({ userId });
    },

    activeCards({ userId }: { userId: number }): StatsCard[] {
      return cardsStmt.all({ userId });
    },
  };
}
export type StatsRepository = ReturnType<typeof createStatsRepository>;
