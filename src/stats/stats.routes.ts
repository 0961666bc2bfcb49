import { type Response, Router } from 'express';
import { z } from 'zod';
import { currentUser, requireUser } from '../accounts/session.middleware.js';
import type { GroupsService } from '../groups/groups.service.js';
import { parseInput } from '../shared/validation.js';
import { statsPanel } from './stats.panel.js';
import { interviewFormSchema, type StatsService } from './stats.service.js';

const memberParams = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  userId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export function createStatsRouter({
  statsService,
  groupsService,
  rubricChartFor = () => null,
}: {
  statsService: StatsService;
  groupsService: GroupsService;
  /** The chart of the user's mock-interview rubric scores over time (src/mocks). */
  rubricChartFor?: (user: { id: number; timeZone: string; dayStartHour: number }) => unknown;
}) {
  const router = Router();
  router.use('/stats', requireUser);

  function render(
    res: Response,
    opts: { status?: number; errors?: string[]; saved?: string; interviewValue?: string } = {},
  ) {
    const user = currentUser(res);
    const panel = statsPanel(statsService.buildStats({ userId: user.id }));
    res.status(opts.status ?? 200).render('stats/stats', {
      nav: 'stats',
      panel,
      pace: statsService.pace({ userId: user.id }),
      errors: opts.errors ?? [],
      saved: opts.saved ?? '',
      interviewValue: opts.interviewValue ?? panel.interview?.date ?? '',
      rubric: rubricChartFor(user),
    });
  }

  router.get('/stats', (req, res) => {
    const saved = z.enum(['interview', 'cleared']).optional().catch(undefined).parse(req.query.saved);
    render(res, {
      saved:
        saved === 'interview'
          ? 'Saved your interview date.'
          : saved === 'cleared'
            ? 'Cleared your interview date: normal scheduling again.'
            : '',
    });
  });

  router.post('/stats/interview', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const typed = typeof body.interviewDate === 'string' ? body.interviewDate.slice(0, 10) : '';
    const parsed = interviewFormSchema.safeParse(body);
    if (!parsed.success)
      return render(res, { status: 400, errors: parsed.error.issues.map((i) => i.message), interviewValue: typed });
    const { interviewDate, action } = parsed.data;
    if (action === 'save' && interviewDate === '')
      return render(res, { status: 400, errors: ['pick an interview date, or use Clear date'], interviewValue: '' });
    const result = statsService.setInterviewDate({
      userId: currentUser(res).id,
      interviewDate: action === 'clear' ? null : interviewDate,
    });
    if (result.error) return render(res, { status: 400, errors: [result.error], interviewValue: typed });
    res.redirect(303, `/stats?saved=${action === 'clear' ? 'cleared' : 'interview'}#interview`);
  });

  // A coach sees the same progress picture for each member of the groups they coach.
  router.get('/groups/:id/members/:userId/stats', requireUser, (req, res) => {
    const { id, userId } = parseInput(memberParams, req.params);
    const { group } = groupsService.requireCoachOfMember({ user: currentUser(res), groupId: id, memberId: userId });
    const stats = statsService.buildStats({ userId });
    res.render('stats/member', {
      nav: 'groups',
      group,
      username: stats.user.username,
      panel: statsPanel(stats),
      memberId: userId,
    });
  });

  return router;
}
