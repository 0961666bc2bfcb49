import { Router } from 'express';
import { z } from 'zod';
import { currentUser, requireUser } from '../accounts/session.middleware.js';
import type { Catalog } from '../questions/catalog.js';
import { GRADE_NAMES, type GradeValue } from '../scheduling/fsrs.js';
import { formatInZone } from '../shared/days.js';
import { formatDuration, OUTCOME_LABELS } from '../shared/format.js';
import { parseInput, trackSchema } from '../shared/validation.js';
import type { AttemptsRepository } from './attempts.repository.js';

const PAGE_SIZE = 50;
const historyQuery = z.object({
  track: z.union([trackSchema, z.literal('')]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  before: z.coerce.number().int().positive().optional(),
});

export function createAttemptsRouter({ attemptsRepository, catalog }: { attemptsRepository: AttemptsRepository; catalog: Catalog }) {
  const router = Router();
  router.get('/history', requireUser, (req, res) => {
    const query = parseInput(historyQuery, req.query);
    const user = currentUser(res);
    const track = query.track || undefined;
    const rows = attemptsRepository.list({ userId: user.id, track, beforeId: query.before, limit: PAGE_SIZE + 1 });
    const hasMore = rows.length > PAGE_SIZE;
    const page = rows.slice(0, PAGE_SIZE);
    const qs = (extra: Record<string, string>) => new URLSearchParams({ ...(track ? { track } : {}), ...extra }).toString();
    res.render('attempts/history', {
      nav: 'history',
      filter: { track: track ?? '' },
      rows: page.map((a) => ({
        id: a.id,
        track: a.track,
        title: catalog.get(a.questionId)?.title ?? a.questionId,
        outcome: a.outcome ? OUTCOME_LABELS[a.outcome] : '',
        timeLabel: `${formatDuration(a.durationSeconds ?? 0)} / ${formatDuration(a.budgetSeconds)}`,
        hintsUsed: a.hintsUsed,
        grade: a.finalGrade ? GRADE_NAMES[a.finalGrade as GradeValue] : '',
        whenLabel: formatInZone(a.submittedAt ?? a.servedAt, user.timeZone),
      })),
      page: query.page,
      hasMore,
      prevQuery: qs({}),
      nextQuery: qs({ before: String(page.at(-1)?.id ?? ''), page: String(query.page + 1) }),
    });
  });
  return router;
}
