import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Times are integer milliseconds since the epoch (UTC), always written from the injected clock:
// no SQL defaults that read the wall clock.

export const appSecrets = sqliteTable('app_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
});

/** Small facts about this installation, e.g. the fingerprint of the question bank last synced. */
export const appState = sqliteTable('app_state', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
});

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  timeZone: text('time_zone').notNull().default('UTC'),
  dayStartHour: integer('day_start_hour').notNull().default(4),
  // Optional interview day (YYYY-MM-DD, in the user's own days): caps intervals so everything
  // seen comes back before it.
  interviewDate: text('interview_date'),
  // Lapses after which a card is flagged as a leech on Today (suspend / keep / reset).
  leechThreshold: integer('leech_threshold').notNull().default(5),
  // The user's own FSRS weights from "Optimise my schedule" (null: the FSRS-6 defaults).
  fsrsWeights: text('fsrs_weights', { mode: 'json' }).$type<number[]>(),
  createdAt: integer('created_at').notNull(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    // sha256 of the cookie token: a leaked database does not leak live sessions.
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    // Absolute end of the session, however active it is.
    expiresAt: integer('expires_at').notNull(),
    // Last request seen, written at most once a minute: the session ends after SESSION_IDLE_DAYS
    // without one. Null on sessions from before this column: created_at stands in.
    lastSeenAt: integer('last_seen_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const trackSettings = sqliteTable(
  'track_settings',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    track: text('track', { enum: ['scripting', 'algorithm'] }).notNull(),
    desiredRetention: real('desired_retention').notNull(),
    newPerDay: integer('new_per_day').notNull(),
    reviewsPerDay: integer('reviews_per_day').notNull(),
    budgetEasyMinutes: integer('budget_easy_minutes').notNull(),
    budgetMediumMinutes: integer('budget_medium_minutes').notNull(),
    budgetHardMinutes: integer('budget_hard_minutes').notNull(),
    // ISO weekdays 1 (Monday) .. 7 (Sunday), as a comma-separated list, e.g. "1,2,3,4,5".
    drillDays: text('drill_days').notNull(),
    // Minutes a day for this track (reviews and new questions, by their time budgets); null: the
    // track's default (45 scripting, 60 algorithm).
    dailyMinutes: integer('daily_minutes'),
    // Where new questions come from: a list ("Blind 75"), a company or a topic; null: the whole bank.
    focusKind: text('focus_kind', { enum: ['list', 'company', 'topic'] }),
    focusValue: text('focus_value'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.track] })],
);

export const questions = sqliteTable(
  'questions',
  {
    id: text('id').primaryKey(),
    track: text('track', { enum: ['scripting', 'algorithm'] }).notNull(),
    title: text('title').notNull(),
    difficulty: text('difficulty', { enum: ['Easy', 'Medium', 'Hard'] }).notNull(),
    topics: text('topics', { mode: 'json' }).$type<string[]>().notNull(),
    priority: integer('priority').notNull(),
    timeBudgetMinutes: integer('time_budget_minutes'),
    hints: text('hints', { mode: 'json' }).$type<string[]>().notNull(),
    promptMd: text('prompt_md').notNull(),
    examplesMd: text('examples_md').notNull(),
    approachMd: text('approach_md').notNull(),
    solution: text('solution').notNull(),
    meta: text('meta', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    contentHash: text('content_hash').notNull(),
    // Markdown rendered when the question is synced, so a start and a page never render it again.
    promptHtml: text('prompt_html'),
    examplesHtml: text('examples_html'),
    approachHtml: text('approach_html'),
    hintsHtml: text('hints_html', { mode: 'json' }).$type<string[]>(),
    retiredAt: integer('retired_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('questions_track_priority_idx').on(t.track, t.priority),
    // Schedule queries join every card to its question for these columns only: a question row
    // holds kilobytes of text, and retired_at sits behind it in overflow pages.
    index('questions_schedule_cover_idx').on(t.id, t.retiredAt, t.timeBudgetMinutes, t.difficulty),
  ],
);

export const cards = sqliteTable(
  'cards',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    track: text('track', { enum: ['scripting', 'algorithm'] }).notNull(),
    due: integer('due').notNull(),
    stability: real('stability').notNull(),
    difficulty: real('difficulty').notNull(),
    scheduledDays: integer('scheduled_days').notNull(),
    learningSteps: integer('learning_steps').notNull(),
    reps: integer('reps').notNull(),
    lapses: integer('lapses').notNull(),
    // ts-fsrs State: 0 New, 1 Learning, 2 Review, 3 Relearning
    state: integer('state').notNull(),
    lastReview: integer('last_review'),
    // Suspended by the candidate: never served or counted until unsuspended.
    suspended: integer('suspended', { mode: 'boolean' }).notNull().default(false),
    // Lapses when the candidate chose "keep" on the leech flag: flagged again only after more.
    leechKeptAt: integer('leech_kept_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('cards_user_question_uq').on(t.userId, t.questionId),
    index('cards_user_track_due_idx').on(t.userId, t.track, t.due),
    // Covers the drill's day state, next review and load queries, so they never read the card
    // rows (a drill start reads every card of the track: 270 -> 165 µs on the bench's data).
    index('cards_schedule_cover_idx').on(
      t.userId,
      t.track,
      t.suspended,
      t.state,
      t.due,
      t.lastReview,
      t.scheduledDays,
      t.stability,
      t.questionId,
    ),
  ],
);

export const drills = sqliteTable(
  'drills',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    track: text('track', { enum: ['scripting', 'algorithm'] }).notNull(),
    localDay: text('local_day').notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    // Custom study asked for on Today: new questions beyond the day's budget, and reviews due in
    // the next N days served today as practice.
    extraNew: integer('extra_new').notNull().default(0),
    aheadDays: integer('ahead_days').notNull().default(0),
  },
  (t) => [index('drills_user_track_day_idx').on(t.userId, t.track, t.localDay)],
);

export const attempts = sqliteTable(
  'attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    track: text('track', { enum: ['scripting', 'algorithm'] }).notNull(),
    // Null for mock attempts: a mock is no day's drill (mock_id says where the attempt belongs).
    drillId: integer('drill_id').references(() => drills.id),
    // 'drill': served by the day's queue; 'practice': asked for on demand (Practise now, Study
    // ahead); 'mock': one question of a mock interview (mock_id). All are logged alike.
    kind: text('kind', { enum: ['drill', 'practice', 'mock'] })
      .notNull()
      .default('drill'),
    mockId: integer('mock_id').references(() => mocks.id),
    servedAt: integer('served_at').notNull(),
    deadlineAt: integer('deadline_at').notNull(),
    budgetSeconds: integer('budget_seconds').notNull(),
    // Until submit these hold the saved draft; from submit on they are the answer.
    code: text('code').notNull().default(''),
    notes: text('notes').notNull().default(''),
    hintsUsed: integer('hints_used').notNull().default(0),
    hintRevealedAt: text('hint_revealed_at', { mode: 'json' }).$type<number[]>().notNull(),
    draftSavedAt: integer('draft_saved_at'),
    submittedAt: integer('submitted_at'),
    durationSeconds: integer('duration_seconds'),
    overtime: integer('overtime', { mode: 'boolean' }),
    outcome: text('outcome', { enum: ['solved', 'partial', 'failed'] }),
    suggestedGrade: integer('suggested_grade'),
    gradeReason: text('grade_reason'),
    finalGrade: integer('final_grade'),
    gradedAt: integer('graded_at'),
    localDay: text('local_day'),
    stateBefore: integer('state_before'),
    stabilityBefore: real('stability_before'),
    difficultyBefore: real('difficulty_before'),
    dueBefore: integer('due_before'),
    lastReviewBefore: integer('last_review_before'),
    stateAfter: integer('state_after'),
    stabilityAfter: real('stability_after'),
    difficultyAfter: real('difficulty_after'),
    dueAfter: integer('due_after'),
    scheduledDaysAfter: integer('scheduled_days_after'),
    // Did grading this attempt move the card? False for practice that FSRS would not count (the
    // card was far from due): the review-log export marks it so the optimizer is not misled.
    rescheduled: integer('rescheduled', { mode: 'boolean' }).notNull().default(true),
    // The whole card before grading (null when the question was new), so the grade can be undone.
    cardBefore: text('card_before', { mode: 'json' }).$type<Record<string, number | null>>(),
    // What the harness found when the answer was submitted; null when nothing ran (runner off).
    casesPassed: integer('cases_passed'),
    casesTotal: integer('cases_total'),
    caseResults: text('case_results', { mode: 'json' }).$type<StoredCaseResult[]>(),
    // Set when the candidate chose another grade than the suggested one.
    overrideReason: text('override_reason'),
  },
  (t) => [
    // One open (unsubmitted or ungraded) attempt per user and track: two tabs share it. Mock
    // attempts are outside it: an algorithm round holds two open algorithm attempts, and a mock
    // never blocks the day's drill.
    uniqueIndex('attempts_one_open_per_track_uq')
      .on(t.userId, t.track)
      .where(sql`graded_at IS NULL AND kind <> 'mock'`),
    index('attempts_mock_idx').on(t.mockId),
    index('attempts_user_track_day_idx').on(t.userId, t.track, t.localDay),
    index('attempts_user_question_idx').on(t.userId, t.questionId),
    index('attempts_drill_idx').on(t.drillId),
    index('attempts_user_graded_idx').on(t.userId, t.gradedAt),
    // History pages list attempts by submission time, newest first.
    index('attempts_user_submitted_idx').on(t.userId, t.submittedAt),
  ],
);

/** Runs of "Optimise my schedule": the FSRS optimizer on the user's own review log. */
export const optimizerRuns = sqliteTable(
  'optimizer_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['running', 'done', 'failed', 'waiting'] }).notNull(),
    reviews: integer('reviews').notNull(),
    logLossBefore: real('log_loss_before'),
    rmseBefore: real('rmse_before'),
    logLossAfter: real('log_loss_after'),
    rmseAfter: real('rmse_after'),
    weights: text('weights', { mode: 'json' }).$type<number[]>(),
    message: text('message').notNull().default(''),
    createdAt: integer('created_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (t) => [index('optimizer_runs_user_idx').on(t.userId, t.id)],
);

/** One case's verdict as the attempt keeps it (the run row holds the full details). */
export type StoredCaseResult = {
  index: number;
  name: string;
  example: boolean;
  generated: boolean;
  verdict: 'passed' | 'failed' | 'error' | 'timeout';
  ms: number;
};

/** Every time a candidate's code ran in the sandbox: "Run examples", and the full run of a submit. */
export const runs = sqliteTable(
  'runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scope: text('scope', { enum: ['examples', 'all'] }).notNull(),
    code: text('code').notNull(),
    passed: integer('passed').notNull(),
    total: integer('total').notNull(),
    // Per-case verdicts with inputs and outputs for visible cases (cut at 8 KB each).
    results: text('results', { mode: 'json' }).$type<unknown[]>().notNull(),
    durationMs: integer('duration_ms').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('runs_attempt_idx').on(t.attemptId, t.id), index('runs_user_created_idx').on(t.userId, t.createdAt)],
);

export const groups = sqliteTable('groups', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  inviteCode: text('invite_code').notNull().unique(),
  leechThreshold: integer('leech_threshold').notNull().default(8),
  createdBy: integer('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: integer('created_at').notNull(),
});

export const groupMembers = sqliteTable(
  'group_members',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['coach', 'member'] }).notNull(),
    joinedAt: integer('joined_at').notNull(),
    // Leaving (or being removed) ends a coach's access at once; the row stays as a record.
    leftAt: integer('left_at'),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('group_members_user_idx').on(t.userId)],
);

export const feedback = sqliteTable(
  'feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => attempts.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    // Each group has its own thread on an attempt: one group's coaches never read another's.
    // Null only for rows written before threads belonged to groups whose group the 0002
    // migration could not recover (the candidate still sees them, read-only).
    groupId: integer('group_id').references(() => groups.id),
    body: text('body').notNull(),
    // The Markdown rendered once, when written: a thread page never renders Markdown. Null for
    // rows written before this column, rendered and stored the first time they are shown.
    bodyHtml: text('body_html'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('feedback_thread_idx').on(t.attemptId, t.groupId, t.id),
    index('feedback_group_idx').on(t.groupId, t.createdAt),
    index('feedback_author_idx').on(t.authorId, t.createdAt),
  ],
);

/**
 * When a user last read one thread (an attempt's feedback in one group): everything newer by
 * someone else is unread. Each reader has their own row, so one coach reading does not clear
 * another's inbox.
 */
export const feedbackReads = sqliteTable(
  'feedback_reads',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => attempts.id),
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id),
    readAt: integer('read_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.attemptId, t.groupId] })],
);

/** A coach asked a member to retry a question: its card was made due at created_at. */
export const retryRequests = sqliteTable(
  'retry_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id),
    coachId: integer('coach_id')
      .notNull()
      .references(() => users.id),
    memberId: integer('member_id')
      .notNull()
      .references(() => users.id),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    note: text('note').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('retry_requests_member_idx').on(t.memberId, t.createdAt)],
);

export const MOCK_FORMATS = ['scripting', 'algorithm', 'loop'] as const;
export type MockFormat = (typeof MOCK_FORMATS)[number];
export const MOCK_EVENT_KINDS = ['start', 'switch', 'run', 'submit', 'timeout', 'finish', 'note', 'released'] as const;
export type MockEventKind = (typeof MOCK_EVENT_KINDS)[number];
export const RUBRIC_KEYS = [
  'understanding',
  'correctness',
  'complexity',
  'quality',
  'testing',
  'communication',
] as const;
export type RubricKey = (typeof RUBRIC_KEYS)[number];
/** Each rubric dimension scored 1 (no hire) .. 4 (strong hire). */
export type RubricScores = Record<RubricKey, number>;

/**
 * A mock interview: one timed round of one or two questions on one server-owned clock.
 * Self-started mocks are created running; a coach's are created 'scheduled' and start when the
 * candidate opens them.
 */
export const mocks = sqliteTable(
  'mocks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // The candidate.
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    format: text('format', { enum: MOCK_FORMATS }).notNull(),
    status: text('status', { enum: ['scheduled', 'running', 'finished'] }).notNull(),
    // The coach who scheduled it, and the group they did it through; null when self-started.
    scheduledBy: integer('scheduled_by').references(() => users.id),
    groupId: integer('group_id').references(() => groups.id),
    questionChoice: text('question_choice', { enum: ['scheduler', 'coach'] }).notNull(),
    // Length of the round, fixed when the mock is created (format minutes x MOCK_MINUTES_SCALE).
    durationSeconds: integer('duration_seconds').notNull(),
    createdAt: integer('created_at').notNull(),
    // When a coach planned it for (informational: the candidate starts it).
    startsAt: integer('starts_at'),
    startedAt: integer('started_at'),
    // Server clock: started_at + duration. Past it, the mock is finished as it stands.
    endsAt: integer('ends_at'),
    finishedAt: integer('finished_at'),
    finishReason: text('finish_reason', { enum: ['submitted', 'timeout'] }),
    // The candidate's think-aloud, saved with the drafts.
    candidateNotes: text('candidate_notes').notNull().default(''),
    // The question tab the candidate has open (0-based).
    activePosition: integer('active_position').notNull().default(0),
  },
  (t) => [
    // At most one running mock per user: a second start is refused (409).
    uniqueIndex('mocks_one_running_uq').on(t.userId).where(sql`status = 'running'`),
    index('mocks_user_created_idx').on(t.userId, t.createdAt),
    index('mocks_group_idx').on(t.groupId, t.createdAt),
    // Startup and the timer look for running mocks past their end.
    index('mocks_status_ends_idx').on(t.status, t.endsAt),
  ],
);

/** The questions of a mock in order; each answer lives in its attempt (kind 'mock'). */
export const mockQuestions = sqliteTable(
  'mock_questions',
  {
    mockId: integer('mock_id')
      .notNull()
      .references(() => mocks.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    // Null until the mock starts (a scheduled mock has its questions but no attempts yet).
    attemptId: integer('attempt_id').references(() => attempts.id),
  },
  (t) => [primaryKey({ columns: [t.mockId, t.position] }), index('mock_questions_attempt_idx').on(t.attemptId)],
);

/**
 * What happened during a mock, stamped with the server clock. The id doubles as the SSE event
 * id for the live view. Code snapshots are not events: the draft lives in the attempt.
 */
export const mockEvents = sqliteTable(
  'mock_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mockId: integer('mock_id')
      .notNull()
      .references(() => mocks.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    kind: text('kind', { enum: MOCK_EVENT_KINDS }).notNull(),
    position: integer('position'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('mock_events_mock_idx').on(t.mockId, t.id)],
);

/** The rubric: one by the candidate, one by the coach (shown to the candidate once released). */
export const mockScorecards = sqliteTable(
  'mock_scorecards',
  {
    mockId: integer('mock_id')
      .notNull()
      .references(() => mocks.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['candidate', 'coach'] }).notNull(),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    scores: text('scores', { mode: 'json' }).$type<RubricScores>().notNull(),
    wouldAdvance: integer('would_advance', { mode: 'boolean' }).notNull(),
    summary: text('summary').notNull().default(''),
    updatedAt: integer('updated_at').notNull(),
    // Coach only: when the candidate was allowed to see it.
    releasedAt: integer('released_at'),
  },
  (t) => [primaryKey({ columns: [t.mockId, t.role] })],
);

/** Interviewer notes, private to the coaches (never released), stamped with the mock's clock. */
export const mockNotes = sqliteTable(
  'mock_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mockId: integer('mock_id')
      .notNull()
      .references(() => mocks.id, { onDelete: 'cascade' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    // Seconds since the mock started when the note was written.
    atSeconds: integer('at_seconds').notNull(),
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('mock_notes_mock_idx').on(t.mockId, t.id)],
);

export type MockRow = typeof mocks.$inferSelect;
export type MockQuestionRow = typeof mockQuestions.$inferSelect;
export type MockEventRow = typeof mockEvents.$inferSelect;
export type MockScorecardRow = typeof mockScorecards.$inferSelect;
export type MockNoteRow = typeof mockNotes.$inferSelect;

export type UserRow = typeof users.$inferSelect;
export type QuestionRow = typeof questions.$inferSelect;
export type CardRow = typeof cards.$inferSelect;
export type AttemptRow = typeof attempts.$inferSelect;
export type DrillRow = typeof drills.$inferSelect;
export type TrackSettingsRow = typeof trackSettings.$inferSelect;
export type RunRow = typeof runs.$inferSelect;
export type OptimizerRunRow = typeof optimizerRuns.$inferSelect;
