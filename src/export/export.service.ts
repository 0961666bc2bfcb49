import type { AttemptFilter, AttemptScope } from '../attempts/attempt-query.js';
import type { GroupsService } from '../groups/groups.service.js';
import type { Clock } from '../shared/clock.js';
import type { Cell } from './csv.js';
import { ExportMemberNotFoundError } from './export.errors.js';
import { attemptColumns, type ExportRepository, type Include, REVIEW_LOG_COLUMNS } from './export.repository.js';

export { ATTEMPT_COLUMNS, type Include, REVIEW_LOG_COLUMNS } from './export.repository.js';

export type CsvExport = { fileName: string; columns: string[]; rows: Iterable<Cell[]>; close: () => void };

export function createExportService({
  exportRepository,
  groupsService,
  clock,
}: {
  exportRepository: ExportRepository;
  groupsService: GroupsService;
  clock: Clock;
}) {
  const stamp = () => clock.now().toISOString().slice(0, 10);

  // The repository's rows are already the file's cells, in column order.
  function attemptsExport({
    scope,
    filter,
    include,
    fileName,
  }: {
    scope: AttemptScope;
    filter: AttemptFilter;
    include: Include;
    fileName: string;
  }): CsvExport {
    const cursor = exportRepository.attempts({ scope, filter, include });
    return { fileName, columns: attemptColumns(include), rows: cursor.rows, close: cursor.close };
  }

  return {
    ownAttempts({
      user,
      filter,
      include,
    }: {
      user: { id: number; username: string };
      filter: AttemptFilter;
      include: Include;
    }): CsvExport {
      return attemptsExport({
        scope: { userId: user.id },
        filter,
        include,
        fileName: `opsdrill-${user.username}-attempts-${stamp()}.csv`,
      });
    },

    /** Coaches of the group only; current members' attempts only (a former member's are no longer shared). */
    groupAttempts({
      user,
      groupId,
      memberId,
      filter,
      include,
    }: {
      user: { id: number };
      groupId: number;
      memberId?: number;
      filter: AttemptFilter;
      include: Include;
    }): CsvExport {
      const { group } = groupsService.requireRole({ user, groupId, roles: ['coach'] });
      if (memberId !== undefined && !groupsService.isActiveMember({ groupId, userId: memberId }))
        throw new ExportMemberNotFoundError();
      const name = `opsdrill-group-${group.id}${memberId ? `-member-${memberId}` : ''}-attempts-${stamp()}.csv`;
      return attemptsExport({
        scope: { groupId: group.id, ...(memberId ? { memberId } : {}) },
        filter,
        include,
        fileName: name,
      });
    },

    reviewLog({ user }: { user: { id: number; username: string } }): CsvExport {
      const cursor = exportRepository.reviewLog({ userId: user.id });
      return {
        fileName: `opsdrill-${user.username}-review-log-${stamp()}.csv`,
        columns: [...REVIEW_LOG_COLUMNS],
        rows: cursor.rows,
        close: cursor.close,
      };
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
