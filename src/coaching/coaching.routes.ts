import { type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { currentUser, requireUser } from '../accounts/session.middleware.js';
import { filterOptions, filterQuery, historyRows, parseHistoryFilter, totalsView } from '../attempts/history-view.js';
import type { Catalog } from '../questions/catalog.js';
import { GRADE_NAMES, type GradeValue, STATE_NAMES } from '../scheduling/fsrs.js';
import { formatInZone } from '../shared/days.js';
import { NotFoundError } from '../shared/errors.js';
import { formatDuration, OUTCOME_LABELS, TRACK_LABELS } from '../shared/format.js';
import { idParamSchema, parseInput } from '../shared/validation.js';
import { FeedbackRefusedError } from './coaching.errors.js';
import type { FeedbackItem } from './coaching.repository.js';
import {
  type CoachingService,
  feedbackSchema,
  replySchema,
  retrySchema,
  THREAD_PAGE_SIZE,
  type ThreadPage,
} from './coaching.service.js';

const positiveId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const memberParams = z.object({ id: positiveId, userId: positiveId });
const attemptParams = z.object({ id: positiveId, attemptId: positiveId });
// Bad page numbers fall back to the default page rather than failing the whole page.
const pageSchema = z.coerce.number().int().min(1).max(100_000).optional().catch(undefined);
const threadQuery = z.object({ page: pageSchema, group: z.coerce.number().int().min(0).optional().catch(undefined) });
const markReadSchema = z
  .object({ attemptId: positiveId.optional(), groupId: positiveId.optional() })
  .refine((v) => (v.attemptId === undefined) === (v.groupId === undefined), { message: 'name a thread or none' });
// Where "Mark read" returns to: only our own pages, never an address from outside.
const backSchema = z
  .string()
  .regex(/^\/(today|history|coach|attempts\/\d+)(\?[\w=&-]*)?$/)
  .catch('/today');

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
const bodyOf = (req: Request) => text((req.body as Record<string, unknown> | undefined)?.body, 5000);

/** What the thread partial needs for one conversation. */
export type ConversationView = ReturnType<typeof conversationView>;

function conversationView({
  thread,
  viewerId,
  timeZone,
  hrefFor,
  ...rest
}: {
  thread: ThreadPage;
  viewerId: number;
  timeZone: string;
  hrefFor: (page: number) => string;
  anchor: string;
  heading: string | null;
  unread: number;
  canWrite: boolean;
  readonlyNote: string;
  emptyText: string;
  action: string;
  groupId: number | null;
  textareaId: string;
  label: string;
  button: string;
  body: string;
  errors: string[];
}) {
  const first = (thread.page - 1) * THREAD_PAGE_SIZE + 1;
  return {
    ...rest,
    items: thread.items.map((f: FeedbackItem) => ({
      id: f.id,
      username: f.username,
      html: f.bodyHtml ?? '',
      mine: f.authorId === viewerId,
      whenLabel: formatInZone(f.createdAt, timeZone),
    })),
    total: thread.total,
    page: thread.page,
    pages: thread.pages,
    first,
    last: first + thread.items.length - 1,
    earlierHref: thread.page > 1 ? hrefFor(thread.page - 1) : '',
    laterHref: thread.page < thread.pages ? hrefFor(thread.page + 1) : '',
  };
}

export function createCoachingRouter({
  coachingService,
  catalog,
}: {
  coachingService: CoachingService;
  catalog: Catalog;
}) {
  const router = Router();
  const options = filterOptions(catalog);

  // The nav shows "Coach" only to people who coach a group; asked only when a page is rendered.
  router.use((_req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.user;
    if (user) {
      let known: boolean | undefined;
      res.locals.isCoach = () => {
        known ??= coachingService.coachesAnyGroup({ user });
        return known;
      };
    }
    next();
  });

  // Today and the candidate's own history show unread feedback and coaches' retry requests;
  // Today also shows a coach what waits in the inbox. They are attached here, ahead of those
  // routers, so the core pages need no coaching wiring.
  router.get(['/today', '/history'], (req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.user;
    if (user) {
      const when = (ms: number) => formatInZone(ms, user.timeZone);
      res.locals.coaching = {
        unread: coachingService.unread({ user }).map((u) => ({ ...u, whenLabel: when(u.latest) })),
        retries: coachingService.ownRetries({ user }).map((r) => ({ ...r, whenLabel: when(r.createdAt) })),
        pending:
          req.path === '/today'
            ? coachingService.pendingRetries({ user }).map((r) => ({ ...r, whenLabel: when(r.createdAt) }))
            : [],
        inbox: req.path === '/today' ? coachingService.inboxCounts({ user }) : null,
        back: req.path,
      };
    }
    next();
  });

  /** The candidate's threads on their own attempt, one per group, as the thread partial reads them. */
  function ownFeedbackView(
    res: Response,
    attemptId: number,
    focus?: { groupId: number; page: number; body?: string; errors?: string[] },
  ) {
    const user = currentUser(res);
    const { threads } = coachingService.ownThreads({
      user,
      attemptId,
      focus: focus ? { groupId: focus.groupId, page: focus.page } : undefined,
      // A refused reply is shown again without touching the read state.
      markRead: focus?.errors === undefined,
    });
    const views = threads.map((t) => {
      const key = t.groupId ?? 0;
      const focused = focus?.groupId === key;
      return conversationView({
        thread: t.thread,
        viewerId: user.id,
        timeZone: user.timeZone,
        hrefFor: (page) => `/attempts/${attemptId}?group=${key}&page=${page}#feedback-g${key}`,
        anchor: `feedback-g${key}`,
        heading: t.groupName ? `Group “${t.groupName}”` : 'Earlier feedback',
        unread: t.unread,
        canWrite: t.canWrite,
        readonlyNote:
          t.groupId === null
            ? 'Written before each group had its own thread.'
            : 'You are no longer in this group: its coaches cannot read new replies.',
        emptyText: `No feedback from this group's coaches yet. You can ask them about this attempt here.`,
        action: `/attempts/${attemptId}/feedback`,
        groupId: t.groupId,
        textareaId: `feedback-body-g${key}`,
        label: `Message to the coaches of “${t.groupName ?? ''}”`,
        button: 'Send',
        body: focused ? (focus?.body ?? '') : '',
        errors: focused ? (focus?.errors ?? []) : [],
      });
    });
    // A reply that names no group (or one the candidate is not in) still keeps its text and
    // reasons: they go to the first thread the candidate can write in.
    let looseErrors: string[] = [];
    if (focus && !views.some((v) => v.anchor === `feedback-g${focus.groupId}`)) {
      const writable = views.find((v) => v.canWrite);
      if (writable) Object.assign(writable, { body: focus.body ?? '', errors: focus.errors ?? [] });
      else looseErrors = focus.errors ?? [];
    }
    return {
      attemptId,
      threads: views,
      unreadTotal: threads.reduce((s, t) => s + t.unread, 0),
      // Kept for the drill page's include of the thread partial, which reads these names.
      thread: [] as unknown[],
      unread: 0,
      body: '',
      errors: looseErrors,
    };
  }

  // The candidate's own attempt page (rendered by the drills router) gets its feedback threads.
  router.get('/attempts/:id', (req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.user;
    const parsed = idParamSchema.safeParse(req.params);
    if (!user || !parsed.success) return next();
    const q = threadQuery.parse(req.query);
    try {
      res.locals.feedback = ownFeedbackView(
        res,
        parsed.data.id,
        q.group !== undefined ? { groupId: q.group, page: q.page ?? Number.MAX_SAFE_INTEGER } : undefined,
      );
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
    next();
  });

  router.post('/attempts/:id/feedback', requireUser, (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const user = currentUser(res);
    const parsed = replySchema.safeParse(req.body ?? {});
    const groupId = parsed.success ? parsed.data.group : replySchema.shape.group.parse(req.body?.group);
    const again = (status: number, errors: string[]) =>
      res.status(status).render('coaching/reply', {
        nav: 'history',
        feedback: ownFeedbackView(res, id, {
          groupId: groupId ?? -1,
          page: Number.MAX_SAFE_INTEGER,
          body: bodyOf(req),
          errors,
        }),
      });
    if (!parsed.success)
      return again(
        400,
        parsed.error.issues.map((i) => i.message),
      );
    if (groupId === undefined) return again(400, ['choose which group to write to']);
    try {
      coachingService.addReply({ user, attemptId: id, groupId, body: parsed.data.body });
    } catch (err) {
      if (err instanceof FeedbackRefusedError) return again(err.statusCode, [err.message]);
      throw err;
    }
    res.redirect(303, `/attempts/${id}#feedback-g${groupId}`);
  });

  router.post('/feedback/read', requireUser, (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { attemptId, groupId } = parseInput(markReadSchema, body);
    coachingService.markOwnRead({
      user: currentUser(res),
      thread: attemptId && groupId ? { attemptId, groupId } : undefined,
    });
    res.redirect(303, backSchema.parse(body.back));
  });

  router.get('/coach', requireUser, (req, res) => {
    const user = currentUser(res);
    const page = pageSchema.parse(req.query.page) ?? 1;
    const inbox = coachingService.inbox({ user, page });
    const when = (ms: number) => formatInZone(ms, user.timeZone);
    res.render('coaching/inbox', {
      nav: 'coach',
      ...inbox,
      page,
      awaiting: inbox.awaiting.map((a) => ({
        ...a,
        href: `/groups/${a.groupId}/attempts/${a.attemptId}#feedback`,
        // Graded attempts are always submitted and have an outcome; the columns allow null.
        whenLabel: a.submittedAt === null ? '' : when(a.submittedAt),
        outcomeLabel: a.outcome === null ? '' : OUTCOME_LABELS[a.outcome],
        grade: GRADE_NAMES[a.finalGrade as GradeValue] ?? '',
      })),
      unread: inbox.unread.map((u) => ({
        ...u,
        href: `/groups/${u.groupId}/attempts/${u.attemptId}#feedback`,
        whenLabel: when(u.latest),
      })),
      done: req.query.done === 'read',
    });
  });

  router.post('/coach/read', requireUser, (req, res) => {
    const { attemptId, groupId } = parseInput(markReadSchema, req.body ?? {});
    coachingService.markCoachRead({
      user: currentUser(res),
      thread: attemptId && groupId ? { attemptId, groupId } : undefined,
    });
    res.redirect(303, '/coach?done=read');
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
      csvHref: `/groups/${id}/attempts.csv?${filterQuery(form, { member: String(userId) })}`,
    });
  });

  function renderAttempt(
    req: Request,
    res: Response,
    extra: { body?: string; errors?: string[]; status?: number } = {},
  ) {
    const { id, attemptId } = parseInput(attemptParams, req.params);
    const user = currentUser(res);
    const { page } = threadQuery.parse(req.query);
    // After a refused message, show the newest page, where the form and the typed text are.
    const d = coachingService.attemptForCoach({
      user,
      groupId: id,
      attemptId,
      page: extra.status ? undefined : page,
      markRead: !extra.status,
    });
    const a = d.attempt;
    const when = (ms: number | null) => (ms === null ? '—' : formatInZone(ms, user.timeZone));
    const num = (v: number | null) => (v === null ? '—' : v.toFixed(2));
    const username = d.member?.username ?? 'the member';
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
      conversation: conversationView({
        thread: d.thread,
        viewerId: user.id,
        timeZone: user.timeZone,
        hrefFor: (p) => `/groups/${id}/attempts/${attemptId}?page=${p}#feedback`,
        anchor: 'feedback-thread',
        heading: null,
        unread: 0,
        canWrite: true,
        readonlyNote: '',
        emptyText: 'No feedback yet. Write the first note below.',
        action: `/groups/${id}/attempts/${attemptId}/feedback`,
        groupId: null,
        textareaId: 'feedback-body',
        label: 'Your feedback',
        button: 'Send feedback',
        body: extra.body ?? '',
        errors: extra.errors ?? [],
      }),
      threadNote: `Only the coaches of “${d.group.name}” and ${username} read this thread.`,
    });
  }

  router.get('/groups/:id/attempts/:attemptId', requireUser, (req, res) => renderAttempt(req, res));

  router.post('/groups/:id/attempts/:attemptId/feedback', requireUser, (req, res) => {
    const { id, attemptId } = parseInput(attemptParams, req.params);
    const parsed = feedbackSchema.safeParse(req.body ?? {});
    if (!parsed.success)
      return renderAttempt(req, res, {
        status: 400,
        body: bodyOf(req),
        errors: parsed.error.issues.map((i) => i.message),
      });
    try {
      coachingService.addCoachFeedback({ user: currentUser(res), groupId: id, attemptId, body: parsed.data.body });
    } catch (err) {
      if (err instanceof FeedbackRefusedError)
        return renderAttempt(req, res, { status: err.statusCode, body: bodyOf(req), errors: [err.message] });
      throw err;
    }
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
