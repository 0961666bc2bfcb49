// Per-user FSRS parameters: "Optimise my schedule" (fsrs-rs fitted on the user's own review log)
// and rescheduling existing cards after a change of parameters or desired retention.
import type { SettingsRepository } from '../settings/settings.repository.js';
import type { Clock } from '../shared/clock.js';
import { type DayOptions, dayStart, localDay, shiftDay } from '../shared/days.js';
import type { Track } from '../shared/validation.js';
import { intervalDays, memoryAfter, userDaysBetween } from './fsrs.js';
import { capDays, interviewLastAllowedDay } from './interview-cap.js';
import { MIN_REVIEWS, OPTIMIZER_TIMEOUT_MS, type OptimizerResult, optimise, toItems } from './optimizer.js';
import type { SchedulingRepository } from './scheduling.repository.js';

export type SchedulingUser = { id: number } & DayOptions;

export function createSchedulingService({
  schedulingRepository,
  settingsRepository,
  clock,
  optimiser = optimise,
  timeoutMs = OPTIMIZER_TIMEOUT_MS,
}: {
  schedulingRepository: SchedulingRepository;
  settingsRepository: SettingsRepository;
  clock: Clock;
  /** Tests may stand in for the worker; the real one runs fsrs-rs. */
  optimiser?: typeof optimise;
  timeoutMs?: number;
}) {
  // One optimisation at a time per process: it takes a core for seconds to a minute.
  let running: Promise<unknown> = Promise.resolve();
  /** Settles when the runs started so far are done (tests and shutdown wait on it). */
  const inFlight = new Set<Promise<unknown>>();
  schedulingRepository.failStaleRuns({ now: clock.now().getTime() });

  /** Each card's reviews in order, as (instant, grade). */
  function historyByCard(userId: number) {
    const byCard = new Map<string, { track: Track; reviews: { at: number; grade: number }[] }>();
    for (const r of schedulingRepository.reviews({ userId })) {
      let entry = byCard.get(r.questionId);
      if (!entry) {
        entry = { track: r.track, reviews: [] };
        byCard.set(r.questionId, entry);
      }
      entry.reviews.push({ at: r.at, grade: r.grade });
    }
    return byCard;
  }

  return {
    MIN_REVIEWS,

    status({ userId }: { userId: number }) {
      return {
        reviews: schedulingRepository.reviewCount({ userId }),
        minimum: MIN_REVIEWS,
        run: schedulingRepository.latestRun({ userId }) ?? null,
        weights: settingsRepository.getScheduling({ userId }).weights,
      };
    },

    /**
     * Start an optimisation (or say why it waits). Returns at once: the worker runs off the
     * request path and the settings page shows its result when it is done.
     */
    start({ user }: { user: SchedulingUser }) {
      const now = clock.now().getTime();
      const latest = schedulingRepository.latestRun({ userId: user.id });
      if (latest?.status === 'running') return { run: latest };
      const reviews = schedulingRepository.reviewCount({ userId: user.id });
      if (reviews < MIN_REVIEWS) {
        return {
          run: schedulingRepository.startRun({
            userId: user.id,
            status: 'waiting',
            reviews,
            now,
            message: `The optimizer needs at least ${MIN_REVIEWS} reviews to fit your parameters reliably; you have ${reviews}. Until then the FSRS defaults, fitted on millions of reviews, serve you better.`,
          }),
        };
      }
      const run = schedulingRepository.startRun({ userId: user.id, status: 'running', reviews, now, message: '' });
      const cards = toItems(
        [...historyByCard(user.id).values()].map((c) => c.reviews),
        user,
      );
      const job = running
        .then(() => optimiser({ cards, timeoutMs }))
        .catch((err: unknown): OptimizerResult => ({ ok: false, message: String(err) }))
        .then((result) => {
          const finishedAt = clock.now().getTime();
          if (!result.ok) {
            schedulingRepository.finishRun({ runId: run.id, status: 'failed', message: result.message, finishedAt });
            return;
          }
          const better = result.logLossAfter < result.logLossBefore;
          schedulingRepository.finishRun({
            runId: run.id,
            status: 'done',
            finishedAt,
            logLossBefore: result.logLossBefore,
            rmseBefore: result.rmseBefore,
            logLossAfter: result.logLossAfter,
            rmseAfter: result.rmseAfter,
            weights: result.weights,
            message: better
              ? 'Saved: your schedule now uses your own parameters.'
              : 'Your own parameters would not predict your reviews better than the defaults: the defaults stay.',
          });
          if (better) settingsRepository.saveWeights({ userId: user.id, weights: result.weights });
        });
      running = job;
      inFlight.add(job);
      void job.finally(() => inFlight.delete(job));
      return { run };
    },

    /** Wait for the optimisations started so far (tests, shutdown). */
    async idle() {
      await Promise.all([...inFlight]);
    },

    /** Back to the FSRS defaults. */
    resetWeights({ userId }: { userId: number }) {
      settingsRepository.saveWeights({ userId, weights: null });
    },

    /**
     * Reschedule a track's review cards under the current parameters and desired retention: each
     * card's memory is replayed from its review log with the current weights, then its next day
     * is FSRS's interval from its last review (not before tomorrow, capped before an interview).
     */
    reschedule({ user, track }: { user: SchedulingUser; track: Track }): { cards: number; moved: number } {
      const { weights } = settingsRepository.getScheduling({ userId: user.id });
      const preset = settingsRepository.getPreset({ userId: user.id, track });
      const history = historyByCard(user.id);
      const today = localDay(clock.now(), user);
      const lastAllowed = interviewLastAllowedDay({
        today,
        interviewDate: settingsRepository.getInterviewDate({ userId: user.id }),
      });
      return schedulingRepository.transaction(() => {
        let moved = 0;
        const list = schedulingRepository.reviewCards({ userId: user.id, track });
        for (const card of list) {
          const reviews = history.get(card.questionId)?.reviews ?? [];
          if (reviews.length === 0 || card.lastReview === null) continue;
          let memory: { stability: number; difficulty: number } | null = null;
          let previous: number | null = null;
          for (const r of reviews) {
            const days = previous === null ? 0 : userDaysBetween(previous, r.at, user);
            memory = memoryAfter({ memory, days, grade: r.grade as 1 | 2 | 3 | 4, weights });
            previous = r.at;
          }
          if (!memory) continue;
          const lastDay = localDay(new Date(card.lastReview), user);
          const interval = intervalDays({
            stability: memory.stability,
            desiredRetention: preset.desiredRetention,
            weights,
          });
          // The cap counts from the last review; a card whose capped day is already past is due tomorrow.
          const capped = capDays({
            reviewDay: lastDay,
            days: Math.max(1, interval),
            lastAllowedDay: lastAllowed,
            drillDays: preset.drillDays,
          });
          let dueDay = shiftDay(lastDay, capped.days);
          if (capped.capped && dueDay <= lastDay) dueDay = shiftDay(lastDay, 1);
          const due = dayStart(dueDay, user);
          if (due !== card.due) moved++;
          schedulingRepository.updateMemory({
            cardId: card.id,
            stability: memory.stability,
            difficulty: memory.difficulty,
            due,
            scheduledDays: Math.round(
              (Date.parse(`${dueDay}T00:00:00Z`) - Date.parse(`${lastDay}T00:00:00Z`)) / 86_400_000,
            ),
          });
        }
        return { cards: list.length, moved };
      });
    },
  };
}
export type SchedulingService = ReturnType<typeof createSchedulingService>;
