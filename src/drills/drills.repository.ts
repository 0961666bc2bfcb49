import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { type AttemptRow, attempts, type CardRow, cards, type DrillRow, drills } from '../db/schema.js';
import type { CardFields } from '../scheduling/fsrs.js';
import type { Track } from '../shared/validation.js';

const p = sql.placeholder;

export function createDrillsRepository({ db }: { db: Db }) {
  // Hot paths (every drill page) are prepared once, as plain SQL with column aliases: drizzle's
  // per-row mapping of the 31 attempt columns showed in the drill page's profile.
  const ATTEMPT_COLUMNS = `id, user_id as userId, question_id as questionId, track, drill_id as drillId, served_at as servedAt,
    deadline_at as deadlineAt, budget_seconds as budgetSeconds, code, notes, hints_used as hintsUsed,
    hint_revealed_at as hintRevealedAt, draft_saved_at as draftSavedAt, submitted_at as submittedAt,
    duration_seconds as durationSeconds, overtime, outcome, suggested_grade as suggestedGrade, grade_reason as gradeReason,
    final_grade as finalGrade, graded_at as gradedAt, local_day as localDay, state_before as stateBefore,
    stability_before as stabilityBefore, difficulty_before as difficultyBefore, due_before as dueBefore,
    last_review_before as lastReviewBefore, state_after as stateAfter, stability_after as stabilityAfter,
    difficulty_after as difficultyAfter, due_after as dueAfter, scheduled_days_after as scheduledDaysAfter`;
  type RawAttempt = Omit<AttemptRow, 'hintRevealedAt' | 'overtime'> & {
    hintRevealedAt: string;
    overtime: number | null;
  };
  const toAttempt = (r: RawAttempt | undefined): AttemptRow | undefined =>
    r && {
      ...r,
      hintRevealedAt: JSON.parse(r.hintRevealedAt) as number[],
      overtime: r.overtime === null ? null : r.overtime === 1,
    };
  const openAttemptRaw = db.$client.prepare<[number, string], RawAttempt>(
    `select ${ATTEMPT_COLUMNS} from attempts where user_id = ? and track = ? and graded_at is null`,
  );
  const attemptByIdRaw = db.$client.prepare<[number, number], RawAttempt>(
    `select ${ATTEMPT_COLUMNS} from attempts where id = ? and user_id = ?`,
  );
  const openAttemptStmt = {
    get: ({ userId, track }: { userId: number; track: string }) => toAttempt(openAttemptRaw.get(userId, track)),
  };
  const attemptByIdStmt = {
    get: ({ id, userId }: { id: number; userId: number }) => toAttempt(attemptByIdRaw.get(id, userId)),
  };
  const cardStmt = db
    .select()
    .from(cards)
    .where(and(eq(cards.userId, p('userId')), eq(cards.questionId, p('questionId'))))
    .prepare();
  const dueCountsStmt = db.$client.prepare<
    [number, number, number, string, number],
    { learningDue: number; learningSoon: number; reviewsDue: number }
  >(
    `select
       coalesce(sum(case when c.state in (1, 3) and c.due <= ? then 1 else 0 end), 0) as learningDue,
       coalesce(sum(case when c.state in (1, 3) then 1 else 0 end), 0) as learningSoon,
       coalesce(sum(case when c.state = 2 and c.due <= ? then 1 else 0 end), 0) as reviewsDue
     from cards c join questions q on q.id = c.question_id
     where c.user_id = ? and c.track = ? and c.due <= ? and q.retired_at is null`,
  );
  const nextLearningStmt = db.$client
    .prepare<[number, string, number], string>(
      `select c.question_id from cards c join questions q on q.id = c.question_id
        where c.user_id = ? and c.track = ? and c.state in (1, 3) and c.due <= ? and q.retired_at is null
        order by c.due, c.id limit 1`,
    )
    .pluck();
  // FSRS retrievability is (1 + f * t / S)^-d with weights shared by every card, so it falls as
  // elapsed time over stability grows: ordering by t / S descending is lowest retrievability first.
  const nextReviewStmt = db.$client
    .prepare<[number, string, number, number], string>(
      `select c.question_id from cards c join questions q on q.id = c.question_id
        where c.user_id = ? and c.track = ? and c.state = 2 and c.due <= ? and q.retired_at is null
        order by (? - c.last_review) / max(c.stability, 0.01) desc, c.due, c.id limit 1`,
    )
    .pluck();
  const countsTodayStmt = db.$client.prepare(
    `select
       coalesce(sum(case when state_before = 0 then 1 else 0 end), 0) as newDone,
       coalesce(sum(case when state_before = 2 then 1 else 0 end), 0) as reviewsDone,
       count(*) as graded
     from attempts where user_id = ? and track = ? and local_day = ? and graded_at is not null`,
  );
  const nextNewStmt = db.$client.prepare(
    `select q.id from questions q
      where q.track = ? and q.retired_at is null
        and not exists (select 1 from cards c where c.user_id = ? and c.question_id = q.id)
      order by q.priority, q.id limit ?`,
  );
  // The write path of a drill (open, submit, grade) runs these on every step: compiling the SQL
  // per call showed in the submit benchmark's profile, so they are prepared once too.
  const openDrillStmt = db
    .select()
    .from(drills)
    .where(
      and(
        eq(drills.userId, p('userId')),
        eq(drills.track, p('track')),
        eq(drills.localDay, p('day')),
        isNull(drills.finishedAt),
      ),
    )
    .orderBy(desc(drills.id))
    .prepare();
  const createDrillStmt = db
    .insert(drills)
    .values({ userId: p('userId'), track: p('track'), localDay: p('day'), startedAt: p('now') })
    .returning()
    .prepare();
  const createAttemptStmt = db.$client.prepare(
    `insert into attempts (user_id, question_id, track, drill_id, served_at, deadline_at, budget_seconds, hint_revealed_at)
     values (@userId, @questionId, @track, @drillId, @servedAt, @deadlineAt, @budgetSeconds, '[]')`,
  );
  const markSubmittedStmt = db.$client.prepare(
    `update attempts set code = @code, notes = @notes, submitted_at = @submittedAt, duration_seconds = @durationSeconds, overtime = @overtime,
       outcome = @outcome, suggested_grade = @suggestedGrade, grade_reason = @gradeReason
     where id = @attemptId and submitted_at is null`,
  );
  const markGradedStmt = db.$client.prepare(
    `update attempts set final_grade = @finalGrade, graded_at = @gradedAt, local_day = @localDay,
       state_before = @stateBefore, stability_before = @stabilityBefore, difficulty_before = @difficultyBefore, due_before = @dueBefore,
       last_review_before = @lastReviewBefore, state_after = @stateAfter, stability_after = @stabilityAfter, difficulty_after = @difficultyAfter,
       due_after = @dueAfter, scheduled_days_after = @scheduledDaysAfter
     where id = @attemptId and submitted_at is not null and graded_at is null`,
  );
  const saveCardStmt = db.$client.prepare(
    `insert into cards (user_id, question_id, track, due, stability, difficulty, scheduled_days, learning_steps, reps, lapses, state, last_review, created_at)
     values (@userId, @questionId, @track, @due, @stability, @difficulty, @scheduledDays, @learningSteps, @reps, @lapses, @state, @lastReview, @now)
     on conflict (user_id, question_id) do update set due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
       scheduled_days = excluded.scheduled_days, learning_steps = excluded.learning_steps, reps = excluded.reps, lapses = excluded.lapses,
       state = excluded.state, last_review = excluded.last_review`,
  );
  const unseenCountStmt = db.$client.prepare(
    `select count(*) as n from questions q
      where q.track = ? and q.retired_at is null
        and not exists (select 1 from cards c where c.user_id = ? and c.question_id = q.id)`,
  );

  return {
    findOpenAttempt({ userId, track }: { userId: number; track: Track }): AttemptRow | undefined {
      return openAttemptStmt.get({ userId, track });
    },

    findAttempt({ userId, attemptId }: { userId: number; attemptId: number }): AttemptRow | undefined {
      return attemptByIdStmt.get({ id: attemptId, userId });
    },

    findCard({ userId, questionId }: { userId: number; questionId: string }): CardRow | undefined {
      return cardStmt.get({ userId, questionId });
    },

    /** Due counts for a track: learning now, learning within the learn-ahead window, reviews now. */
    dueCounts({
      userId,
      track,
      now,
      learnAheadUntil,
    }: {
      userId: number;
      track: Track;
      now: number;
      learnAheadUntil: number;
    }) {
      const row = dueCountsStmt.get(now, now, userId, track, learnAheadUntil);
      return row ?? { learningDue: 0, learningSoon: 0, reviewsDue: 0 };
    },

    nextLearningCard({ userId, track, until }: { userId: number; track: Track; until: number }): string | undefined {
      return nextLearningStmt.get(userId, track, until);
    },

    nextReviewCard({ userId, track, now }: { userId: number; track: Track; now: number }): string | undefined {
      return nextReviewStmt.get(userId, track, now, now);
    },

    countsForDay({ userId, track, day }: { userId: number; track: Track; day: string }): {
      newDone: number;
      reviewsDone: number;
      graded: number;
    } {
      return countsTodayStmt.get(userId, track, day) as { newDone: number; reviewsDone: number; graded: number };
    },

    nextNewQuestionIds({ userId, track, limit }: { userId: number; track: Track; limit: number }): string[] {
      return (nextNewStmt.all(track, userId, limit) as { id: string }[]).map((r) => r.id);
    },

    unseenCount({ userId, track }: { userId: number; track: Track }): number {
      return (unseenCountStmt.get(track, userId) as { n: number }).n;
    },

    findOpenDrill({ userId, track, day }: { userId: number; track: Track; day: string }): DrillRow | undefined {
      return openDrillStmt.get({ userId, track, day });
    },

    createDrill({ userId, track, day, now }: { userId: number; track: Track; day: string; now: number }): DrillRow {
      const drill = createDrillStmt.get({ userId, track, day, now });
      if (!drill) throw new Error('insert into drills returned no row');
      return drill;
    },

    finishDrill({ drillId, now }: { drillId: number; now: number }) {
      db.update(drills)
        .set({ finishedAt: now })
        .where(and(eq(drills.id, drillId), isNull(drills.finishedAt)))
        .run();
    },

    findDrill({ userId, drillId }: { userId: number; drillId: number }): DrillRow | undefined {
      return db
        .select()
        .from(drills)
        .where(and(eq(drills.id, drillId), eq(drills.userId, userId)))
        .get();
    },

    latestDrill({ userId, track }: { userId: number; track: Track }): DrillRow | undefined {
      return db
        .select()
        .from(drills)
        .where(and(eq(drills.userId, userId), eq(drills.track, track)))
        .orderBy(desc(drills.id))
        .get();
    },

    createAttempt(values: {
      userId: number;
      questionId: string;
      track: Track;
      drillId: number;
      servedAt: number;
      deadlineAt: number;
      budgetSeconds: number;
    }): AttemptRow {
      const id = Number(createAttemptStmt.run(values).lastInsertRowid);
      const attempt = attemptByIdStmt.get({ id, userId: values.userId });
      if (!attempt) throw new Error(`attempt ${id} vanished after insert`);
      return attempt;
    },

    saveDraft({ attemptId, code, notes, now }: { attemptId: number; code: string; notes: string; now: number }) {
      return db
        .update(attempts)
        .set({ code, notes, draftSavedAt: now })
        .where(and(eq(attempts.id, attemptId), isNull(attempts.submittedAt)))
        .run().changes;
    },

    recordHint({ attemptId, hintsUsed, revealedAt }: { attemptId: number; hintsUsed: number; revealedAt: number[] }) {
      db.update(attempts)
        .set({ hintsUsed, hintRevealedAt: revealedAt })
        .where(and(eq(attempts.id, attemptId), isNull(attempts.submittedAt)))
        .run();
    },

    markSubmitted(values: {
      attemptId: number;
      code: string;
      notes: string;
      submittedAt: number;
      durationSeconds: number;
      overtime: boolean;
      outcome: 'solved' | 'partial' | 'failed';
      suggestedGrade: number;
      gradeReason: string;
    }): number {
      return markSubmittedStmt.run({ ...values, overtime: values.overtime ? 1 : 0 }).changes;
    },

    markGraded(values: {
      attemptId: number;
      finalGrade: number;
      gradedAt: number;
      localDay: string;
      before: CardFields;
      after: CardFields;
    }): number {
      const { attemptId, before, after } = values;
      return markGradedStmt.run({
        attemptId,
        finalGrade: values.finalGrade,
        gradedAt: values.gradedAt,
        localDay: values.localDay,
        stateBefore: before.state,
        stabilityBefore: before.stability,
        difficultyBefore: before.difficulty,
        dueBefore: before.due,
        lastReviewBefore: before.lastReview,
        stateAfter: after.state,
        stabilityAfter: after.stability,
        difficultyAfter: after.difficulty,
        dueAfter: after.due,
        scheduledDaysAfter: after.scheduledDays,
      }).changes;
    },

    saveCard({
      userId,
      questionId,
      track,
      fields,
      now,
    }: {
      userId: number;
      questionId: string;
      track: Track;
      fields: CardFields;
      now: number;
    }) {
      saveCardStmt.run({ userId, questionId, track, ...fields, now });
    },

    drillAttempts({ userId, drillId }: { userId: number; drillId: number }): AttemptRow[] {
      return db
        .select()
        .from(attempts)
        .where(and(eq(attempts.userId, userId), eq(attempts.drillId, drillId)))
        .orderBy(asc(attempts.id))
        .all();
    },

    questionHistory({
      userId,
      questionId,
      limit,
    }: {
      userId: number;
      questionId: string;
      limit: number;
    }): AttemptRow[] {
      return db
        .select()
        .from(attempts)
        .where(and(eq(attempts.userId, userId), eq(attempts.questionId, questionId), isNotNull(attempts.gradedAt)))
        .orderBy(desc(attempts.id))
        .limit(limit)
        .all();
    },

    transaction<T>(fn: () => T): T {
      return db.transaction(() => fn(), { behavior: 'immediate' });
    },
  };
}
export type DrillsRepository = ReturnType<typeof createDrillsRepository>;
