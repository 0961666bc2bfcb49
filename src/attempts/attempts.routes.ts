import { Router } from 'express';
import { currentUser, requireUser } from '../accounts/session.middleware.js';
import type { Catalog } from '../questions/catalog.js';
import type { AttemptQuery } from './attempt-query.js';
import { filterOptions, filterQuery, historyRows, parseHistoryFilter, totalsView } from './history-view.js';

export const PAGE_SIZE = 50;

export function createAttemptsRouter({ attemptQuery, catalog }: { attemptQuery: AttemptQuery; catalog: Catalog }) {
  const router = Router();
  const options = filterOptions(catalog);
  router.get('/history', requireUser, (req, res) => {
    const user = currentUser(res);
    const { filter, form, errors } = parseHistoryFilter(req.query);
    const scope = { userId: user.id };
    const { rows, hasMore } = filter
      ? attemptQuery.page({ scope, filter, pageSize: PAGE_SIZE })
      : { rows: [], hasMore: false };
    const page = filter?.page ?? 1;
    res.status(errors.length ? 400 : 200).render('attempts/history', {
      nav: 'history',
      form,
      errors,
      options,
      action: '/history',
      rows: historyRows(rows, user.timeZone, (id) => `/attempts/${id}`),
      totals: filter ? totalsView(attemptQuery.totals({ scope, filter })) : null,
      page,
      hasMore,
      prevQuery: filterQuery(form, { page: String(page - 1) }),
      nextQuery: filterQuery(form, { page: String(page + 1) }),
      csvQuery: filterQuery(form),
    });
  });
  return router;
}
