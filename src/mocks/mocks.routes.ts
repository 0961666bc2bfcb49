import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { currentUser, requireUser } from '../accounts/session.middleware.js';
import { sendCsv } from '../export/csv.js';
import { formatInZone } from '../shared/days.js';
import { wantsJson } from '../shared/error-middleware.js';
import { AppError } from '../shared/errors.js';
import { formatClock, formatDuration, OUTCOME_LABELS, TRACK_LABELS } from '../shared/format.js';
import { lineDiff } from '../shared/line-diff.js';
import { idParamSchema, parseInput } from '../shared/validation.js';
import type { MocksExport } from './mocks.export.js';
import type { MockRow } from './mocks.service.js';
import {
  draftSchema,
  MOCK_FORMAT_INFO,
  type MocksService,
  notesSchema,
  RUBRIC,
  rubricSchema,
  startSchema,
  submitSchema,
} from './mocks.service.js';

const questionParamsSchema = z.object({
  id: idParamSchema.shape.id,
  position: z.coerce.number({ message: 'position must be a number' }).int().min(0).max(9),
});
const bomSchema = z.object({ bom: z.enum(['0', '1', ''], { message: 'bom must be 0 or 1' }).optional() });

const STATUS_LABELS: Record<MockRow['status'], string> = {
  scheduled: 'Scheduled',
  running: 'Running',
  finished: 'Finished',
};

export function createMocksRouter({
  mocksService,
  mocksExport,
}: {
  mocksService: MocksService;
  mocksExport: MocksExport;
}) {
  const router = Router();
  router.use(['/mocks', '/me/mocks.csv', '/groups/:id/mocks.csv'], requireUser);

  function renderIndex(res: Response, extra: { status?: number; errors?: string[]; format?: string } = {}) {
    const user = currentUser(res);
    const items = mocksService.list({ user });
    res.status(extra.status ?? 200).render('mocks/index', {
      formats: Object.entries(MOCK_FORMAT_INFO).map(([value, info]) => ({ value, ...info })),
      chosen: extra.format ?? 'loop',
      errors: extra.errors ?? [],
      running: items.find((i) => i.mock.status === 'running')?.mock ?? null,
      items: items.map(({ mock, questions, own, coach }) => ({
        id: mock.id,
        format: MOCK_FORMAT_INFO[mock.format].label,
        status: mock.status,
        statusLabel: STATUS_LABELS[mock.status],
        when: formatInZone(mock.startedAt ?? mock.startsAt ?? mock.createdAt, user.timeZone),
        questions: questions.map((q) => ({
          title: q.title,
          result:
            q.attempt?.casesTotal != null
              ? `${q.attempt.casesPassed}/${q.attempt.casesTotal} tests`
              : q.attempt?.outcome
                ? OUTCOME_LABELS[q.attempt.outcome]
                : '',
        })),
        own: own ? { average: average(own.scores), wouldAdvance: own.wouldAdvance } : null,
        coach: coach ? { average: average(coach.scores), wouldAdvance: coach.wouldAdvance } : null,
        scheduled: mock.scheduledBy !== null,
      })),
    });
  }

  router.get('/mocks', (_req, res) => renderIndex(res));

  router.post('/mocks', async (req, res) => {
    const parsed = startSchema.safeParse(req.body ?? {});
    if (!parsed.success) return renderIndex(res, { status: 400, errors: parsed.error.issues.map((i) => i.message) });
    try {
      const { mock } = await mocksService.start({ user: currentUser(res), format: parsed.data.format });
      res.redirect(303, `/mocks/${mock.id}`);
    } catch (err) {
      // A second mock, or too few questions: the same page, the reason on top, the choice kept.
      if (err instanceof AppError && err.code.startsWith('mocks.') && !wantsJson(req))
        return renderIndex(res, { status: err.statusCode, errors: [err.message], format: parsed.data.format });
      throw err;
    }
  });

  router.post('/mocks/:id/start', async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    await mocksService.startScheduled({ user: currentUser(res), mockId: id });
    res.redirect(303, `/mocks/${id}`);
  });

  router.get('/mocks/:id', async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const user = currentUser(res);
    const { mock, questions, remainingSeconds } = await mocksService.get({ user, mockId: id });
    if (mock.status === 'finished') return res.redirect(`/mocks/${id}/scorecard`);
    const info = MOCK_FORMAT_INFO[mock.format];
    if (mock.status === 'scheduled')
      return res.render('mocks/ready', { mock, info, minutes: Math.round(mock.durationSeconds / 60) });
    res.render('mocks/mock', {
      mock,
      info,
      remainingSeconds,
      remainingLabel: formatClock(remainingSeconds),
      durationLabel: formatDuration(mock.durationSeconds),
      endsLabel: mock.endsAt ? formatInZone(mock.endsAt, user.timeZone).split(', ').pop() : '',
      runnerAvailable: mocksService.canRun(),
      questions: questions.map((q) => ({
        ...q,
        trackLabel: TRACK_LABELS[q.question.track],
        submitted: q.attempt.submittedAt !== null,
        result:
          q.attempt.casesTotal !== null
            ? `${q.attempt.casesPassed}/${q.attempt.casesTotal} tests passed`
            : q.attempt.outcome
              ? OUTCOME_LABELS[q.attempt.outcome]
              : '',
      })),
      lineDiff,
    });
  });

  router.post('/mocks/:id/draft', async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const { position, code, notes, active } = parseInput(draftSchema, req.body ?? {});
    const result = await mocksService.saveDraft({ user: currentUser(res), mockId: id, position, code, notes, active });
    if (wantsJson(req)) return res.json({ saved: true, ...result });
    res.redirect(303, `/mocks/${id}#q${position}`);
  });

  router.post('/mocks/:id/notes', async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const { notes } = parseInput(notesSchema, req.body ?? {});
    await mocksService.saveNotes({ user: currentUser(res), mockId: id, notes });
    if (wantsJson(req)) return res.json({ saved: true });
    res.redirect(303, `/mocks/${id}#notes`);
  });

  router.post('/mocks/:id/questions/:position/run', async (req, res) => {
    const { id, position } = parseInput(questionParamsSchema, req.params);
    const { code } = parseInput(draftSchema, { ...(req.body ?? {}), position });
    const { run } = await mocksService.run({ user: currentUser(res), mockId: id, position, code });
    if (wantsJson(req)) return res.json({ run });
    res.redirect(303, `/mocks/${id}#q${position}`);
  });

  router.post('/mocks/:id/questions/:position/submit', async (req, res) => {
    const { id, position } = parseInput(questionParamsSchema, req.params);
    const { code, outcome } = parseInput(submitSchema, { ...(req.body ?? {}), position });
    const { finished } = await mocksService.submit({ user: currentUser(res), mockId: id, position, code, outcome });
    if (wantsJson(req)) return res.json({ submitted: true, finished });
    res.redirect(303, finished ? `/mocks/${id}/scorecard` : `/mocks/${id}`);
  });

  router.post('/mocks/:id/finish', async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    await mocksService.finish({ user: currentUser(res), mockId: id });
    res.redirect(303, `/mocks/${id}/scorecard`);
  });

  function renderScorecard(
    res: Response,
    data: Awaited<ReturnType<MocksService['scorecard']>>,
    extra: { status?: number; errors?: string[]; typed?: Record<string, unknown>; saved?: boolean } = {},
  ) {
    const user = currentUser(res);
    const { mock, questions, own, coach } = data;
    const typed = extra.typed;
    const value = (key: string): string => {
      if (typed) return typeof typed[key] === 'string' ? (typed[key] as string) : '';
      if (!own) return '';
      if (key === 'wouldAdvance') return own.wouldAdvance ? 'yes' : 'no';
      if (key === 'summary') return own.summary;
      return String(own.scores[key as keyof typeof own.scores] ?? '');
    };
    res.status(extra.status ?? 200).render('mocks/scorecard', {
      mock,
      info: MOCK_FORMAT_INFO[mock.format],
      startedLabel: mock.startedAt ? formatInZone(mock.startedAt, user.timeZone) : '',
      finishLabel: mock.finishReason === 'timeout' ? 'time ran out' : 'all answers submitted',
      questions: questions.map((q) => ({
        position: q.position,
        title: q.question.title,
        difficulty: q.question.difficulty,
        trackLabel: TRACK_LABELS[q.question.track],
        attemptId: q.attempt.id,
        tests: q.attempt.casesTotal !== null ? `${q.attempt.casesPassed}/${q.attempt.casesTotal}` : 'not run',
        outcome: q.attempt.outcome ? OUTCOME_LABELS[q.attempt.outcome] : '',
        submittedAfter: formatDuration(q.attempt.durationSeconds ?? 0),
        onTab: formatDuration(q.secondsOnTab),
        runs: q.runs,
        runsBeforeFirstPass: q.runsBeforeFirstPass === null ? 'no passing run' : String(q.runsBeforeFirstPass),
        autoSubmitted: q.autoSubmitted,
        grade: q.attempt.finalGrade,
      })),
      rubric: RUBRIC,
      value,
      errors: extra.errors ?? [],
      saved: extra.saved ?? false,
      hasOwn: own !== null,
      coach: coach
        ? {
            scores: RUBRIC.map((r) => ({
              label: r.label,
              level: coach.scores[r.key],
              meaning: r.levels[coach.scores[r.key] - 1],
            })),
            wouldAdvance: coach.wouldAdvance,
            summary: coach.summary,
          }
        : null,
    });
  }

  router.get('/mocks/:id/scorecard', async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const data = await mocksService.scorecard({ user: currentUser(res), mockId: id });
    renderScorecard(res, data, { saved: (req.query as Record<string, unknown>).saved === '1' });
  });

  router.post('/mocks/:id/scorecard', async (req: Request, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const user = currentUser(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = rubricSchema.safeParse(body);
    if (!parsed.success) {
      const data = await mocksService.scorecard({ user, mockId: id });
      // What was typed comes back with the reasons (cut to the limits the form has).
      const typed = Object.fromEntries(
        Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, 2000) : '']),
      );
      return renderScorecard(res, data, { status: 400, errors: parsed.error.issues.map((i) => i.message), typed });
    }
    const { wouldAdvance, summary, ...scores } = parsed.data;
    mocksService.saveRubric({ user, mockId: id, scores, wouldAdvance: wouldAdvance === 'yes', summary });
    res.redirect(303, `/mocks/${id}/scorecard?saved=1#rubric`);
  });

  router.get('/me/mocks.csv', async (req, res) => {
    const { bom } = parseInput(bomSchema, req.query);
    const csv = mocksExport.own({ user: currentUser(res) });
    await sendCsv({
      res,
      bom: bom === '1',
      fileName: csv.fileName,
      columns: csv.columns,
      rows: csv.rows,
      onEnd: () => {},
    });
  });

  router.get('/groups/:id/mocks.csv', async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const { bom } = parseInput(bomSchema, req.query);
    const csv = mocksExport.group({ user: currentUser(res), groupId: id });
    await sendCsv({
      res,
      bom: bom === '1',
      fileName: csv.fileName,
      columns: csv.columns,
      rows: csv.rows,
      onEnd: () => {},
    });
  });

  return router;
}

function average(scores: Record<string, number>): string {
  const values = Object.values(scores);
  return (values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)).toFixed(1);
}
