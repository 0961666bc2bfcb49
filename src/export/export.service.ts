import type { AttemptFilter, AttemptListRow, AttemptScope } from '../attempts/attempt-query.js';
import type { GroupsService } from '../groups/groups.service.js';
import type { Clock } from '../shared/clock.js';
import type { Cell } from './csv.js';
import type { Cursor, ExportRepository } from './export.repository.js';

export const ATTEMPT_COLUMNS = [
  'attempt_id',
  'submitted_at',
  'local_date',
  'username',
  'track',
  'question_id',
  'title',
  'difficulty',
  'topics',
  'outcome',
  'suggested_grade',
  'final_grade',
  'duration_seconds',
  'budget_seconds',
  'overtime',
  'hints_used',
  'has_feedback',
] as const;
export const REVIEW_LOG_COLUMNS = ['card_id', 'review_time', 'review_rating', 'review_state', 'review_duration'] as const;

export type Include = { code: boolean; notes: boolean };
export type CsvExport = { fileName: string; columns: string[]; rows: Iterable<Cell[]>; close: () => void };

function topicsOf(json: string): string {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.map(String).join('; ') : '';
  } catch {
    return '';
  }
}

function* attemptCells(rows: Iterable<AttemptListRow>, include: Include): Generator<Cell[]> {
  for (const r of rows) {
    const cells: Cell[] = [
      r.id,
      new Date(r.submittedAt ?? r.servedAt).toISOString(),
      r.localDay,
      r.username,
      r.track,
      r.questionId,
      r.title,
      r.difficulty,
      topicsOf(r.topics),
      r.outcome,
      r.suggestedGrade,
      r.finalGrade,
      r.durationSeconds,
      r.budgetSeconds,
      r.overtime === 1,
      r.hintsUsed,
      r.hasFeedback === 1,
    ];
    if (include.code) cells.push(r.code);
    if (include.notes) cells.push(r.notes);
    yield cells;
  }
}

export function createExportService({ exportRepository, groupsService, clock }: { exportRepository: ExportRepository; groupsService: GroupsService; clock: Clock }) {
  const stamp = () => clock.now().toISOString().slice(0, 10);

  function attemptsExport({ scope, filter, include, fileName }: { scope: AttemptScope; filter: AttemptFilter; include: Include; fileName: string }): CsvExport {
    const cursor: Cursor<AttemptListRow> = exportRepository.attempts({ scope, filter });
    return {
      fileName,
      columns: [...ATTEMPT_COLUMNS, ...(include.code ? ['code'] : []), ...(include.notes ? ['notes'] : [])],
      rows: attemptCells(cursor.rows, include),
      close: cursor.close,
    };
  }

  return {
    ownAttempts({ user, filter, include }: { user: { id: number; username: string }; filter: AttemptFilter; include: Include }): CsvExport {
      return attemptsExport({ scope: { userId: user.id }, filter, include, fileName: `opsdrill-${user.username}-attempts-${stamp()}.csv` });
    },

    /** Coaches of the group only; current members' attempts only (a former member's are no longer shared). */
    groupAttempts({ user, groupId, memberId, filter, include }: { user: { id: number }; groupId: number; memberId?: number; filter: AttemptFilter; include: Include }): CsvExport {
      const { group } = groupsService.requireRole({ user, groupId, roles: ['coach'] });
      const name = `opsdrill-group-${group.id}${memberId ? `-member-${memberId}` : ''}-attempts-${stamp()}.csv`;
      return attemptsExport({ scope: { groupId: group.id, ...(memberId ? { memberId } : {}) }, filter, include, fileName: name });
    },

    /** The FSRS optimizer's layout: times in ms, state before the review (0 New .. 3 Relearning). */
    reviewLog({ user }: { user: { id: number; username: string } }): CsvExport {
      const cursor = exportRepository.reviewLog({ userId: user.id });
      function* cells(): Generator<Cell[]> {
        for (const r of cursor.rows) yield [r.cardId, r.reviewTime, r.rating, r.state, (r.durationSeconds ?? 0) * 1000];
      }
      return { fileName: `opsdrill-${user.username}-review-log-${stamp()}.csv`, columns: [...REVIEW_LOG_COLUMNS], rows: cells(), close: cursor.close };
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
