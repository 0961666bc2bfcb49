import { Router } from 'express';
import { z } from 'zod';
import { currentUser, requireUser } from '../accounts/session.middleware.js';
import type { DrillsService } from '../drills/drills.service.js';
import { MAX_AHEAD_DAYS, MAX_EXTRA_NEW } from '../drills/queue.js';
import type { Clock } from '../shared/clock.js';
import { formatInZone, localDay, WEEKDAY_NAMES } from '../shared/days.js';
import { TRACK_DESCRIPTIONS, TRACK_LABELS } from '../shared/format.js';
import { parseInput, trackSchema } from '../shared/validation.js';
import { interviewPanel } from '../stats/stats.panel.js';
import type { StatsService } from '../stats/stats.service.js';

const trackParams = z.object({ track: trackSchema });
const aheadSchema = z.object({
  days: z.coerce
    .number({ message: 'days must be a number' })
    .int('days must be a whole number')
    .min(1, 'study ahead at least 1 day')
    .max(MAX_AHEAD_DAYS, `study ahead at most ${MAX_AHEAD_DAYS} days`),
});
const extraNewSchema = z.object({
  count: z.coerce
    .number({ message: 'the number of questions must be a number' })
    .int('the number of questions must be whole')
    .min(1, 'ask for at least 1 extra question')
    .max(MAX_EXTRA_NEW, `at most ${MAX_EXTRA_NEW} extra questions at once`),
});
const messageSchema = z
  .object({ leech: z.enum(['suspend', 'keep', 'reset']).optional().catch(undefined) })
  .catch({ leech: undefined });

const LEECH_MESSAGES = {
  suspend: 'Suspended the question: it is not served until you unsuspend it on its page.',
  keep: 'Kept the question in your schedule.',
  reset: 'Reset the question: it comes back as a new question.',
} as const;

export function createTodayRouter({
  drillsService,
  statsService,
  clock,
}: {
  drillsService: DrillsService;
  statsService: StatsService;
  clock: Clock;
}) {
  const router = Router();
  // Logged out, the home page says what opsdrill is; logged in, it is Today.
  router.get('/', (_req, res) => {
    if (res.locals.user) return res.redirect('/today');
    res.render('landing', { nav: 'home' });
  });
  router.get('/today', requireUser, (req, res) => {
    const user = currentUser(res);
    const { leech } = messageSchema.parse(req.query);
    const interview = statsService.interview({ userId: user.id });
    const pace = statsService.pace({ userId: user.id });
    const tracks = drillsService.today({ user }).map((t) => {
      const waiting = t.reviewsAvailable + t.newAvailable;
      return {
        ...t,
        label: TRACK_LABELS[t.track],
        description: TRACK_DESCRIPTIONS[t.track],
        drillDaysLabel: t.preset.drillDays.map((d) => WEEKDAY_NAMES[d - 1]).join(', '),
        notDrillDayLabel: t.track === 'algorithm' ? 'Not an algorithm drill day' : 'Not a scripting drill day',
        waiting,
        backLabel: t.backLabel ?? '',
        pace: pace?.tracks.find((p) => p.track === t.track) ?? null,
      };
    });
    res.render('today/today', {
      tracks,
      // The user's day, not the calendar date: before the rollover hour it is still yesterday.
      todayLabel: formatInZone(Date.parse(`${localDay(clock.now(), user)}T12:00:00Z`), 'UTC', false),
      interview: interviewPanel(interview),
      message: leech ? LEECH_MESSAGES[leech] : '',
      errors: [],
      maxAheadDays: MAX_AHEAD_DAYS,
      maxExtraNew: MAX_EXTRA_NEW,
    });
  });

  // Custom study, like Anki's: reviews of the next days today (as practice), or more new questions.
  router.post('/today/:track/ahead', requireUser, (req, res) => {
    const { track } = parseInput(trackParams, req.params);
    const { days } = parseInput(aheadSchema, req.body ?? {});
    drillsService.studyAhead({ user: currentUser(res), track, days });
    res.redirect(303, `/drills/${track}`);
  });
  router.post('/today/:track/extra-new', requireUser, (req, res) => {
    const { track } = parseInput(trackParams, req.params);
    const { count } = parseInput(extraNewSchema, req.body ?? {});
    drillsService.extraNew({ user: currentUser(res), track, count });
    res.redirect(303, `/drills/${track}`);
  });
  return router;
}
