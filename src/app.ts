import crypto from 'node:crypto';
import path from 'node:path';
import express, { type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { createAccountsRepository } from './accounts/accounts.repository.js';
import { createAccountsRouter } from './accounts/accounts.routes.js';
import { createAccountsService } from './accounts/accounts.service.js';
import { sessionMiddleware } from './accounts/session.middleware.js';
import { createAttemptQuery } from './attempts/attempt-query.js';
import { createAttemptsRouter } from './attempts/attempts.routes.js';
import { createCoachingRepository } from './coaching/coaching.repository.js';
import { createCoachingRouter } from './coaching/coaching.routes.js';
import { createCoachingService } from './coaching/coaching.service.js';
import type { Config } from './config.js';
import { checkDatabase, type Db, writeCounter } from './db/database.js';
import { createUntilWriteCache } from './db/until-write-cache.js';
import { createDrillsRepository } from './drills/drills.repository.js';
import { createDrillsRouter } from './drills/drills.routes.js';
import { createDrillsService } from './drills/drills.service.js';
import { createExportRepository } from './export/export.repository.js';
import { createExportRouter } from './export/export.routes.js';
import { createExportService } from './export/export.service.js';
import { createGroupsRepository } from './groups/groups.repository.js';
import { createGroupsRouter } from './groups/groups.routes.js';
import { createGroupsService } from './groups/groups.service.js';
import { createMockCoachRepository } from './mocks/coach.repository.js';
import { createMockCoachRouter, scheduledMocksOnToday } from './mocks/coach.routes.js';
import { createLiveStore, createMockCoachService, createMockLive } from './mocks/coach.service.js';
import { createLiveHub, DEFAULT_LIVE_LIMITS } from './mocks/live.hub.js';
import { rubricChart } from './mocks/mocks.chart.js';
import { createMocksExport } from './mocks/mocks.export.js';
import { createMocksRepository } from './mocks/mocks.repository.js';
import { createMocksRouter } from './mocks/mocks.routes.js';
import { createMocksService, mockDurationSeconds, startMockTimer } from './mocks/mocks.service.js';
import type { Catalog } from './questions/catalog.js';
import { createQuestionsRepository } from './questions/questions.repository.js';
import { createQuestionsRouter } from './questions/questions.routes.js';
import type { RunQueue } from './runner/runner.queue.js';
import { createRunnerService } from './runner/runner.service.js';
import { runnerLimits } from './runner/runner.setup.js';
import { createRunsRepository } from './runner/runs.repository.js';
import { createSchedulingRepository } from './scheduling/scheduling.repository.js';
import { createSchedulingService } from './scheduling/scheduling.service.js';
import { createSettingsRepository } from './settings/settings.repository.js';
import { createSettingsRouter } from './settings/settings.routes.js';
import type { Clock } from './shared/clock.js';
import { errorMiddleware } from './shared/error-middleware.js';
import { AppError } from './shared/errors.js';
import { createLogger, type Logger, silentLogger } from './shared/logger.js';
import { fromRoot } from './shared/paths.js';
import { createViewEngine } from './shared/view-engine.js';
import { createStatsRepository } from './stats/stats.repository.js';
import { createStatsRouter } from './stats/stats.routes.js';
import { createStatsService } from './stats/stats.service.js';
import { createTodayRouter } from './today/today.routes.js';

const VIEWS_DIR = fromRoot('views');

export function createApp({
  db,
  clock,
  config,
  catalog,
  runQueue = null,
  logger = config.env === 'test' ? silentLogger : createLogger({ json: config.env === 'production' }),
  mockSweepMs = config.env === 'test' ? 0 : 2000,
}: {
  db: Db;
  clock: Clock;
  config: Config;
  catalog: Catalog;
  /** Where candidates' code runs; null runs nothing (drills take self-reported outcomes). */
  runQueue?: RunQueue | null;
  logger?: Logger;
  /** How often running mocks past their end are finished; 0: only by requests (unit tests). */
  mockSweepMs?: number;
}) {
  const accountsRepository = createAccountsRepository({ db });
  const settingsRepository = createSettingsRepository({ db });
  const drillsRepository = createDrillsRepository({ db });
  const attemptQuery = createAttemptQuery({ db });
  const groupsRepository = createGroupsRepository({ db });
  const groupsService = createGroupsService({ groupsRepository, settingsRepository, catalog, clock });
  const coachingService = createCoachingService({
    coachingRepository: createCoachingRepository({ db }),
    groupsRepository,
    groupsService,
    attemptQuery,
    catalog,
    clock,
  });
  const exportService = createExportService({ exportRepository: createExportRepository({ db }), groupsService, clock });
  const accountsService = createAccountsService({
    accountsRepository,
    clock,
    scryptCost: config.scryptCost,
    sessionIdleDays: config.sessionIdleDays,
  });
  // One runner for drills and mocks: its per-user limits count both.
  const runner = createRunnerService({ queue: runQueue, limits: runnerLimits(config) });
  const runsRepository = createRunsRepository({ db });
  const drillsService = createDrillsService({
    drillsRepository,
    settingsRepository,
    runsRepository,
    runner,
    catalog,
    clock,
    fuzz: config.fsrsFuzz,
  });
  const statsService = createStatsService({
    statsRepository: createStatsRepository({ db }),
    settingsRepository,
    catalog,
    clock,
  });
  const mocksRepository = createMocksRepository({ db });
  const mockCoachRepository = createMockCoachRepository({ db });
  // Coaches watching mocks: the mock service tells the hub what it stored (events, drafts, the end).
  const liveHub = createLiveHub({
    store: createLiveStore({ mocksRepository, coachRepository: mockCoachRepository }),
    limits: { ...DEFAULT_LIVE_LIMITS, perViewer: config.mockLive.perCoach, perMock: config.mockLive.perMock },
  });
  const mocksService = createMocksService({
    mocksRepository,
    drillsRepository,
    settingsRepository,
    gradeMockAttempt: drillsService.gradeMockAttempt,
    queue: drillsService.queue,
    runsRepository,
    runner,
    catalog,
    clock,
    minutesScale: config.mockMinutesScale,
    listener: createMockLive({ hub: liveHub, mocksRepository }),
  });
  // Mocks whose time ran out are finished by the next request touching them, and by this timer
  // (first at startup: mocks left running when the server stopped).
  const stopMockTimer = mockSweepMs > 0 ? startMockTimer({ mocksService, intervalMs: mockSweepMs, logger }) : () => {};
  const mockCoachService = createMockCoachService({
    mocksRepository,
    coachRepository: mockCoachRepository,
    groupsService,
    catalog,
    clock,
    // As the mock service sizes a round (MOCK_MINUTES_SCALE included): the coach's mock starts later.
    durationSecondsOf: (format) => mockDurationSeconds(format, config.mockMinutesScale),
  });
  const secret =
    config.sessionSecret ??
    accountsRepository.getOrCreateSecret({
      name: 'session_secret',
      create: () => crypto.randomBytes(32).toString('base64url'),
    });

  const app = express();
  app.set('views', VIEWS_DIR);
  app.set('view engine', 'ejs');
  // Behind a reverse proxy, req.ip (and so every per-address limit) comes from X-Forwarded-For
  // only as far as TRUST_PROXY says; by default the header is ignored.
  app.set('trust proxy', config.trustProxy);
  if (config.env === 'production') app.set('view cache', true);
  const views = createViewEngine({ root: VIEWS_DIR, layout: LAYOUT, watch: config.env === 'development' });
  app.engine('ejs', (file: string, data: object, done: (err: Error | null, html?: string) => void) => {
    let html: string;
    try {
      html = views.render(file, data as Record<string, unknown>);
    } catch (err) {
      return done(err as Error);
    }
    done(null, html);
  });
  app.disable('x-powered-by');
  // Pages are per user and carry a CSRF token, so an ETag never matches; hashing every body was
  // a measurable share of the drill page's CPU profile (bench/RESULTS.md).
  app.set('etag', false);
  // Self-hosted installs often run on plain HTTP inside a LAN: only ask browsers to force HTTPS
  // when the deployment says it serves HTTPS (secure cookies).
  app.use(
    precomputedHeaders(
      helmet({
        contentSecurityPolicy: {
          directives: {
            'script-src': ["'self'"],
            'img-src': ["'self'", 'data:'],
            'upgrade-insecure-requests': config.secureCookies ? [] : null,
          },
        },
        strictTransportSecurity: config.secureCookies,
      }),
    ),
  );

  app.get('/healthz', (_req, res) => {
    const ok = (() => {
      try {
        return checkDatabase(db);
      } catch {
        return false;
      }
    })();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' });
  });
  app.use(
    '/assets',
    express.static(path.join(VIEWS_DIR, 'assets'), { maxAge: config.env === 'production' ? '1h' : 0, index: false }),
  );

  app.use(express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 100 }));
  app.use(sessionMiddleware({ accountsService, secret, secureCookies: config.secureCookies }));

  // Before Today, History and the attempt page: it adds their feedback and retry notices.
  app.use(createCoachingRouter({ coachingService, catalog }));
  // The drill routes are the hot path: they come first after the coaching hooks (which add
  // feedback to the attempt and Today pages), so a drill request walks the fewest layers.
  app.use(
    createDrillsRouter({
      drillsService,
      clock,
      retryNoteFor: coachingService.retryNoteFor,
      // 30 s bounds how long a write by another process could go unseen.
      openPages: createUntilWriteCache({ writes: writeCounter(db), clock, maxAgeMs: 30_000, maxEntries: 1000 }),
    }),
  );
  app.use(scheduledMocksOnToday({ coachRepository: mockCoachRepository }));
  app.use(createTodayRouter({ drillsService, statsService, clock }));
  app.use(
    createAccountsRouter({
      accountsService,
      loginRateLimit: config.loginRateLimit,
      registerRateLimit: config.registerRateLimit,
      secureCookies: config.secureCookies,
    }),
  );
  app.use(
    createSettingsRouter({
      settingsRepository,
      schedulingService: createSchedulingService({
        schedulingRepository: createSchedulingRepository({ db }),
        settingsRepository,
        clock,
      }),
      catalog,
      clock,
      sessionIdleDays: config.sessionIdleDays,
      onProfileChange: accountsService.forgetUser,
    }),
  );
  app.use(
    createMocksRouter({
      mocksService,
      mocksExport: createMocksExport({ mocksRepository, groupsService, catalog, clock }),
    }),
  );
  app.use(
    createStatsRouter({
      statsService,
      groupsService,
      rubricChartFor: (user) => rubricChart(mocksService.rubricHistory({ user }), user.timeZone),
    }),
  );
  app.use(createAttemptsRouter({ attemptQuery, catalog }));
  app.use(createGroupsRouter({ groupsService }));
  app.use(createExportRouter({ exportService }));
  app.use(createQuestionsRouter({ catalog, questionsRepository: createQuestionsRepository({ db }) }));
  app.use(
    createMockCoachRouter({
      coachService: mockCoachService,
      hub: liveHub,
      finishIfExpired: () => mocksService.sweep(),
    }),
  );

  app.use((_req, _res, next) =>
    next(new AppError({ code: 'not_found', message: 'There is no page at this address.', statusCode: 404 })),
  );
  app.use(errorMiddleware({ logger }));
  closers.set(app, () => {
    stopMockTimer();
    liveHub.close();
    views.close();
  });
  return app;
}

const closers = new WeakMap<object, () => void>();

/**
 * Ends what the app holds open besides requests (live streams, their heartbeat): server.close()
 * waits for open connections, and a live view's stream never ends by itself.
 */
export function closeApp(app: object) {
  closers.get(app)?.();
}

/**
 * helmet sets the same headers on every response (no nonces here): run it once at startup
 * against a recording response and replay the result, instead of eleven middlewares per request.
 */
function precomputedHeaders(
  middleware: (req: Request, res: Response, next: (err?: unknown) => void) => void,
): RequestHandler {
  const headers = new Map<string, string | string[]>();
  const recorder = {
    setHeader: (name: string, value: string | string[]) => headers.set(name, value),
    removeHeader: (name: string) => headers.delete(name),
    getHeader: (name: string) => headers.get(name),
  };
  let ran = false;
  middleware({ headers: {}, method: 'GET' } as unknown as Request, recorder as unknown as Response, (err) => {
    if (err) throw err;
    ran = true;
  });
  if (!ran || headers.size === 0) throw new Error('could not precompute the security headers');
  const entries = [...headers.entries()];
  return (_req, res, next) => {
    for (const [name, value] of entries) res.setHeader(name, value);
    next();
  };
}

const LAYOUT = path.join(VIEWS_DIR, 'layout.ejs');
