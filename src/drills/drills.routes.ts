import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { currentUser, requireUser } from '../accounts/session.middleware.js';
import type { UntilWriteCache } from '../db/until-write-cache.js';
import type { CatalogQuestion } from '../questions/catalog.js';
import type { RunView } from '../runner/runner.service.js';
import { CardState, GRADE_NAMES, type GradeValue } from '../scheduling/fsrs.js';
import type { Clock } from '../shared/clock.js';
import { formatInZone, localDay } from '../shared/days.js';
import { AppError } from '../shared/errors.js';
import { formatClock, formatDuration, OUTCOME_LABELS, TRACK_LABELS } from '../shared/format.js';
import { lineDiff } from '../shared/line-diff.js';
import { idParamSchema, parseInput, type Track, trackSchema } from '../shared/validation.js';
import { shortDay } from '../stats/stats.panel.js';
import {
  type AttemptRow,
  answerSchema,
  type DrillsService,
  gradeSchema,
  runSchema,
  submitSchema,
} from './drills.service.js';

const GRADE_HELP: Record<GradeValue, string> = {
  1: 'could not produce it: show it again soon',
  2: 'got there with serious effort, hints or overtime',
  3: 'solved within the budget with normal effort',
  4: 'solved quickly and confidently',
};

// Built once: zod compiles each object schema on first use, and a schema built inside the
// handler was compiled again on every request (it showed in the drill page's profile).
const trackParamsSchema = z.object({ track: trackSchema });
const questionParamsSchema = z.object({
  questionId: z
    .string()
    .max(120, 'question id is too long')
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'question ids are lowercase letters, digits and hyphens'),
});
const suspendSchema = z.object({
  suspended: z.enum(['true', 'false'], { message: 'suspended must be true or false' }),
});
const leechSchema = z.object({
  action: z.enum(['suspend', 'keep', 'reset'], { message: 'pick suspend, keep or reset' }),
});

const wantsJson = (req: Request) =>
  (req.get('accept') ?? '').includes('application/json') && !(req.get('accept') ?? '').includes('text/html');

/** Reviews are due for a whole day ("Tue 3 Mar 2026"); learning steps at a time ("Tue 3 Mar 2026, 21:29"). */
function nextDueLabel(a: AttemptRow, user: { timeZone: string; dayStartHour: number }): string {
  if (!a.rescheduled) return 'unchanged (practice)';
  if (a.dueAfter === null) return '';
  if (a.stateAfter === CardState.Review) return shortDay(localDay(new Date(a.dueAfter), user));
  return formatInZone(a.dueAfter, user.timeZone);
}

export type RetryNote = { notes: { coach: string; groupName: string; note: string }[] } | null;

/** What the drill page of an open attempt reads from the database. */
export type OpenDrillPage = {
  attempt: AttemptRow;
  question: CatalogQuestion;
  run: RunView | null;
  retryNote: RetryNote;
};

export function createDrillsRouter({
  drillsService,
  clock,
  retryNoteFor = () => null,
  openPages,
}: {
  drillsService: DrillsService;
  clock: Clock;
  /** A coach's pending retry request for the question, shown at the top of its drill page. */
  retryNoteFor?: (args: { userId: number; questionId: string }) => RetryNote;
  /**
   * The open attempt's page data per user and track until the next write: the drill page is
   * reloaded and returned to far more often than it changes (bench/FINDINGS.md).
   */
  openPages?: UntilWriteCache<OpenDrillPage>;
}) {
  const router = Router();
  router.use(['/drills', '/attempts', '/summary'], requireUser);

  function renderQuestion(
    res: Response,
    attempt: AttemptRow,
    question: CatalogQuestion,
    extra: {
      errors?: string[];
      code?: string;
      notes?: string;
      outcome?: string;
      status?: number;
      retryAfterSeconds?: number;
      /** Read already (the drill page reads them with the attempt). */
      read?: Pick<OpenDrillPage, 'run' | 'retryNote'>;
    } = {},
  ) {
    const user = currentUser(res);
    const now = clock.now().getTime();
    const remainingSeconds = Math.round((attempt.deadlineAt - now) / 1000);
    res.status(extra.status ?? 200).render('drills/question', {
      attempt,
      question,
      trackLabel: TRACK_LABELS[attempt.track],
      remainingSeconds,
      remainingLabel: formatClock(remainingSeconds),
      deadlineLabel: formatInZone(attempt.deadlineAt, user.timeZone).split(', ').pop(),
      code: extra.code ?? attempt.code,
      notes: extra.notes ?? attempt.notes,
      outcome: extra.outcome ?? '',
      draftLabel: attempt.draftSavedAt
        ? `Draft saved ${formatInZone(attempt.draftSavedAt, user.timeZone)}`
        : 'Your typed code is saved as a draft every few seconds.',
      revealedHints: question.hintsHtml.slice(0, attempt.hintsUsed),
      errors: extra.errors ?? [],
      starter: question.starter,
      runnerAvailable: drillsService.canRun(question),
      run: extra.read ? extra.read.run : drillsService.latestRun({ user, attempt }),
      retryAfterSeconds: extra.retryAfterSeconds ?? null,
      retryNote: extra.read ? extra.read.retryNote : retryNoteFor({ userId: user.id, questionId: question.id }),
      // For the run results partial (expected vs actual of a failed case).
      lineDiff,
    });
  }

  /** A refused run (busy, rate-limited, unavailable) comes back as the drill page with what was typed. */
  function renderRefusedRun(
    req: Request,
    res: Response,
    err: unknown,
    attemptId: number,
    typed: { code: string; notes: string },
  ) {
    if (!(err instanceof AppError) || !err.code.startsWith('runner.') || err.isInternal || wantsJson(req)) throw err;
    const user = currentUser(res);
    const { attempt, question } = drillsService.getAttempt({ user, attemptId });
    if (attempt.submittedAt !== null) return res.redirect(303, `/attempts/${attemptId}`);
    if (err.retryAfterSeconds !== undefined) res.set('Retry-After', String(err.retryAfterSeconds));
    return renderQuestion(res, attempt, question, {
      status: err.statusCode,
      errors: [err.message],
      ...typed,
      ...(err.retryAfterSeconds !== undefined ? { retryAfterSeconds: err.retryAfterSeconds } : {}),
    });
  }

  function renderGrade(
    res: Response,
    attempt: AttemptRow,
    question: CatalogQuestion,
    errors: string[] = [],
    status = 200,
  ) {
    res.status(status).render('drills/grade', {
      attempt,
      question,
      trackLabel: TRACK_LABELS[attempt.track],
      outcomeLabel: attempt.outcome ? OUTCOME_LABELS[attempt.outcome] : '',
      durationLabel: `${formatDuration(attempt.durationSeconds ?? 0)} of ${formatDuration(attempt.budgetSeconds)}`,
      gradeNames: GRADE_NAMES,
      gradeHelp: GRADE_HELP,
      previews: drillsService.previews({ user: currentUser(res), attempt }),
      practiceNote: drillsService.practiceNote({ user: currentUser(res), attempt }),
      errors,
      run: drillsService.latestRun({ user: currentUser(res), attempt }),
      lineDiff,
    });
  }

  function renderReview(res: Response, attempt: AttemptRow, question: CatalogQuestion) {
    const user = currentUser(res);
    const earlier = drillsService
      .earlierAttempts({ user, questionId: attempt.questionId, excludeId: attempt.id })
      .map((e) => ({
        id: e.id,
        outcome: e.outcome ? OUTCOME_LABELS[e.outcome] : '',
        hintsUsed: e.hintsUsed,
        finalGrade: e.finalGrade,
        whenLabel: formatInZone(e.submittedAt ?? e.servedAt, user.timeZone),
        durationLabel: formatDuration(e.durationSeconds ?? 0),
      }));
    res.render('drills/review', {
      attempt,
      question,
      earlier,
      isCurrent: attempt.localDay === localDay(clock.now(), user),
      outcomeLabel: attempt.outcome ? OUTCOME_LABELS[attempt.outcome] : '',
      durationLabel: `${formatDuration(attempt.durationSeconds ?? 0)} of ${formatDuration(attempt.budgetSeconds)}`,
      nextDueLabel: nextDueLabel(attempt, user),
      canUndo: drillsService.canUndo({ user, attempt }),
      run: drillsService.latestRun({ user, attempt }),
      lineDiff,
      gradeNames: GRADE_NAMES,
    });
  }

  const NEXT_REASONS: Record<string, string> = {
    learning: 'a question you missed earlier today',
    review: 'a review that is due',
    new: 'a new question',
    ahead: 'a review due in the next days (study ahead, kept as practice unless it is nearly due)',
  };

  // GET never opens an attempt or starts a clock (a link from another site could): it shows the
  // open attempt as before, or what comes next with a Start button (a POST with the CSRF token).
  router.get('/drills/:track', (req, res) => {
    const { track } = parseInput(trackParamsSchema, req.params);
    const key = `${currentUser(res).id}:${track}`;
    const kept = openPages?.get(key);
    if (kept) return renderQuestion(res, kept.attempt, kept.question, { read: kept });
    // The views render synchronously, so the page's queries all run inside this one read.
    drillsService.read(() => drillPage(res, track, key));
  });

  function drillPage(res: Response, track: Track, key: string) {
    const user = currentUser(res);
    const result = drillsService.current({ user, track });
    if (result.step === 'done') {
      // Nothing due now, but a failed question comes back later today: say when, as Today does.
      if (result.back)
        return res.render('drills/ready', {
          nav: 'today',
          track,
          trackLabel: TRACK_LABELS[track],
          next: null,
          back: result.back,
          summaryHref: result.drillId ? `/summary/${result.drillId}` : null,
        });
      if (result.drillId) return res.redirect(`/summary/${result.drillId}`);
      return res.redirect('/today');
    }
    if (result.step === 'ready') {
      return res.render('drills/ready', {
        nav: 'today',
        track,
        trackLabel: TRACK_LABELS[track],
        next: { ...result.next, reasonLabel: NEXT_REASONS[result.next.reason] ?? '' },
        back: null,
        summaryHref: null,
      });
    }
    const question = drillsService.questionOf(result.attempt);
    if (result.step === 'grade') return renderGrade(res, result.attempt, question);
    const page: OpenDrillPage = {
      attempt: result.attempt,
      question,
      run: drillsService.latestRun({ user, attempt: result.attempt }),
      retryNote: retryNoteFor({ userId: user.id, questionId: question.id }),
    };
    openPages?.set(key, page);
    renderQuestion(res, result.attempt, question, { read: page });
  }

  router.post('/drills/:track/start', (req, res) => {
    const { track } = parseInput(trackParamsSchema, req.params);
    const result = drillsService.start({ user: currentUser(res), track });
    if (result.step === 'done' && result.back) return res.redirect(303, `/drills/${track}`);
    if (result.step === 'done') return res.redirect(303, result.drillId ? `/summary/${result.drillId}` : '/today');
    res.redirect(303, `/drills/${track}`);
  });

  // "Practise now" on a question page.
  router.post('/practice/:questionId', (req, res) => {
    const { questionId } = parseInput(questionParamsSchema, req.params);
    const result = drillsService.practise({ user: currentUser(res), questionId });
    if (result.step === 'done') return res.redirect(303, '/today');
    res.redirect(303, `/drills/${result.attempt.track}`);
  });

  router.post('/attempts/:id/undo', (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    drillsService.undoGrade({ user: currentUser(res), attemptId: id });
    res.redirect(303, `/attempts/${id}`);
  });

  // Suspend and unsuspend from the question page; the leech flag's actions from Today.
  router.post('/cards/:questionId/suspend', (req, res) => {
    const { questionId } = parseInput(questionParamsSchema, req.params);
    const { suspended } = parseInput(suspendSchema, req.body ?? {});
    drillsService.setSuspended({ user: currentUser(res), questionId, suspended: suspended === 'true' });
    res.redirect(303, `/questions/${questionId}?saved=${suspended === 'true' ? 'suspended' : 'unsuspended'}`);
  });

  router.post('/cards/:questionId/leech', (req, res) => {
    const { questionId } = parseInput(questionParamsSchema, req.params);
    const { action } = parseInput(leechSchema, req.body ?? {});
    drillsService.leechAction({ user: currentUser(res), questionId, action });
    res.redirect(303, `/today?leech=${action}`);
  });

  router.get('/attempts/:id', (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const user = currentUser(res);
    const { attempt, question } = drillsService.getAttempt({ user, attemptId: id });
    if (attempt.submittedAt === null) return res.redirect(`/drills/${attempt.track}`);
    if (attempt.gradedAt === null) return renderGrade(res, attempt, question);
    renderReview(res, attempt, question);
  });

  router.post('/attempts/:id/draft', (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const { code, notes } = parseInput(answerSchema, req.body ?? {});
    const user = currentUser(res);
    const { track } = drillsService.saveDraft({ user, attemptId: id, code, notes });
    if (wantsJson(req)) return res.json({ saved: true });
    res.redirect(303, `/drills/${track}`);
  });

  router.post('/attempts/:id/hint', (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const { code, notes } = parseInput(answerSchema, req.body ?? {});
    const user = currentUser(res);
    const { track, ...result } = drillsService.revealHint({ user, attemptId: id, code, notes });
    if (wantsJson(req)) return res.json(result);
    // Without JavaScript the page reloads scrolled to, and focused on, the hint just revealed.
    res.redirect(303, `/drills/${track}${result.hintsUsed > 0 ? `#hint-${result.hintsUsed}` : ''}`);
  });

  router.post('/attempts/:id/run', async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const user = currentUser(res);
    const { code, notes, scope } = parseInput(runSchema, req.body ?? {});
    try {
      const { run, track } = await drillsService.run({ user, attemptId: id, code, notes, scope });
      if (wantsJson(req)) return res.json({ run });
      res.redirect(303, `/drills/${track}#run-results`);
    } catch (err) {
      return renderRefusedRun(req, res, err, id, { code, notes });
    }
  });

  router.post('/attempts/:id/submit', async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const user = currentUser(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = submitSchema.safeParse(body);
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const rerender = (errors: string[], status = 400) => {
      const { attempt, question } = drillsService.getAttempt({ user, attemptId: id });
      if (attempt.submittedAt !== null) return res.redirect(303, `/attempts/${id}`);
      // Keep what was typed: the page comes back with the code and notes, and the reason.
      return renderQuestion(res, attempt, question, {
        status,
        errors,
        code: text(body.code)?.slice(0, 100_000),
        notes: text(body.notes)?.slice(0, 20_000),
      });
    };
    // The service reads (and owns) the attempt; the route reads it only to re-render a bad form.
    if (!parsed.success) return rerender(parsed.error.issues.map((i) => i.message));
    try {
      await drillsService.submit({ user, attemptId: id, ...parsed.data });
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation' && !wantsJson(req)) return rerender(err.details);
      return renderRefusedRun(req, res, err, id, { code: parsed.data.code, notes: parsed.data.notes });
    }
    res.redirect(303, `/attempts/${id}`);
  });

  router.post('/attempts/:id/grade', (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const user = currentUser(res);
    const parsed = gradeSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const { attempt, question } = drillsService.getAttempt({ user, attemptId: id });
      if (attempt.gradedAt !== null) return res.redirect(303, `/attempts/${id}`);
      if (attempt.submittedAt === null)
        throw new AppError({
          code: 'drills.not_submitted',
          message: 'Submit your answer before grading it.',
          statusCode: 409,
        });
      return renderGrade(
        res,
        attempt,
        question,
        parsed.error.issues.map((i) => i.message),
        400,
      );
    }
    drillsService.grade({ user, attemptId: id, ...parsed.data });
    res.redirect(303, `/attempts/${id}`);
  });

  router.get('/summary/:id', (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const user = currentUser(res);
    const { drill, attempts, totalSeconds } = drillsService.summary({ user, drillId: id });
    const rows = attempts.map(({ attempt: a, question }) => ({
      id: a.id,
      title: question?.title ?? a.questionId,
      outcome: a.outcome ? OUTCOME_LABELS[a.outcome] : '',
      timeLabel: `${formatDuration(a.durationSeconds ?? 0)} / ${formatDuration(a.budgetSeconds)}`,
      overtime: a.overtime,
      hintsUsed: a.hintsUsed,
      grade: a.finalGrade ? GRADE_NAMES[a.finalGrade as GradeValue] : '',
      nextDue: nextDueLabel(a, user),
    }));
    const count = (o: string) => attempts.filter((x) => x.attempt.outcome === o).length;
    res.render('drills/summary', {
      trackLabel: TRACK_LABELS[drill.track],
      dayLabel: drill.localDay,
      rows,
      counts: { solved: count('solved'), partial: count('partial'), failed: count('failed') },
      totalLabel: formatDuration(totalSeconds),
    });
  });

  return router;
}
