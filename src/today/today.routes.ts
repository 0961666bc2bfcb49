import { Router } from 'express';
import { currentUser, requireUser } from '../accounts/session.middleware.js';
import type { DrillsService } from '../drills/drills.service.js';
import type { Clock } from '../shared/clock.js';
import { formatInZone, WEEKDAY_NAMES } from '../shared/days.js';
import { TRACK_DESCRIPTIONS, TRACK_LABELS } from '../shared/format.js';
import { interviewPanel } from '../stats/stats.panel.js';
import type { StatsService } from '../stats/stats.service.js';

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
  router.get('/today', requireUser, (_req, res) => {
    const user = currentUser(res);
    const tracks = drillsService.today({ user }).map((t) => ({
      ...t,
      label: TRACK_LABELS[t.track],
      description: TRACK_DESCRIPTIONS[t.track],
      drillDaysLabel: t.preset.drillDays.map((d) => WEEKDAY_NAMES[d - 1]).join(', '),
      notDrillDayLabel: t.track === 'algorithm' ? 'Not an algorithm drill day' : 'Not a scripting drill day',
    }));
    res.render('today/today', {
      tracks,
      todayLabel: formatInZone(clock.now(), user.timeZone, false),
      interview: interviewPanel(statsService.interview({ userId: user.id })),
    });
  });
  return router;
}
