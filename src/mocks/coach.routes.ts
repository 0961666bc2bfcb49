import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { currentUser, requireUser } from '../accounts/session.middleware.js';
import { formatInZone } from '../shared/days.js';
import { AppError } from '../shared/errors.js';
import { formatClock } from '../shared/format.js';
import { idParamSchema, parseInput } from '../shared/validation.js';
import type { MockCoachRepository } from './coach.repository.js';
import {
  describeEvent,
  FORMAT_LABELS,
  FORMAT_TRACKS,
  INTERVIEWER_NOTE_MAX,
  type MockCoachService,
  noteSchema,
  scheduleSchema,
} from './coach.service.js';
import type { LiveHub, Sink } from './live.hub.js';
import { MAX_SUMMARY, RUBRIC, rubricSchema } from './mocks.service.js';

const positiveId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const memberParams = z.object({ id: positiveId, userId: positiveId });
/** Last-Event-ID (a reconnect) or ?after= (the page's first connect: what it already rendered). */
const eventIdSchema = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
const bodyOf = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

/**
 * Today tells a candidate about the mocks their coaches scheduled (registered ahead of the Today
 * router, as the coaching notices are, so Today needs no mock wiring).
 */
export function scheduledMocksOnToday({ coachRepository }: { coachRepository: MockCoachRepository }) {
  const router = Router();
  router.get('/today', (_req, res, next) => {
    const user = res.locals.user as { id: number } | undefined;
    if (user)
      res.locals.scheduledMocks = coachRepository
        .scheduledFor(user.id)
        .map((m) => ({ ...m, label: FORMAT_LABELS[m.format] }));
    next();
  });
  return router;
}

export function createMockCoachRouter({
  coachService,
  hub,
  finishIfExpired,
}: {
  coachService: MockCoachService;
  hub: LiveHub;
  /** The mock service's timeout check: a request touching a mock past its end finishes it first. */
  finishIfExpired: (mockId: number) => Promise<unknown>;
}) {
  const router = Router();

  const renderMember = (
    res: Response,
    groupId: number,
    memberId: number,
    extra: { status?: number; errors?: string[]; form?: Record<string, string>; notice?: string } = {},
  ) => {
    const user = currentUser(res);
    const view = coachService.memberMocks({ user, groupId, memberId });
    res.status(extra.status ?? 200).render('mocks/coach-member', {
      nav: 'groups',
      ...view,
      formatLabels: FORMAT_LABELS,
      formatTracks: FORMAT_TRACKS,
      rows: view.mocks.map((m) => ({
        ...m,
        createdLabel: formatInZone(m.mock.createdAt, user.timeZone),
        startedLabel: m.mock.startedAt === null ? '' : formatInZone(m.mock.startedAt, user.timeZone),
      })),
      errors: extra.errors ?? [],
      form: { format: 'loop', choice: 'scheduler', q0: '', q1: '', ...(extra.form ?? {}) },
      notice: extra.notice ?? '',
    });
  };

  router.get('/groups/:id/members/:userId/mocks', requireUser, (req, res) => {
    const { id, userId } = parseInput(memberParams, req.params);
    renderMember(res, id, userId, {
      notice: req.query.done === 'scheduled' ? 'Mock scheduled: it waits on their Mocks page until they start it.' : '',
    });
  });

  router.post('/groups/:id/members/:userId/mocks', requireUser, (req, res) => {
    const { id, userId } = parseInput(memberParams, req.params);
    const user = currentUser(res);
    const body = bodyOf(req);
    const form = {
      format: text(body.format, 20),
      choice: text(body.choice, 20),
      q0: text(body.q0, 200),
      q1: text(body.q1, 200),
    };
    const parsed = scheduleSchema.safeParse(body);
    const refuse = (errors: string[]) => renderMember(res, id, userId, { status: 400, errors, form });
    if (!parsed.success) {
      // Authorization first: a stranger gets the same 404 whatever they typed.
      coachService.memberMocks({ user, groupId: id, memberId: userId });
      return refuse(parsed.error.issues.map((i) => i.message));
    }
    try {
      coachService.schedule({ user, groupId: id, memberId: userId, input: parsed.data });
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation') return refuse(err.details);
      throw err;
    }
    res.redirect(303, `/groups/${id}/members/${userId}/mocks?done=scheduled`);
  });

  const renderWatch = (
    res: Response,
    mockId: number,
    extra: { status?: number; errors?: string[]; note?: string; rubric?: Record<string, string>; notice?: string } = {},
  ) => {
    const user = currentUser(res);
    const v = coachService.liveView({ user, mockId });
    const stored = v.scorecard;
    const rubric: Record<string, string> = stored
      ? {
          ...Object.fromEntries(Object.entries(stored.scores).map(([k, n]) => [k, String(n)])),
          wouldAdvance: stored.wouldAdvance ? 'yes' : 'no',
          summary: stored.summary,
        }
      : {};
    res.status(extra.status ?? 200).render('mocks/watch', {
      nav: 'groups',
      scripts: ['dist/mock-live.js'],
      ...v,
      formatLabel: FORMAT_LABELS[v.mock.format],
      formatClock,
      durationLabel: formatClock(v.mock.durationSeconds),
      remainingSeconds:
        v.mock.endsAt === null ? v.mock.durationSeconds : Math.max(0, Math.ceil((v.mock.endsAt - v.now) / 1000)),
      events: v.events.map((e) => {
        const data = e.data as { clockSeconds: number; position: number | null; detail: Record<string, unknown> };
        return {
          ...e,
          clockLabel: formatClock(data.clockSeconds),
          text: describeEvent(e.kind, data.detail),
          position: data.position,
        };
      }),
      notes: v.notes.map((n) => ({ ...n, clockLabel: formatClock(n.atSeconds) })),
      rubricDimensions: RUBRIC,
      rubric: { ...rubric, ...(extra.rubric ?? {}) },
      released: stored?.releasedAt != null,
      releasedLabel: stored?.releasedAt ? formatInZone(stored.releasedAt, user.timeZone) : '',
      noteMax: INTERVIEWER_NOTE_MAX,
      summaryMax: MAX_SUMMARY,
      errors: extra.errors ?? [],
      note: extra.note ?? '',
      notice: extra.notice ?? '',
    });
  };

  const notices: Record<string, string> = {
    note: 'Note saved.',
    scorecard: 'Scorecard saved. Release it when you want the candidate to read it.',
    released: 'Scorecard released: the candidate can read it now.',
  };

  router.get('/mocks/:id/watch', requireUser, async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    coachService.requireWatcher({ user: currentUser(res), mockId: id });
    await finishIfExpired(id);
    const done = typeof req.query.done === 'string' ? req.query.done : '';
    renderWatch(res, id, { notice: notices[done] ?? '' });
  });

  router.post('/mocks/:id/interviewer-notes', requireUser, async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const user = currentUser(res);
    coachService.requireWatcher({ user, mockId: id });
    await finishIfExpired(id);
    const parsed = noteSchema.safeParse(bodyOf(req));
    if (!parsed.success)
      return renderWatch(res, id, {
        status: 400,
        errors: parsed.error.issues.map((i) => i.message),
        note: text(bodyOf(req).body, INTERVIEWER_NOTE_MAX + 100),
      });
    coachService.addNote({ user, mockId: id, body: parsed.data.body });
    res.redirect(303, `/mocks/${id}/watch?done=note#notes`);
  });

  router.post('/mocks/:id/interviewer-scorecard', requireUser, async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const user = currentUser(res);
    coachService.requireWatcher({ user, mockId: id });
    await finishIfExpired(id);
    const body = bodyOf(req);
    const parsed = rubricSchema.safeParse(body);
    if (!parsed.success)
      return renderWatch(res, id, {
        status: 400,
        errors: parsed.error.issues.map((i) => i.message),
        rubric: Object.fromEntries(
          [...RUBRIC.map((r) => r.key), 'wouldAdvance', 'summary'].map((k) => [k, text(body[k], MAX_SUMMARY + 100)]),
        ),
      });
    coachService.saveScorecard({ user, mockId: id, input: parsed.data });
    res.redirect(303, `/mocks/${id}/watch?done=scorecard#scorecard`);
  });

  router.post('/mocks/:id/interviewer-scorecard/release', requireUser, async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const user = currentUser(res);
    coachService.requireWatcher({ user, mockId: id });
    await finishIfExpired(id);
    coachService.release({ user, mockId: id });
    res.redirect(303, `/mocks/${id}/watch?done=released#scorecard`);
  });

  // The stream: events and code as they happen. EventSource reconnects by itself (sending
  // Last-Event-ID); a 204 tells it to stop, which is what a finished mock answers.
  router.get('/mocks/:id/live', requireUser, async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const user = currentUser(res);
    coachService.requireWatcher({ user, mockId: id });
    await finishIfExpired(id);
    const { mock } = coachService.requireWatcher({ user, mockId: id });
    const header = req.get('last-event-id');
    const query = req.query as Record<string, unknown>;
    const raw = header ?? (typeof query.after === 'string' ? query.after : undefined);
    const lastEventId = raw === undefined ? null : parseInput(eventIdSchema, raw);
    if (mock.status !== 'running') {
      res.status(204).end();
      return;
    }
    // The viewer may have gone while the mock was being settled: a stream nobody reads would stay.
    if (req.socket.destroyed) return;
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    // Proxies such as nginx would otherwise hold the stream back in their buffers.
    res.setHeader('X-Accel-Buffering', 'no');
    const sink: Sink = {
      write: (chunk) => {
        res.write(chunk);
      },
      bufferedBytes: () => res.writableLength,
      close: () => {
        res.end();
      },
    };
    const result = hub.subscribe({ mockId: id, viewerId: user.id, lastEventId, sink });
    if (!result.ok) {
      // Nothing was written: the refusal goes out as a page or JSON, not as a stream.
      res.removeHeader('Content-Type');
      res.removeHeader('X-Accel-Buffering');
      const message =
        result.reason === 'viewer_limit'
          ? 'You already watch this mock interview in too many tabs: close one and reload.'
          : 'Too many people are watching this mock interview right now.';
      throw new AppError({ code: `mocks.${result.reason}`, message, statusCode: 429, retryAfterSeconds: 10 });
    }
    req.socket.setNoDelay(true);
    res.on('close', result.unsubscribe);
  });

  return router;
}
