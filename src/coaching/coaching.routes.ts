import { type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { currentUser, requireUser } from '../accounts/session.middleware.js';
import { filterOptions, filterQuery, historyRows, parseHistoryFilter, totalsView } from '../attempts/history-view.js';
import type { Catalog } from '../questions/catalog.js';
import { GRADE_NAMES, type GradeValue, STATE_NAMES } from '../scheduling/fsrs.js';
import { formatInZone } from '../shared/days.js';
import { AppError } from '../shared/errors.js';
import { formatDuration, OUTCOME_LABELS, TRACK_LABELS } from '../shared/format.js';
import { idParamSchema, parseInput } from '../shared/validation.js';
import { type CoachingService, feedbackSchema, retrySchema } from './coaching.service.js';

const positiveId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const memberParams = z.object({ id: positiveId, userId: positiveId });
const attemptParams = z.object({ id: positiveId, attemptId: positiveId });

type ThreadItem = { id: number; authorId: number; username: string; html: string; createdAt: number };
const threadView = (items: ThreadItem[], viewerId: number, timeZone: string) =>
  items.map((f) => ({ ...f, mine: f.authorId === viewerId, whenLabel: formatInZone(f.createdAt, timeZone) }));

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

export function createCoachingRouter({
  coachingService,
  catalog,
}: {
  coachingService: CoachingService;
  catalog: Catalog;
}) {
  const router = Router();
  const options = filterOptions(catalog);

  // Today and the candidate's own history show unread feedback and coaches' retry requests.
  // They are attached here, ahead of those routers, so the core pages need no coaching wiring.
  router.get(['/today', '/history'], (_req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.user;
    if (user) {
      res.locals.coaching = {
        unread: coachingService
          .unread({ user })
          .map((u) => ({ ...u, whenLabel: formatInZone(u.latest, user.timeZone) })),
        retries: coachingService
          .ownRetries({ user })
          .map((r) => ({ ...r, whenLabel: formatInZone(r.createdAt, user.timeZone) })),
      };
    }
    next();
  });

  // The candidate's own attempt page (rendered by the drills router) gets its feedback thread.
  router.get('/attempts/:id', (req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.user;
    const parsed = idParamSchema.safeParse(req.params);
    if (!user || !parsed.success) return next();
    try {
      const { thread, unread } = coachingService.ownThread({ user, attemptId: parsed.data.id });
      res.locals.feedback = {
        attemptId: parsed.data.id,
        thread: threadView(thread, user.id, user.timeZone),
        unread,
        body: '',
        errors: [],
      };
    } catch (err) {
      if (!(err instanceof AppError && err.statusCode === 404)) throw err;
    }
    next();
  });

  router.post('/attempts/:id/feedback', requireUser, (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const user = currentUser(res);
    const parsed = feedbackSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const { thread } = coachingService.ownThread({ user, attemptId: id });
      return res.status(400).render('coaching/reply', {
        feedback: {
          attemptId: id,
          thread: threadView(thread, user.id, user.timeZone),
          unread: 0,
          body: text((req.body as Record<string, unknown> | undefined)?.body, 5000),
          errors: parsed.error.issues.map((i) => i.message),
        },
      });
    }
    coachingService.addReply({ user, attemptId: id, body: parsed.data.body });
    res.redirect(303, `/attempts/${id}#feedback`);
  });

  router.get('/groups/:id/members/:userId', requireUser, (req, res) => {
    const { id, userId } = parseInput(memberParams, req.params);
    const user = currentUser(res);
    const { filter, form, errors } = parseHistoryFilter(req.query);
    const result = coachingService.memberHistory({
      user,
      groupId: id,
      memberId: userId,
      filter: filter ?? { page: 1 },
    });
    const page = filter?.page ?? 1;
    res.status(errors.length ? 400 : 200).render('coaching/member', {
      nav: 'groups',
      group: result.group,
      member: result.member,
      form,
      errors,
      options,
      action: `/groups/${id}/members/${userId}`,
      rows: filter ? historyRows(result.rows, user.timeZone, (attemptId) => `/groups/${id}/attempts/${attemptId}`) : [],
      totals: filter ? totalsView(result.totals) : null,
      retries: result.retries.map((r) => ({
        ...r,
        title: catalog.get(r.questionId)?.title ?? r.questionId,
        whenLabel: formatInZone(r.createdAt, user.timeZone),
      })),
      page,
      hasMore: filter ? result.hasMore : false,
      prevQuery: filterQuery(form, { page: String(page - 1) }),
      nextQuery: filterQuery(form, { page: String(page + 1) }),
      csvQuery: filterQuery(form, { member: String(userId) }),
    });
  });

  function renderAttempt(
    req: Request,
    res: Response,
    extra: { body?: string; errors?: string[]; status?: number } = {},
  ) {
    const { id, attemptId } = parseInput(attemptParams, req.params);
    const user = currentUser(res);
    const d = coachingService.attemptForCoach({ user, groupId: id, attemptId });
    const a = d.attempt;
    const when = (ms: number | null) => (ms === null ? '—' : formatInZone(ms, user.timeZone));
    const num = (v: number | null) => (v === null ? '—' : v.toFixed(2));
    res.status(extra.status ?? 200).render('coaching/attempt', {
      nav: 'groups',
      group: d.group,
      member: d.member,
      attempt: a,
      question: d.question,
      title: d.question?.title ?? a.questionId,
      trackLabel: TRACK_LABELS[a.track],
      codeHtml: d.codeHtml,
      outcomeLabel: a.outcome ? OUTCOME_LABELS[a.outcome] : '',
      durationLabel: formatDuration(a.durationSeconds ?? 0),
      budgetLabel: formatDuration(a.budgetSeconds),
      submittedLabel: when(a.submittedAt),
      suggested: GRADE_NAMES[a.suggestedGrade as GradeValue] ?? '—',
      final: GRADE_NAMES[a.finalGrade as GradeValue] ?? '—',
      gradeReason: a.gradeReason ?? '',
      card: [
        {
          label: 'State',
          before: STATE_NAMES[a.stateBefore ?? 0] ?? '—',
          after: a.stateAfter === null ? '—' : (STATE_NAMES[a.stateAfter] ?? '—'),
        },
        { label: 'Stability (days)', before: num(a.stabilityBefore), after: num(a.stabilityAfter) },
        { label: 'Difficulty (1-10)', before: num(a.difficultyBefore), after: num(a.difficultyAfter) },
        { label: 'Due', before: a.stateBefore === 0 ? 'new' : when(a.dueBefore), after: when(a.dueAfter) },
      ],
      retries: d.retries.map((r) => ({ ...r, whenLabel: formatInZone(r.createdAt, user.timeZone) })),
      retried: req.query.retried === '1',
      feedback: {
        thread: threadView(d.thread, user.id, user.timeZone),
        body: extra.body ?? '',
        errors: extra.errors ?? [],
      },
    });
  }

  router.get('/groups/:id/attempts/:attemptId', requireUser, (req, res) => renderAttempt(req, res));

  router.post('/groups/:id/attempts/:attemptId/feedback', requireUser, (req, res) => {
    const { id, attemptId } = parseInput(attemptParams, req.params);
    const parsed = feedbackSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      return renderAttempt(req, res, {
        status: 400,
        body: text((req.body as Record<string, unknown> | undefined)?.body, 5000),
        errors: parsed.error.issues.map((i) => i.message),
      });
    }
    coachingService.addCoachFeedback({ user: currentUser(res), groupId: id, attemptId, body: parsed.data.body });
    res.redirect(303, `/groups/${id}/attempts/${attemptId}#feedback`);
  });

  router.post('/groups/:id/attempts/:attemptId/retry', requireUser, (req, res) => {
    const { id, attemptId } = parseInput(attemptParams, req.params);
    const { note } = parseInput(retrySchema, req.body ?? {});
    coachingService.requestRetry({ user: currentUser(res), groupId: id, attemptId, note });
    res.redirect(303, `/groups/${id}/attempts/${attemptId}?retried=1`);
  });

  return router;
}
