import { Router } from 'express';
import { z } from 'zod';
import { currentUser, requireUser } from '../accounts/session.middleware.js';
import { attemptFilterSchema } from '../attempts/attempt-query.js';
import { idParamSchema, parseInput } from '../shared/validation.js';
import { sendCsv } from './csv.js';
import { ExportQueryError } from './export.errors.js';
import type { ExportService } from './export.service.js';

const includeSchema = z
  .string()
  .max(40)
  .regex(/^((code|notes)(,(code|notes))*)?$/, 'include can list code and notes, e.g. include=code,notes')
  .optional();
const bomSchema = z.enum(['0', '1', ''], { message: 'bom must be 0 or 1' }).optional();
const exportQuery = z.intersection(
  attemptFilterSchema,
  z.object({ include: includeSchema, bom: bomSchema, member: z.unknown().optional() }),
);

export function createExportRouter({ exportService }: { exportService: ExportService }) {
  const router = Router();
  const parseQuery = (query: unknown) => {
    const parsed = exportQuery.safeParse(query);
    if (!parsed.success)
      throw new ExportQueryError(parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`));
    const { include, bom, member: _member, ...filter } = parsed.data;
    const parts = new Set((include ?? '').split(','));
    return { filter, include: { code: parts.has('code'), notes: parts.has('notes') }, bom: bom === '1' };
  };

  router.get('/me/attempts.csv', requireUser, async (req, res) => {
    const { filter, include, bom } = parseQuery(req.query);
    const csv = exportService.ownAttempts({ user: currentUser(res), filter, include });
    await sendCsv({ res, bom, fileName: csv.fileName, columns: csv.columns, rows: csv.rows, onEnd: csv.close });
  });

  router.get('/me/review-log.csv', requireUser, async (req, res) => {
    const { bom } = parseInput(z.object({ bom: bomSchema }), req.query);
    const csv = exportService.reviewLog({ user: currentUser(res) });
    await sendCsv({
      res,
      bom: bom === '1',
      fileName: csv.fileName,
      columns: csv.columns,
      rows: csv.rows,
      onEnd: csv.close,
    });
  });

  router.get('/groups/:id/attempts.csv', requireUser, async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const { member } = parseInput(
      z.object({ member: z.coerce.number({ message: 'member must be a user id' }).int().positive().optional() }),
      { member: (req.query as Record<string, unknown>).member },
    );
    const { filter, include, bom } = parseQuery(req.query);
    const csv = exportService.groupAttempts({ user: currentUser(res), groupId: id, memberId: member, filter, include });
    await sendCsv({ res, bom, fileName: csv.fileName, columns: csv.columns, rows: csv.rows, onEnd: csv.close });
  });

  return router;
}
