import { type Response, Router } from 'express';
import { z } from 'zod';
import { currentUser, requireUser } from '../accounts/session.middleware.js';
import { focusOptions } from '../drills/queue.js';
import type { Catalog } from '../questions/catalog.js';
import { trackSettingsFormSchema } from '../scheduling/presets.js';
import type { SchedulingService } from '../scheduling/scheduling.service.js';
import type { Clock } from '../shared/clock.js';
import { canonicalTimeZone, formatInZone, WEEKDAY_NAMES } from '../shared/days.js';
import { TRACK_LABELS } from '../shared/format.js';
import { parseInput, TRACKS, type Track, trackSchema } from '../shared/validation.js';
import type { SettingsRepository } from './settings.repository.js';

const profileSchema = z.object({
  timeZone: z
    .string({ message: 'time zone is required' })
    .trim()
    .min(1, 'time zone is required')
    .max(64, 'time zone is too long')
    // Stored under its canonical name: "asia/tokyo", "ASIA/TOKYO" and "Japan" are all Asia/Tokyo.
    .transform((zone, ctx) => {
      const canonical = canonicalTimeZone(zone);
      if (canonical) return canonical;
      ctx.addIssue({
        code: 'custom',
        message: 'unknown time zone: use a name such as Europe/Berlin or America/New_York',
      });
      return z.NEVER;
    }),
  dayStartHour: z.coerce
    .number({ message: 'day start hour must be a number' })
    .int('day start hour must be a whole hour')
    .min(0, 'day start hour must be 0-23')
    .max(23, 'day start hour must be 0-23'),
});

const ZONES = Intl.supportedValuesOf('timeZone');

const leechSchema = z.object({
  leechThreshold: z.coerce
    .number({ message: 'the leech threshold must be a number' })
    .int('the leech threshold must be a whole number')
    .min(2, 'the leech threshold must be at least 2 lapses')
    .max(50, 'the leech threshold can be at most 50 lapses'),
});

const savedSchema = z
  .object({
    saved: z
      .enum([
        'profile',
        'scripting',
        'algorithm',
        'password',
        'sessions',
        'leeches',
        'optimise',
        'defaults',
        'rescheduled',
      ])
      .optional()
      .catch(undefined),
    ended: z.coerce.number().int().min(0).max(100_000).optional().catch(undefined),
    // After a change of desired retention (or parameters): offer to reschedule this track's cards.
    offer: trackSchema.optional().catch(undefined),
    moved: z.coerce.number().int().min(0).max(1_000_000).optional().catch(undefined),
  })
  .catch({ saved: undefined, ended: undefined, offer: undefined, moved: undefined });

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function savedMessage({ saved, ended = 0, moved = 0 }: z.infer<typeof savedSchema>): string {
  switch (saved) {
    case undefined:
      return '';
    case 'leeches':
      return 'Saved your leech threshold.';
    case 'optimise':
      return 'Optimising your schedule: this takes up to a minute. Reload this page to see the result.';
    case 'defaults':
      return 'Back to the FSRS default parameters.';
    case 'rescheduled':
      return `Rescheduled your cards: ${plural(moved, 'card')} moved.`;
    case 'profile':
      return 'Saved your day settings.';
    case 'password':
      return `Changed your password. ${ended ? `Logged out ${plural(ended, 'other session')}.` : 'You had no other sessions.'}`;
    case 'sessions':
      return ended ? `Logged out ${plural(ended, 'other session')}.` : 'You had no other sessions: nothing to log out.';
    default:
      return `Saved your ${saved} schedule.`;
  }
}

export function createSettingsRouter({
  settingsRepository,
  catalog,
  clock,
  sessionIdleDays,
  onProfileChange = () => {},
  schedulingService,
}: {
  settingsRepository: SettingsRepository;
  schedulingService: SchedulingService;
  catalog: Catalog;
  clock: Clock;
  sessionIdleDays: number;
  /** The user's time zone or day start changed: the session cache must forget the old ones. */
  onProfileChange?: (userId: number) => void;
}) {
  const router = Router();
  const focusChoices = (track: Track) => {
    const o = focusOptions(catalog, track);
    return [...o.lists, ...o.companies, ...o.topics];
  };
  router.use('/settings', requireUser);

  function render(
    res: Response,
    opts: {
      status?: number;
      section?: string;
      errors?: string[];
      saved?: string;
      override?: { track: Track; values: Record<string, unknown> };
      profile?: Record<string, unknown>;
      offer?: Track;
      leechThreshold?: string;
    } = {},
  ) {
    const user = currentUser(res);
    const scheduling = settingsRepository.getScheduling({ userId: user.id });
    const optimiser = schedulingService.status({ userId: user.id });
    const tracks = TRACKS.map((track) => {
      const preset = settingsRepository.getPreset({ userId: user.id, track });
      return {
        track,
        label: TRACK_LABELS[track],
        values:
          opts.override?.track === track
            ? opts.override.values
            : { ...preset, focus: preset.focus ? `${preset.focus.kind}:${preset.focus.value}` : '' },
        focusOptions: focusOptions(catalog, track),
      };
    });
    res.status(opts.status ?? 200).render('settings/settings', {
      nav: 'settings',
      tracks,
      profile: opts.profile ?? { timeZone: user.timeZone, dayStartHour: user.dayStartHour },
      zones: ZONES,
      weekdays: WEEKDAY_NAMES,
      section: opts.section ?? '',
      errors: opts.errors ?? [],
      saved: opts.saved ?? '',
      sessionIdleDays,
      leechThreshold: opts.leechThreshold ?? scheduling.leechThreshold,
      optimiser: {
        ...optimiser,
        ownWeights: scheduling.weights !== null,
        runLabel: optimiser.run
          ? `${optimiser.run.status} · ${formatInZone(optimiser.run.createdAt, user.timeZone)}`
          : '',
        fmt: (n: number | null) => (n === null ? '–' : n.toFixed(4)),
      },
      offer: opts.offer ?? null,
      offerLabel: opts.offer ? TRACK_LABELS[opts.offer] : '',
    });
  }

  router.get('/settings', (req, res) => {
    const query = savedSchema.parse(req.query);
    render(res, { saved: savedMessage(query), ...(query.offer ? { offer: query.offer } : {}) });
  });

  router.post('/settings/leeches', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = leechSchema.safeParse(body);
    if (!parsed.success)
      return render(res, {
        status: 400,
        section: 'scheduling',
        errors: parsed.error.issues.map((i) => i.message),
        leechThreshold: String(body.leechThreshold ?? '').slice(0, 12),
      });
    settingsRepository.saveLeechThreshold({ userId: currentUser(res).id, leechThreshold: parsed.data.leechThreshold });
    res.redirect(303, '/settings?saved=leeches#scheduling');
  });

  // "Optimise my schedule": returns at once; the optimizer runs in a worker thread.
  router.post('/settings/optimise', (_req, res) => {
    schedulingService.start({ user: currentUser(res) });
    res.redirect(303, '/settings?saved=optimise#scheduling');
  });

  router.post('/settings/optimise/defaults', (_req, res) => {
    schedulingService.resetWeights({ userId: currentUser(res).id });
    res.redirect(303, '/settings?saved=defaults&offer=scripting#scheduling');
  });

  router.post('/settings/:track/reschedule', (req, res) => {
    const { track } = parseInput(z.object({ track: trackSchema }), req.params);
    const { moved } = schedulingService.reschedule({ user: currentUser(res), track });
    res.redirect(303, `/settings?saved=rescheduled&moved=${moved}#${track}`);
  });

  router.post('/settings/profile', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = profileSchema.safeParse(body);
    if (!parsed.success) {
      return render(res, {
        status: 400,
        section: 'profile',
        errors: parsed.error.issues.map((i) => i.message),
        profile: {
          timeZone: String(body.timeZone ?? '').slice(0, 64),
          dayStartHour: String(body.dayStartHour ?? '').slice(0, 4),
        },
      });
    }
    settingsRepository.saveProfile({ userId: currentUser(res).id, ...parsed.data });
    onProfileChange(currentUser(res).id);
    res.redirect(303, '/settings?saved=profile');
  });

  router.post('/settings/:track', (req, res) => {
    const { track } = parseInput(z.object({ track: trackSchema }), req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = trackSettingsFormSchema
      .superRefine((v, ctx) => {
        if (
          v.focus &&
          !focusChoices(track).some(
            (c) => c.kind === v.focus?.kind && c.value.toLowerCase() === v.focus.value.toLowerCase(),
          )
        )
          ctx.addIssue({ code: 'custom', message: `"${v.focus.value}" is not a ${v.focus.kind} of the ${track} bank` });
      })
      .safeParse(body);
    if (!parsed.success) {
      const days = body.drillDays === undefined ? [] : ([] as unknown[]).concat(body.drillDays).map(Number);
      const keep = (k: string) => String(body[k] ?? '').slice(0, 12);
      return render(res, {
        status: 400,
        section: track,
        errors: parsed.error.issues.map((i) => i.message),
        override: {
          track,
          values: {
            desiredRetention: keep('desiredRetention'),
            newPerDay: keep('newPerDay'),
            reviewsPerDay: keep('reviewsPerDay'),
            budgetEasyMinutes: keep('budgetEasyMinutes'),
            budgetMediumMinutes: keep('budgetMediumMinutes'),
            budgetHardMinutes: keep('budgetHardMinutes'),
            dailyMinutes: keep('dailyMinutes'),
            focus: String(body.focus ?? '').slice(0, 120),
            drillDays: days,
          },
        },
      });
    }
    const userId = currentUser(res).id;
    const before = settingsRepository.getPreset({ userId, track });
    settingsRepository.savePreset({ userId, track, preset: parsed.data, now: clock.now().getTime() });
    // A new desired retention applies to the next grade of each card: offer to move them all now.
    const offer = before.desiredRetention !== parsed.data.desiredRetention ? `&offer=${track}` : '';
    res.redirect(303, `/settings?saved=${track}${offer}#${track}`);
  });

  return router;
}
