import { and, asc, desc, eq, getTableColumns, gt, gte, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import {
  type AttemptRow,
  attempts,
  type CardRow,
  cards,
  type MockEventKind,
  type MockEventRow,
  type MockFormat,
  type MockNoteRow,
  type MockQuestionRow,
  type MockRow,
  type MockScorecardRow,
  mockEvents,
  mockNotes,
  mockQuestions,
  mockScorecards,
  mocks,
  type RubricScores,
  type RunRow,
  runs,
  users,
} from '../db/schema.js';

export type MockRole = 'candidate' | 'coach';

/** SQL for mocks and their questions, events, scorecards and interviewer notes. */
export function createMocksRepository({ db }: { db: Db }) {
  const p = sql.placeholder;
  const mockByIdStmt = db
    .select()
    .from(mocks)
    .where(eq(mocks.id, p('id')))
    .prepare();
  const runningStmt = db
    .select()
    .from(mocks)
    .where(and(eq(mocks.userId, p('userId')), eq(mocks.status, 'running')))
    .prepare();
  const questionsStmt = db
    .select()
    .from(mockQuestions)
    .where(eq(mockQuestions.mockId, p('mockId')))
    .orderBy(asc(mockQuestions.position))
    .prepare();
  const insertEventStmt = db
    .insert(mockEvents)
    .values({ mockId: p('mockId'), at: p('at'), kind: p('kind'), position: p('position'), detail: p('detail') })
    .returning()
    .prepare();
  const eventsAfterStmt = db
    .select()
    .from(mockEvents)
    .where(and(eq(mockEvents.mockId, p('mockId')), gt(mockEvents.id, p('afterId'))))
    .orderBy(asc(mockEvents.id))
    .prepare();

  return {
    /**
     * A mock with its questions. Self-started mocks are created running (started_at, ends_at
     * set); a coach's are created scheduled. Throws on the running unique index: callers check first
     * inside the same transaction.
     */
    createMock(values: {
      userId: number;
      format: MockFormat;
      status: 'scheduled' | 'running';
      scheduledBy: number | null;
      groupId: number | null;
      questionChoice: 'scheduler' | 'coach';
      durationSeconds: number;
      createdAt: number;
      startsAt?: number | null;
      startedAt?: number | null;
      endsAt?: number | null;
      questionIds: string[];
    }): MockRow {
      const { questionIds, ...row } = values;
      const mock = db.insert(mocks).values(row).returning().get();
      if (!mock) throw new Error('insert into mocks returned no row');
      if (questionIds.length > 0)
        db.insert(mockQuestions)
          .values(questionIds.map((questionId, position) => ({ mockId: mock.id, position, questionId })))
          .run();
      return mock;
    },

    /** The questions of a scheduled mock whose questions the scheduler picks at the start. */
    addQuestions({ mockId, questionIds }: { mockId: number; questionIds: string[] }) {
      if (questionIds.length === 0) return;
      db.insert(mockQuestions)
        .values(questionIds.map((questionId, position) => ({ mockId, position, questionId })))
        .run();
    },

    findMock(mockId: number): MockRow | undefined {
      return mockByIdStmt.get({ id: mockId });
    },

    findRunningMock(userId: number): MockRow | undefined {
      return runningStmt.get({ userId });
    },

    /** Running mocks whose clock ran out at or before `now` (the timer and startup finish them). */
    expiredRunningMocks(now: number): MockRow[] {
      return db
        .select()
        .from(mocks)
        .where(and(eq(mocks.status, 'running'), lte(mocks.endsAt, now)))
        .all();
    },

    /** Running mocks, soonest end first (the in-process timer arms itself from these). */
    runningMocks(): MockRow[] {
      return db.select().from(mocks).where(eq(mocks.status, 'running')).orderBy(asc(mocks.endsAt)).all();
    },

    listMocksOfUser(userId: number): MockRow[] {
      return db
        .select()
        .from(mocks)
        .where(eq(mocks.userId, userId))
        .orderBy(desc(mocks.createdAt), desc(mocks.id))
        .all();
    },

    listMocksOfGroup(groupId: number): MockRow[] {
      return db
        .select()
        .from(mocks)
        .where(eq(mocks.groupId, groupId))
        .orderBy(desc(mocks.createdAt), desc(mocks.id))
        .all();
    },

    /** Mocks of the group's current members (joining is their consent to share with its coaches). */
    mocksOfGroupMembers(groupId: number): (MockRow & { username: string })[] {
      return db
        .select({ ...getTableColumns(mocks), username: users.username })
        .from(mocks)
        .innerJoin(users, eq(users.id, mocks.userId))
        .where(
          sql`${mocks.userId} in (select gm.user_id from group_members gm where gm.group_id = ${groupId} and gm.role = 'member' and gm.left_at is null)`,
        )
        .orderBy(asc(users.username), asc(mocks.id))
        .all();
    },

    mockQuestions(mockId: number): MockQuestionRow[] {
      return questionsStmt.all({ mockId });
    },

    /** The attempts of a mock, in question order (only the questions that have started). */
    mockAttempts(mockId: number): (MockQuestionRow & { attempt: AttemptRow | null })[] {
      const rows = questionsStmt.all({ mockId });
      const ids = rows.map((r) => r.attemptId).filter((id): id is number => id !== null);
      const byId = new Map(
        ids.length === 0
          ? []
          : db
              .select()
              .from(attempts)
              .where(inArray(attempts.id, ids))
              .all()
              .map((a) => [a.id, a] as const),
      );
      return rows.map((r) => ({ ...r, attempt: r.attemptId === null ? null : (byId.get(r.attemptId) ?? null) }));
    },

    linkAttempt({ mockId, position, attemptId }: { mockId: number; position: number; attemptId: number }) {
      db.update(mockQuestions)
        .set({ attemptId })
        .where(and(eq(mockQuestions.mockId, mockId), eq(mockQuestions.position, position)))
        .run();
    },

    /** scheduled -> running: the clock starts now. False when it was not scheduled any more. */
    markStarted({ mockId, startedAt, endsAt }: { mockId: number; startedAt: number; endsAt: number }): boolean {
      return (
        db
          .update(mocks)
          .set({ status: 'running', startedAt, endsAt })
          .where(and(eq(mocks.id, mockId), eq(mocks.status, 'scheduled')))
          .run().changes === 1
      );
    },

    /** running -> finished, once: false when another request or the timer finished it first. */
    markFinished({
      mockId,
      finishedAt,
      finishReason,
    }: {
      mockId: number;
      finishedAt: number;
      finishReason: 'submitted' | 'timeout';
    }): boolean {
      return (
        db
          .update(mocks)
          .set({ status: 'finished', finishedAt, finishReason })
          .where(and(eq(mocks.id, mockId), eq(mocks.status, 'running')))
          .run().changes === 1
      );
    },

    saveCandidateState({
      mockId,
      candidateNotes,
      activePosition,
    }: {
      mockId: number;
      candidateNotes?: string;
      activePosition?: number;
    }) {
      db.update(mocks)
        .set({
          ...(candidateNotes === undefined ? {} : { candidateNotes }),
          ...(activePosition === undefined ? {} : { activePosition }),
        })
        .where(and(eq(mocks.id, mockId), eq(mocks.status, 'running')))
        .run();
    },

    addEvent(values: {
      mockId: number;
      at: number;
      kind: MockEventKind;
      position?: number | null;
      detail?: Record<string, unknown> | null;
    }): MockEventRow {
      const row = insertEventStmt.get({
        mockId: values.mockId,
        at: values.at,
        kind: values.kind,
        position: values.position ?? null,
        // The json column encodes it (a string here would be stored encoded twice).
        detail: values.detail ?? null,
      });
      if (!row) throw new Error('insert into mock_events returned no row');
      return row;
    },

    /** Events with an id above `afterId`, oldest first (a live view's reconnect replays these). */
    eventsAfter({ mockId, afterId = 0 }: { mockId: number; afterId?: number }): MockEventRow[] {
      return eventsAfterStmt.all({ mockId, afterId });
    },

    scorecard({ mockId, role }: { mockId: number; role: MockRole }): MockScorecardRow | undefined {
      return db
        .select()
        .from(mockScorecards)
        .where(and(eq(mockScorecards.mockId, mockId), eq(mockScorecards.role, role)))
        .get();
    },

    scorecards(mockIds: number[]): MockScorecardRow[] {
      if (mockIds.length === 0) return [];
      return db.select().from(mockScorecards).where(inArray(mockScorecards.mockId, mockIds)).all();
    },

    /** Writes the scorecard of one role (its release, if any, is kept). */
    saveScorecard(values: {
      mockId: number;
      role: MockRole;
      authorId: number;
      scores: RubricScores;
      wouldAdvance: boolean;
      summary: string;
      updatedAt: number;
    }) {
      const { mockId, role, ...rest } = values;
      db.insert(mockScorecards)
        .values(values)
        .onConflictDoUpdate({ target: [mockScorecards.mockId, mockScorecards.role], set: rest })
        .run();
    },

    releaseScorecard({ mockId, releasedAt }: { mockId: number; releasedAt: number }): boolean {
      return (
        db
          .update(mockScorecards)
          .set({ releasedAt })
          .where(
            and(eq(mockScorecards.mockId, mockId), eq(mockScorecards.role, 'coach'), isNull(mockScorecards.releasedAt)),
          )
          .run().changes === 1
      );
    },

    addNote(values: {
      mockId: number;
      authorId: number;
      atSeconds: number;
      body: string;
      createdAt: number;
    }): MockNoteRow {
      const row = db.insert(mockNotes).values(values).returning().get();
      if (!row) throw new Error('insert into mock_notes returned no row');
      return row;
    },

    notes(mockId: number): MockNoteRow[] {
      return db.select().from(mockNotes).where(eq(mockNotes.mockId, mockId)).orderBy(asc(mockNotes.id)).all();
    },

    /** A mock question's attempt: no drill, the mock's clock as its deadline, the starter as its draft. */
    createAttempt(values: {
      userId: number;
      mockId: number;
      questionId: string;
      track: 'scripting' | 'algorithm';
      servedAt: number;
      deadlineAt: number;
      budgetSeconds: number;
      code: string;
    }): AttemptRow {
      const row = db
        .insert(attempts)
        .values({ ...values, kind: 'mock', drillId: null, hintRevealedAt: [] })
        .returning()
        .get();
      if (!row) throw new Error('insert into attempts returned no row');
      return row;
    },

    /** Every run of these attempts, oldest first (runs before the first pass, on the scorecard). */
    runsOf(attemptIds: number[]): RunRow[] {
      if (attemptIds.length === 0) return [];
      return db.select().from(runs).where(inArray(runs.attemptId, attemptIds)).orderBy(asc(runs.id)).all();
    },

    /** What the timer needs to finish a mock on its candidate's behalf: their days. */
    candidateOf(userId: number): { id: number; timeZone: string; dayStartHour: number } | undefined {
      return db
        .select({ id: users.id, timeZone: users.timeZone, dayStartHour: users.dayStartHour })
        .from(users)
        .where(eq(users.id, userId))
        .get();
    },

    /**
     * Finished mocks with a question not yet graded: the process stopped between finishing a mock
     * and grading its answers (startup completes them).
     */
    finishedWithUngraded(): MockRow[] {
      return db
        .select()
        .from(mocks)
        .where(
          and(
            eq(mocks.status, 'finished'),
            sql`exists (select 1 from attempts a where a.mock_id = ${mocks.id} and a.graded_at is null)`,
          ),
        )
        .all();
    },

    /** Questions of a track graded on or after a user day (the mock never repeats them). */
    gradedSince({ userId, track, day }: { userId: number; track: 'scripting' | 'algorithm'; day: string }): string[] {
      return db
        .selectDistinct({ questionId: attempts.questionId })
        .from(attempts)
        .where(
          and(
            eq(attempts.userId, userId),
            eq(attempts.track, track),
            isNotNull(attempts.gradedAt),
            gte(attempts.localDay, day),
          ),
        )
        .all()
        .map((r) => r.questionId);
    },

    cardsOf({ userId, track }: { userId: number; track: 'scripting' | 'algorithm' }): CardRow[] {
      return db
        .select()
        .from(cards)
        .where(and(eq(cards.userId, userId), eq(cards.track, track)))
        .all();
    },

    transaction<T>(fn: () => T): T {
      return db.transaction(() => fn(), { behavior: 'immediate' });
    },
  };
}

export type MocksRepository = ReturnType<typeof createMocksRepository>;
