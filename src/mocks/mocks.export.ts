import type { MockRow, MockScorecardRow } from '../db/schema.js';
import { RUBRIC_KEYS } from '../db/schema.js';
import type { Cell } from '../export/csv.js';
import type { GroupsService } from '../groups/groups.service.js';
import type { Catalog } from '../questions/catalog.js';
import type { Clock } from '../shared/clock.js';
import type { MocksRepository } from './mocks.repository.js';

/** One row per mock question: the round, the question's tests and times, and both rubrics. */
export const MOCK_COLUMNS = [
  'mock_id',
  'username',
  'format',
  'status',
  'started_at',
  'finished_at',
  'finish_reason',
  'duration_minutes',
  'scheduled_by_coach',
  'position',
  'question_id',
  'title',
  'track',
  'difficulty',
  'attempt_id',
  'outcome',
  'tests_passed',
  'tests_total',
  'submitted_after_seconds',
  'auto_submitted',
  'runs',
  'runs_before_first_pass',
  'final_grade',
  ...RUBRIC_KEYS.map((k) => `candidate_${k}`),
  'candidate_would_advance',
  ...RUBRIC_KEYS.map((k) => `coach_${k}`),
  'coach_would_advance',
] as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function createMocksExport({
  mocksRepository,
  groupsService,
  catalog,
  clock,
}: {
  mocksRepository: MocksRepository;
  groupsService: GroupsService;
  catalog: Catalog;
  clock: Clock;
}) {
  const stamp = () => clock.now().toISOString().slice(0, 10);

  /** Rows for these mocks; a coach's rubric appears only once released (own), or always (group coaches). */
  function* rowsOf(list: (MockRow & { username: string })[], coachVisible: (card: MockScorecardRow) => boolean) {
    const cards = mocksRepository.scorecards(list.map((m) => m.id));
    for (const mock of list) {
      const rows = mocksRepository.mockAttempts(mock.id);
      const ids = rows.map((r) => r.attemptId).filter((id): id is number => id !== null);
      const runs = mocksRepository.runsOf(ids);
      const autoSubmitted = new Set(
        mocksRepository
          .eventsAfter({ mockId: mock.id })
          .filter((e) => e.kind === 'submit' && (e.detail as { auto?: boolean } | null)?.auto)
          .map((e) => e.position),
      );
      const own = cards.find((c) => c.mockId === mock.id && c.role === 'candidate');
      const coachCard = cards.find((c) => c.mockId === mock.id && c.role === 'coach');
      const coach = coachCard && coachVisible(coachCard) ? coachCard : undefined;
      for (const mq of rows) {
        const a = mq.attempt;
        const q = catalog.get(mq.questionId);
        const examples = a ? runs.filter((r) => r.attemptId === a.id && r.scope === 'examples') : [];
        const firstPass = examples.findIndex((r) => r.total > 0 && r.passed === r.total);
        const cells: Cell[] = [
          mock.id,
          mock.username,
          mock.format,
          mock.status,
          iso(mock.startedAt),
          iso(mock.finishedAt),
          mock.finishReason,
          Math.round(mock.durationSeconds / 60),
          mock.scheduledBy !== null,
          mq.position,
          mq.questionId,
          q?.title ?? mq.questionId,
          q?.track ?? null,
          q?.difficulty ?? null,
          a?.id ?? null,
          a?.outcome ?? null,
          a?.casesPassed ?? null,
          a?.casesTotal ?? null,
          a?.durationSeconds ?? null,
          a ? autoSubmitted.has(mq.position) : null,
          examples.length,
          firstPass === -1 ? null : firstPass,
          a?.finalGrade ?? null,
          ...RUBRIC_KEYS.map((k) => own?.scores[k] ?? null),
          own ? own.wouldAdvance : null,
          ...RUBRIC_KEYS.map((k) => coach?.scores[k] ?? null),
          coach ? coach.wouldAdvance : null,
        ];
        yield cells;
      }
    }
  }

  return {
    own({ user }: { user: { id: number; username: string } }) {
      const list = mocksRepository
        .listMocksOfUser(user.id)
        .reverse()
        .map((m) => ({ ...m, username: user.username }));
      return {
        fileName: `opsdrill-${user.username}-mocks-${stamp()}.csv`,
        columns: [...MOCK_COLUMNS],
        rows: rowsOf(list, (card) => card.releasedAt !== null),
      };
    },

    /** The group's coaches only; the mocks of its current members. */
    group({ user, groupId }: { user: { id: number }; groupId: number }) {
      const { group } = groupsService.requireRole({ user, groupId, roles: ['coach'] });
      return {
        fileName: `opsdrill-group-${group.id}-mocks-${stamp()}.csv`,
        columns: [...MOCK_COLUMNS],
        rows: rowsOf(mocksRepository.mocksOfGroupMembers(group.id), () => true),
      };
    },
  };
}
export type MocksExport = ReturnType<typeof createMocksExport>;
