import { z } from 'zod';
import type { AttemptRow, MockEventRow, MockFormat, MockRow, RubricScores } from '../db/schema.js';
import { MOCK_FORMATS, type RUBRIC_KEYS } from '../db/schema.js';
import type { DrillsRepository } from '../drills/drills.repository.js';
import { type DrillUser, MAX_CODE_LENGTH, runView } from '../drills/drills.service.js';
import { type Outcome, outcomeFromTests, suggestGrade } from '../drills/grading.js';
import type { DrillQueue } from '../drills/queue.js';
import type { Catalog, CatalogQuestion } from '../questions/catalog.js';
import type { CaseVerdict, RunReport } from '../questions/harness/harness.js';
import { createRunnerUnavailableError } from '../runner/runner.errors.js';
import { type RunnerService, type RunView, storedResults } from '../runner/runner.service.js';
import type { RunsRepository } from '../runner/runs.repository.js';
import { budgetMinutes } from '../scheduling/presets.js';
import type { SettingsRepository } from '../settings/settings.repository.js';
import type { Clock } from '../shared/clock.js';
import { dayStart, localDay, shiftDay } from '../shared/days.js';
import { createConflictError, createNotFoundError, createValidationError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { Track } from '../shared/validation.js';
import type { RubricPoint } from './mocks.chart.js';
import {
  createMockAlreadyRunningError,
  createMockNotFinishedError,
  createMockNotRunningError,
  createNoMockQuestionsError,
} from './mocks.errors.js';
import type { MocksRepository } from './mocks.repository.js';

export const MOCK_FORMAT_INFO: Record<MockFormat, { label: string; minutes: number; description: string }> = {
  scripting: {
    label: 'Scripting round',
    minutes: 45,
    description: '45 minutes, one or two DevOps scripting questions (two when they fit your time budgets).',
  },
  algorithm: {
    label: 'Algorithm round',
    minutes: 45,
    description: '45 minutes, two algorithm questions: a Medium, then a Medium or Hard.',
  },
  loop: {
    label: 'Full loop',
    minutes: 75,
    description: '75 minutes, one scripting and one algorithm question.',
  },
};

/** What each level of each rubric dimension means (shown beside the form, and to coaches). */
export const RUBRIC: { key: (typeof RUBRIC_KEYS)[number]; label: string; levels: [string, string, string, string] }[] =
  [
    {
      key: 'understanding',
      label: 'Problem understanding',
      levels: [
        'Started coding without understanding the problem',
        'Understood it after false starts or with help',
        'Clarified inputs, outputs and edge cases before coding',
        'Drove the clarification; spotted hidden constraints',
      ],
    },
    {
      key: 'correctness',
      label: 'Correctness',
      levels: [
        'Does not work on the examples',
        'Works on the examples, fails other cases',
        'Passes the tests with minor gaps',
        'Passes every test, edge cases handled',
      ],
    },
    {
      key: 'complexity',
      label: 'Complexity',
      levels: [
        'Could not state the time or space cost',
        'A working but needlessly slow approach',
        'An efficient approach, cost stated correctly',
        'Optimal, with the trade-offs explained',
      ],
    },
    {
      key: 'quality',
      label: 'Code quality',
      levels: [
        'Hard to read; unclear names, no structure',
        'Readable in parts; some duplication or tangles',
        'Clear names and functions, idiomatic Python',
        'Production-ready: clean, small, idiomatic',
      ],
    },
    {
      key: 'testing',
      label: 'Testing',
      levels: [
        'Did not test',
        'Ran the examples only',
        'Tried own cases, including edge cases',
        'Tested systematically and found own bugs',
      ],
    },
    {
      key: 'communication',
      label: 'Communication',
      levels: [
        'Silent, or hard to follow',
        'Explained when asked',
        'Thought aloud through the main decisions',
        'Clear throughout; an interviewer could follow every step',
      ],
    },
  ];

/** A draft arriving this long after the clock ran out still counts (it was typed in time). */
/** A round's length in seconds: the format's minutes, scaled by MOCK_MINUTES_SCALE (tests), at least 5 s. */
export function mockDurationSeconds(format: MockFormat, minutesScale: number): number {
  return Math.max(5, Math.round(MOCK_FORMAT_INFO[format].minutes * 60 * minutesScale));
}

export const MOCK_GRACE_MS = 5000;
export const MAX_MOCK_NOTES = 20_000;
export const MAX_SUMMARY = 2000;
/** A question graded this recently (user days) is never picked for a mock. */
const RECENT_DAYS = 7;
/** A review due within this many user days counts as "nearly due". */
const NEARLY_DUE_DAYS = 3;

const lf = (s: string) => s.replace(/\r\n?/g, '\n');
const positionSchema = z.coerce
  .number({ message: 'position must be a number' })
  .int('position must be a whole number')
  .min(0, 'position must be 0 or more')
  .max(9, 'position is out of range');

export const startSchema = z.object({
  format: z.enum(MOCK_FORMATS, { message: 'pick a format: scripting, algorithm or loop' }),
});
export const draftSchema = z.object({
  position: positionSchema,
  // The tab open when the draft was sent (a draft of another question may be saved meanwhile).
  active: positionSchema.optional(),
  code: z
    .string({ message: 'code must be text' })
    .max(MAX_CODE_LENGTH, `code can be at most ${MAX_CODE_LENGTH} characters`)
    .default('')
    .transform(lf),
  notes: z
    .string({ message: 'notes must be text' })
    .max(MAX_MOCK_NOTES, `notes can be at most ${MAX_MOCK_NOTES} characters`)
    .optional()
    .transform((v) => (v === undefined ? undefined : lf(v))),
});
export const notesSchema = z.object({
  notes: z
    .string({ message: 'notes must be text' })
    .max(MAX_MOCK_NOTES, `notes can be at most ${MAX_MOCK_NOTES} characters`)
    .default('')
    .transform(lf),
});
export const submitSchema = draftSchema.extend({
  outcome: z
    .enum(['solved', 'partial', 'failed'], { message: 'pick an outcome: solved, partial or failed' })
    .optional(),
});
const level = (label: string) =>
  z.coerce
    .number({ message: `${label}: pick a level from 1 to 4` })
    .int(`${label}: pick a level from 1 to 4`)
    .min(1, `${label}: pick a level from 1 to 4`)
    .max(4, `${label}: pick a level from 1 to 4`);
export const rubricSchema = z.object({
  understanding: level('Problem understanding'),
  correctness: level('Correctness'),
  complexity: level('Complexity'),
  quality: level('Code quality'),
  testing: level('Testing'),
  communication: level('Communication'),
  wouldAdvance: z.enum(['yes', 'no'], { message: 'say whether this round would advance: yes or no' }),
  summary: z
    .string({ message: 'the summary must be text' })
    .max(MAX_SUMMARY, `the summary can be at most ${MAX_SUMMARY} characters`)
    .default('')
    .transform((v) => lf(v).trim()),
});

// Routes take the row types from here, never from the schema.
export type { MockRow };

/** What the live view (src/mocks/live.hub.ts) hears: events as stored, drafts as typed, the end. */
export type MockListener = {
  event?: (event: MockEventRow) => void;
  draft?: (draft: { mockId: number; position: number; code: string; at: number }) => void;
  ended?: (mockId: number) => void;
};

export type MockQuestionView = {
  position: number;
  question: CatalogQuestion;
  attempt: AttemptRow;
  run: RunView | null;
};

export function createMocksService({
  mocksRepository,
  drillsRepository,
  settingsRepository,
  gradeMockAttempt,
  queue,
  runsRepository,
  runner,
  catalog,
  clock,
  minutesScale = 1,
  listener = {},
}: {
  mocksRepository: MocksRepository;
  drillsRepository: DrillsRepository;
  settingsRepository: SettingsRepository;
  /** drillsService.gradeMockAttempt: the card's review, as a drill's grade does it. */
  gradeMockAttempt: (args: { user: DrillUser; attempt: AttemptRow }) => unknown;
  queue: DrillQueue;
  runsRepository: RunsRepository;
  runner: RunnerService;
  catalog: Catalog;
  clock: Clock;
  /** MOCK_MINUTES_SCALE: shortens every round (tests); 1 in real use. */
  minutesScale?: number;
  listener?: MockListener;
}) {
  const finishing = new Map<number, Promise<void>>();

  function addEvent(values: Parameters<MocksRepository['addEvent']>[0]) {
    const event = mocksRepository.addEvent(values);
    listener.event?.(event);
    return event;
  }

  function questionOf(questionId: string): CatalogQuestion {
    const q = catalog.get(questionId);
    if (!q) throw new Error(`question ${questionId} is not in the catalog`);
    return q;
  }

  function ownMock(user: DrillUser, mockId: number): MockRow {
    const mock = mocksRepository.findMock(mockId);
    if (!mock || mock.userId !== user.id) throw createNotFoundError('mock interview');
    return mock;
  }

  /**
   * The scheduler's picks for a track: reviews due or nearly due first (soonest first), then unseen
   * questions from the focus, then the rest of the track; never a question graded in the last 7
   * user days, never a suspended or retired one.
   */
  function candidates({ user, track, now }: { user: DrillUser; track: Track; now: Date }): CatalogQuestion[] {
    const today = localDay(now, user);
    const recent = new Set(
      mocksRepository.gradedSince({ userId: user.id, track, day: shiftDay(today, -(RECENT_DAYS - 1)) }),
    );
    const nearlyDueBy = dayStart(shiftDay(today, NEARLY_DUE_DAYS + 1), user);
    const cards = mocksRepository.cardsOf({ userId: user.id, track });
    const ok = (q: CatalogQuestion | undefined): q is CatalogQuestion => q !== undefined && !recent.has(q.id);
    const due = cards
      .filter((c) => !c.suspended && c.due < nearlyDueBy)
      .sort((a, b) => a.due - b.due)
      .map((c) => catalog.get(c.questionId))
      .filter(ok);
    const preset = settingsRepository.getPreset({ userId: user.id, track });
    const unseen = queue.newQuestions({ user, track, preset }).unseen.filter(ok);
    return [...due, ...unseen];
  }

  function pickQuestions({ user, format, now }: { user: DrillUser; format: MockFormat; now: Date }): CatalogQuestion[] {
    if (format === 'algorithm') {
      const pool = candidates({ user, track: 'algorithm', now });
      const first = pool.find((q) => q.difficulty === 'Medium');
      const second = pool.find((q) => q !== first && (q.difficulty === 'Medium' || q.difficulty === 'Hard'));
      if (!first || !second) throw createNoMockQuestionsError(MOCK_FORMAT_INFO.algorithm.label);
      return [first, second];
    }
    if (format === 'loop') {
      const scripting = candidates({ user, track: 'scripting', now })[0];
      const pool = candidates({ user, track: 'algorithm', now });
      const algorithm = pool.find((q) => q.difficulty !== 'Easy') ?? pool[0];
      if (!scripting || !algorithm) throw createNoMockQuestionsError(MOCK_FORMAT_INFO.loop.label);
      return [scripting, algorithm];
    }
    // A scripting round holds a second question only when both fit the round by the candidate's
    // own time budgets: a scripting prompt is sized for 20-45 minutes, and a second question
    // that cannot be finished only measures typing speed.
    const pool = candidates({ user, track: 'scripting', now });
    const first = pool[0];
    if (!first) throw createNoMockQuestionsError(MOCK_FORMAT_INFO.scripting.label);
    const preset = settingsRepository.getPreset({ userId: user.id, track: 'scripting' });
    const minutes = (q: CatalogQuestion) => budgetMinutes(preset, q.difficulty, q.timeBudgetMinutes);
    const second = pool.find((q) => q !== first && minutes(first) + minutes(q) <= MOCK_FORMAT_INFO.scripting.minutes);
    return second ? [first, second] : [first];
  }

  const durationOf = (format: MockFormat) => mockDurationSeconds(format, minutesScale);

  /** Opens one attempt per question and starts the clock (inside the caller's transaction). */
  function openAttempts(user: DrillUser, mock: MockRow, startedAt: number, endsAt: number) {
    for (const mq of mocksRepository.mockQuestions(mock.id)) {
      const question = questionOf(mq.questionId);
      const preset = settingsRepository.getPreset({ userId: user.id, track: question.track });
      const attempt = mocksRepository.createAttempt({
        userId: user.id,
        mockId: mock.id,
        questionId: question.id,
        track: question.track,
        servedAt: startedAt,
        deadlineAt: endsAt,
        // The question's own budget: the suggested grade weighs the time against it.
        budgetSeconds: budgetMinutes(preset, question.difficulty, question.timeBudgetMinutes) * 60,
        code: question.starter,
      });
      mocksRepository.linkAttempt({ mockId: mock.id, position: mq.position, attemptId: attempt.id });
    }
    addEvent({ mockId: mock.id, at: startedAt, kind: 'start', position: 0 });
  }

  function questionsOf(mock: MockRow, user: DrillUser): MockQuestionView[] {
    return mocksRepository.mockAttempts(mock.id).flatMap((mq) => {
      if (!mq.attempt) return [];
      const latest = runsRepository.latestForAttempt({ attemptId: mq.attempt.id, userId: user.id });
      return [
        {
          position: mq.position,
          question: questionOf(mq.questionId),
          attempt: mq.attempt,
          run: latest ? runView(latest, { submitted: mq.attempt.submittedAt !== null }) : null,
        },
      ];
    });
  }

  function attemptAt(mock: MockRow, position: number): AttemptRow {
    const found = mocksRepository.mockAttempts(mock.id).find((mq) => mq.position === position);
    if (!found?.attempt) throw createNotFoundError('question');
    return found.attempt;
  }

  /** The answer stored as submitted, with the tests' outcome (inside the caller's transaction). */
  function markSubmitted({
    attempt,
    code,
    receivedAt,
    report,
    selfReported,
  }: {
    attempt: AttemptRow;
    code: string;
    receivedAt: number;
    report: RunReport | null;
    selfReported: Outcome;
  }) {
    const durationSeconds = Math.max(0, Math.round((receivedAt - attempt.servedAt) / 1000));
    const cases = report ? { passed: report.passed, total: report.total } : undefined;
    const outcome = cases ? outcomeFromTests(cases) : selfReported;
    const { grade, reason } = suggestGrade({
      outcome,
      durationSeconds,
      budgetSeconds: attempt.budgetSeconds,
      hintsUsed: 0,
      ...(cases ? { cases } : {}),
    });
    if (report)
      runsRepository.insert({
        attemptId: attempt.id,
        userId: attempt.userId,
        scope: 'all',
        code,
        passed: report.passed,
        total: report.total,
        results: report.cases,
        durationMs: report.ms,
        createdAt: clock.now().getTime(),
      });
    return drillsRepository.markSubmitted({
      attemptId: attempt.id,
      code,
      notes: '',
      submittedAt: receivedAt,
      durationSeconds,
      overtime: receivedAt > attempt.deadlineAt,
      outcome,
      suggestedGrade: grade,
      gradeReason: reason,
      casesPassed: report ? report.passed : null,
      casesTotal: report ? report.total : null,
      caseResults: report ? storedResults(report.cases) : null,
    });
  }

  /** Runs every case of an answer, or null where code cannot run here. */
  async function testsOf(userId: number, question: CatalogQuestion, code: string): Promise<RunReport | null> {
    if (!runner.available() || !question.harness) return null;
    try {
      return await runner.execute({ userId, question: question.harness, code, scope: 'all' });
    } catch {
      // Busy or failed: the answer is stored all the same; its tests are unknown.
      return null;
    }
  }

  /**
   * Ends a mock: every question not yet submitted is submitted as it stands (its saved draft),
   * its tests run, and every answer is graded as a review. Once per mock, whoever asks first
   * (a request, the timer, startup); the others wait for the same work.
   */
  function finalise(mockId: number, reason: 'submitted' | 'timeout'): Promise<void> {
    const pending = finishing.get(mockId);
    if (pending) return pending;
    const work = (async () => {
      const mock = mocksRepository.findMock(mockId);
      if (!mock) return;
      const user = mocksRepository.candidateOf(mock.userId);
      if (!user) return;
      const now = clock.now().getTime();
      // The answer counts as given when the clock ran out, not when the timer noticed.
      const receivedAt = reason === 'timeout' && mock.endsAt !== null ? Math.min(now, mock.endsAt) : now;
      const ended = mocksRepository.transaction(() => {
        const changed = mocksRepository.markFinished({ mockId, finishedAt: receivedAt, finishReason: reason });
        if (changed && reason === 'timeout') addEvent({ mockId, at: now, kind: 'timeout' });
        return changed;
      });
      if (ended) listener.ended?.(mockId);
      for (const mq of mocksRepository.mockAttempts(mockId)) {
        const attempt = mq.attempt;
        if (!attempt || attempt.submittedAt !== null) continue;
        const question = questionOf(attempt.questionId);
        const report = await testsOf(user.id, question, attempt.code);
        mocksRepository.transaction(() => {
          const current = drillsRepository.findAttempt({ userId: user.id, attemptId: attempt.id });
          if (!current || current.submittedAt !== null) return;
          // Without a runner nothing says how it went: an answer the candidate never submitted is not solved.
          markSubmitted({ attempt: current, code: current.code, receivedAt, report, selfReported: 'failed' });
          addEvent({
            mockId,
            at: now,
            kind: 'submit',
            position: mq.position,
            detail: { auto: true, passed: report?.passed ?? null, total: report?.total ?? null },
          });
        });
      }
      mocksRepository.transaction(() => {
        for (const mq of mocksRepository.mockAttempts(mockId)) {
          if (mq.attempt && mq.attempt.submittedAt !== null && mq.attempt.gradedAt === null)
            gradeMockAttempt({ user, attempt: mq.attempt });
        }
        if (ended) addEvent({ mockId, at: clock.now().getTime(), kind: 'finish', detail: { reason } });
      });
    })();
    finishing.set(mockId, work);
    return work.finally(() => finishing.delete(mockId));
  }

  const expired = (mock: MockRow, now: number, graceMs = 0) =>
    mock.status === 'running' && mock.endsAt !== null && now >= mock.endsAt + graceMs;

  /** A request touching a mock first finishes it if its time ran out. */
  async function settle(mock: MockRow): Promise<MockRow> {
    if (expired(mock, clock.now().getTime()) || finishing.has(mock.id)) {
      await finalise(mock.id, 'timeout');
      return mocksRepository.findMock(mock.id) ?? mock;
    }
    return mock;
  }

  async function runningMock(user: DrillUser, mockId: number, graceMs = 0): Promise<MockRow> {
    const mock = ownMock(user, mockId);
    if (mock.status !== 'running') throw createMockNotRunningError();
    if (expired(mock, clock.now().getTime(), graceMs) || finishing.has(mock.id)) {
      await finalise(mock.id, 'timeout');
      throw createMockNotRunningError();
    }
    return mock;
  }

  return {
    formats: MOCK_FORMAT_INFO,
    durationOf,
    /** Can code run on this server ("Run examples", tests on submit)? */
    canRun: () => runner.available(),

    /** POST /mocks: a running mock of the scheduler's questions (409 while another runs). */
    async start({ user, format }: { user: DrillUser; format: MockFormat }): Promise<{ mock: MockRow }> {
      const running = mocksRepository.findRunningMock(user.id);
      if (running) await settle(running);
      return mocksRepository.transaction(() => {
        const again = mocksRepository.findRunningMock(user.id);
        if (again) throw createMockAlreadyRunningError(again.id);
        const now = clock.now();
        const questions = pickQuestions({ user, format, now });
        const durationSeconds = durationOf(format);
        const startedAt = now.getTime();
        const endsAt = startedAt + durationSeconds * 1000;
        const mock = mocksRepository.createMock({
          userId: user.id,
          format,
          status: 'running',
          scheduledBy: null,
          groupId: null,
          questionChoice: 'scheduler',
          durationSeconds,
          createdAt: startedAt,
          startedAt,
          endsAt,
          questionIds: questions.map((q) => q.id),
        });
        openAttempts(user, mock, startedAt, endsAt);
        return { mock: mocksRepository.findMock(mock.id) ?? mock };
      });
    },

    /** A mock a coach scheduled: the candidate starts its clock (409 while another runs). */
    async startScheduled({ user, mockId }: { user: DrillUser; mockId: number }): Promise<{ mock: MockRow }> {
      const running = mocksRepository.findRunningMock(user.id);
      if (running) await settle(running);
      return mocksRepository.transaction(() => {
        const mock = ownMock(user, mockId);
        if (mock.status !== 'scheduled') throw createConflictError('This mock interview has already started.');
        const again = mocksRepository.findRunningMock(user.id);
        if (again) throw createMockAlreadyRunningError(again.id);
        const startedAt = clock.now().getTime();
        const endsAt = startedAt + mock.durationSeconds * 1000;
        // "Let the scheduler pick": chosen now, by the candidate's schedule on the day they start.
        if (mock.questionChoice === 'scheduler' && mocksRepository.mockQuestions(mockId).length === 0)
          mocksRepository.addQuestions({
            mockId,
            questionIds: pickQuestions({ user, format: mock.format, now: clock.now() }).map((q) => q.id),
          });
        mocksRepository.markStarted({ mockId, startedAt, endsAt });
        openAttempts(user, mock, startedAt, endsAt);
        return { mock: mocksRepository.findMock(mockId) ?? mock };
      });
    },

    /** The mock page's data; a mock whose time ran out is finished first. */
    async get({ user, mockId }: { user: DrillUser; mockId: number }) {
      const mock = await settle(ownMock(user, mockId));
      const now = clock.now().getTime();
      return {
        mock,
        questions: questionsOf(mock, user),
        remainingSeconds:
          mock.endsAt === null ? mock.durationSeconds : Math.max(0, Math.round((mock.endsAt - now) / 1000)),
        elapsedSeconds: mock.startedAt === null ? 0 : Math.max(0, Math.round((now - mock.startedAt) / 1000)),
      };
    },

    /** Autosave: one question's code, the think-aloud notes, and which tab is open. */
    async saveDraft({
      user,
      mockId,
      position,
      code,
      notes,
      active = position,
    }: {
      user: DrillUser;
      mockId: number;
      position: number;
      code: string;
      notes?: string | undefined;
      active?: number | undefined;
    }) {
      const mock = await runningMock(user, mockId, MOCK_GRACE_MS);
      const attempt = attemptAt(mock, position);
      // A tab that does not exist is refused (404) like a question that does not.
      if (active !== position) attemptAt(mock, active);
      const now = clock.now().getTime();
      mocksRepository.transaction(() => {
        if (attempt.submittedAt === null) drillsRepository.saveDraft({ attemptId: attempt.id, code, notes: '', now });
        mocksRepository.saveCandidateState({
          mockId,
          activePosition: active,
          ...(notes === undefined ? {} : { candidateNotes: notes }),
        });
        if (mock.activePosition !== active)
          addEvent({ mockId, at: now, kind: 'switch', position: active, detail: { from: mock.activePosition } });
      });
      if (attempt.submittedAt === null) listener.draft?.({ mockId, position, code, at: now });
      return { savedAt: now, submitted: attempt.submittedAt !== null };
    },

    async saveNotes({ user, mockId, notes }: { user: DrillUser; mockId: number; notes: string }) {
      await runningMock(user, mockId, MOCK_GRACE_MS);
      mocksRepository.saveCandidateState({ mockId, candidateNotes: notes });
      return { savedAt: clock.now().getTime() };
    },

    /** "Run examples" on one question: the draft is saved first, so a refused run loses nothing. */
    async run({ user, mockId, position, code }: { user: DrillUser; mockId: number; position: number; code: string }) {
      const mock = await runningMock(user, mockId);
      const attempt = attemptAt(mock, position);
      if (attempt.submittedAt !== null) throw createConflictError('This question was already submitted.');
      const question = questionOf(attempt.questionId);
      if (!runner.available() || !question.harness) throw createRunnerUnavailableError();
      drillsRepository.saveDraft({ attemptId: attempt.id, code, notes: '', now: clock.now().getTime() });
      listener.draft?.({ mockId, position, code, at: clock.now().getTime() });
      const report = await runner.execute({ userId: user.id, question: question.harness, code, scope: 'examples' });
      const run = runsRepository.insert({
        attemptId: attempt.id,
        userId: user.id,
        scope: 'examples',
        code,
        passed: report.passed,
        total: report.total,
        results: report.cases as CaseVerdict[],
        durationMs: report.ms,
        createdAt: clock.now().getTime(),
      });
      addEvent({
        mockId,
        at: clock.now().getTime(),
        kind: 'run',
        position,
        detail: { passed: report.passed, total: report.total },
      });
      return { run: runView(run, { submitted: false }) };
    },

    /**
     * Submit one question through the sandbox (every case). The last question submitted ends the
     * mock. Without a runner the candidate says how it went.
     */
    async submit({
      user,
      mockId,
      position,
      code,
      outcome,
    }: {
      user: DrillUser;
      mockId: number;
      position: number;
      code: string;
      outcome?: Outcome | undefined;
    }): Promise<{ mock: MockRow; finished: boolean }> {
      const receivedAt = clock.now().getTime();
      const mock = await runningMock(user, mockId);
      const attempt = attemptAt(mock, position);
      if (attempt.submittedAt !== null) return { mock, finished: false };
      const question = questionOf(attempt.questionId);
      const canRun = runner.available() && question.harness !== null;
      if (!canRun && !outcome) throw createValidationError(['pick an outcome: solved, partial or failed']);
      drillsRepository.saveDraft({ attemptId: attempt.id, code, notes: '', now: receivedAt });
      // A busy or rate-limited runner refuses the submit (503/429, the draft kept): try again.
      const report =
        canRun && question.harness
          ? await runner.execute({ userId: user.id, question: question.harness, code, scope: 'all' })
          : null;
      const allDone = mocksRepository.transaction(() => {
        const current = drillsRepository.findAttempt({ userId: user.id, attemptId: attempt.id });
        if (!current || current.submittedAt !== null) return false;
        markSubmitted({ attempt: current, code, receivedAt, report, selfReported: outcome ?? 'failed' });
        addEvent({
          mockId,
          at: receivedAt,
          kind: 'submit',
          position,
          detail: { passed: report?.passed ?? null, total: report?.total ?? null },
        });
        return mocksRepository.mockAttempts(mockId).every((mq) => mq.attempt?.submittedAt !== null);
      });
      if (allDone) await finalise(mockId, 'submitted');
      return { mock: mocksRepository.findMock(mockId) ?? mock, finished: allDone };
    },

    /** "End interview": every question not yet submitted goes in as it stands. */
    async finish({ user, mockId }: { user: DrillUser; mockId: number }) {
      const mock = ownMock(user, mockId);
      if (mock.status === 'finished') return { mock };
      if (mock.status !== 'running') throw createMockNotRunningError();
      await finalise(mockId, expired(mock, clock.now().getTime()) ? 'timeout' : 'submitted');
      return { mock: mocksRepository.findMock(mockId) ?? mock };
    },

    /**
     * Finishes every running mock whose time ran out more than the grace ago, and completes mocks
     * the process stopped finishing (the in-process timer, and startup).
     */
    async sweep(): Promise<number> {
      const now = clock.now().getTime();
      const due = [
        ...mocksRepository.expiredRunningMocks(now - MOCK_GRACE_MS),
        ...mocksRepository.finishedWithUngraded(),
      ];
      for (const mock of due)
        await finalise(mock.id, mock.status === 'finished' ? (mock.finishReason ?? 'timeout') : 'timeout');
      return due.length;
    },

    /** The scorecard page: per question results, time and runs before the first pass; the rubrics. */
    async scorecard({ user, mockId }: { user: DrillUser; mockId: number }) {
      const mock = await settle(ownMock(user, mockId));
      if (mock.status !== 'finished') throw createMockNotFinishedError();
      const rows = mocksRepository.mockAttempts(mockId);
      const attemptIds = rows.map((r) => r.attemptId).filter((id): id is number => id !== null);
      const runs = mocksRepository.runsOf(attemptIds);
      const events = mocksRepository.eventsAfter({ mockId });
      const questions = rows.flatMap((mq) => {
        const attempt = mq.attempt;
        if (!attempt) return [];
        const own = runs.filter((r) => r.attemptId === attempt.id && r.scope === 'examples');
        const firstPass = own.findIndex((r) => r.total > 0 && r.passed === r.total);
        return [
          {
            position: mq.position,
            question: questionOf(mq.questionId),
            attempt,
            runs: own.length,
            runsBeforeFirstPass: firstPass === -1 ? null : firstPass,
            secondsOnTab: secondsOnTab({ mock, events, position: mq.position }),
            autoSubmitted: events.some(
              (e) => e.kind === 'submit' && e.position === mq.position && (e.detail as { auto?: boolean } | null)?.auto,
            ),
          },
        ];
      });
      const own = mocksRepository.scorecard({ mockId, role: 'candidate' }) ?? null;
      const coach = mocksRepository.scorecard({ mockId, role: 'coach' });
      return { mock, questions, own, coach: coach?.releasedAt ? coach : null };
    },

    saveRubric({
      user,
      mockId,
      scores,
      wouldAdvance,
      summary,
    }: {
      user: DrillUser;
      mockId: number;
      scores: RubricScores;
      wouldAdvance: boolean;
      summary: string;
    }) {
      const mock = ownMock(user, mockId);
      if (mock.status !== 'finished') throw createMockNotFinishedError();
      mocksRepository.saveScorecard({
        mockId,
        role: 'candidate',
        authorId: user.id,
        scores,
        wouldAdvance,
        summary,
        updatedAt: clock.now().getTime(),
      });
    },

    /** The candidate's mocks, newest first, with their questions and scorecards. */
    list({ user }: { user: DrillUser }) {
      const mocks = mocksRepository.listMocksOfUser(user.id);
      const cards = mocksRepository.scorecards(mocks.map((m) => m.id));
      return mocks.map((mock) => ({
        mock,
        questions: mocksRepository.mockAttempts(mock.id).map((mq) => ({
          position: mq.position,
          title: catalog.get(mq.questionId)?.title ?? mq.questionId,
          attempt: mq.attempt,
        })),
        own: cards.find((c) => c.mockId === mock.id && c.role === 'candidate') ?? null,
        coach: cards.find((c) => c.mockId === mock.id && c.role === 'coach' && c.releasedAt !== null) ?? null,
      }));
    },

    /** Finished mocks with a rubric, oldest first: the Stats chart of rubric scores over time. */
    rubricHistory({ user }: { user: DrillUser }): RubricPoint[] {
      const finished = mocksRepository
        .listMocksOfUser(user.id)
        .filter((m) => m.status === 'finished')
        .reverse();
      const cards = mocksRepository.scorecards(finished.map((m) => m.id));
      return finished.flatMap((mock) => {
        const own = cards.find((c) => c.mockId === mock.id && c.role === 'candidate');
        const coach = cards.find((c) => c.mockId === mock.id && c.role === 'coach' && c.releasedAt !== null);
        if (!own && !coach) return [];
        return [
          {
            mockId: mock.id,
            at: mock.startedAt ?? mock.createdAt,
            format: MOCK_FORMAT_INFO[mock.format].label,
            own: own?.scores ?? null,
            coach: coach?.scores ?? null,
          },
        ];
      });
    },

    /** Finished mocks still running at startup, and the timer: see sweep. */
    finalise,
  };
}

/** Seconds the candidate spent on one question's tab, from the switch events. */
function secondsOnTab({ mock, events, position }: { mock: MockRow; events: MockEventRow[]; position: number }): number {
  if (mock.startedAt === null) return 0;
  const end = mock.finishedAt ?? mock.endsAt ?? mock.startedAt;
  let active = 0;
  let since = mock.startedAt;
  let total = 0;
  for (const e of events) {
    if (e.kind !== 'switch' || e.position === null) continue;
    if (active === position) total += e.at - since;
    active = e.position;
    since = e.at;
  }
  if (active === position) total += Math.max(0, end - since);
  return Math.round(total / 1000);
}

export type MocksService = ReturnType<typeof createMocksService>;

/** Finishes expired mocks now and every `intervalMs` (unref'd: it never keeps the process up). */
export function startMockTimer({
  mocksService,
  intervalMs,
  logger,
}: {
  mocksService: Pick<MocksService, 'sweep'>;
  intervalMs: number;
  logger: Logger;
}): () => void {
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    mocksService
      .sweep()
      .then((n) => {
        if (n > 0) logger.info(`mocks: finished ${n} mock interview(s) whose time ran out`);
      })
      .catch((err: unknown) =>
        logger.error('mocks: the timer could not finish a mock', {
          error: err instanceof Error ? err.message : String(err),
        }),
      )
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
