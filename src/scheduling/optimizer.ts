// "Optimise my schedule": the FSRS optimizer of fsrs-rs (npm @open-spaced-repetition/binding, the
// Rust FSRS that Anki runs) fitted on one user's review log, off the request path in a worker
// thread with a time limit.
import { Worker } from 'node:worker_threads';
import { type DayOptions, localDay } from '../shared/days.js';

/** Below this many reviews the optimizer waits: too few to fit 21 weights. */
export const MIN_REVIEWS = 400;
/** fsrs-rs stops training at this limit; the worker is ended a little after it whatever happens. */
export const OPTIMIZER_TIMEOUT_MS = 60_000;

export type Review = { at: number; grade: number };
export type OptimizerResult =
  | {
      ok: true;
      logLossBefore: number;
      rmseBefore: number;
      logLossAfter: number;
      rmseAfter: number;
      weights: number[];
    }
  | { ok: false; message: string };

/**
 * Each card's reviews as fsrs-rs reads them: [rating, days since the previous review], the days
 * counted in the user's days (same user day: 0), the first review 0.
 */
export function toItems(cards: Review[][], user: DayOptions): [number, number][][] {
  return cards.map((reviews) => {
    let previous: string | null = null;
    return reviews.map((r) => {
      const day = localDay(new Date(r.at), user);
      const delta: number =
        previous === null
          ? 0
          : Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${previous}T00:00:00Z`)) / 86_400_000);
      previous = day;
      return [r.grade, delta] as [number, number];
    });
  });
}

// The worker is plain JavaScript evaluated from this string: the server runs as one bundle
// (dist/server.js), where a separate worker file would need its own build entry. It only loads
// the binding and talks through messages.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const b = require('@open-spaced-repetition/binding');
(async () => {
  const { cards, timeoutMs } = workerData;
  // One item per review after the first: the history up to it, the last one to be predicted.
  const items = cards.flatMap((reviews) =>
    reviews.slice(1).map((_, i) => new b.FSRSBindingItem(reviews.slice(0, i + 2).map(([r, d]) => new b.FSRSBindingReview(r, d)))),
  );
  const longTerm = items.filter((i) => i.longTermReviewCnt() > 0);
  if (longTerm.length === 0) throw new Error('no review a day or more after the one before');
  const before = new b.FSRSBinding().evaluate(longTerm);
  const weights = await b.computeParameters(items, { enableShortTerm: true, timeout: timeoutMs });
  const after = new b.FSRSBinding(weights).evaluate(longTerm);
  parentPort.postMessage({ ok: true, before, after, weights });
})().catch((err) => parentPort.postMessage({ ok: false, message: String(err && err.message ? err.message : err) }));
`;

/** Fit the weights in a worker thread; resolves with the metrics before and after, or why not. */
export function optimise({
  cards,
  timeoutMs = OPTIMIZER_TIMEOUT_MS,
}: {
  cards: [number, number][][];
  timeoutMs?: number;
}): Promise<OptimizerResult> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { cards, timeoutMs } });
    let settled = false;
    const settle = (result: OptimizerResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    // fsrs-rs honours its own timeout between epochs; this one ends a worker stuck anywhere else.
    const timer = setTimeout(
      () => settle({ ok: false, message: `the optimizer took longer than ${Math.round(timeoutMs / 1000)} s` }),
      timeoutMs + 10_000,
    );
    worker.on(
      'message',
      (m: {
        ok: boolean;
        message?: string;
        before?: { logLoss: number; rmseBins: number };
        after?: { logLoss: number; rmseBins: number };
        weights?: number[];
      }) => {
        if (!m.ok || !m.before || !m.after || !m.weights) return settle({ ok: false, message: m.message ?? 'failed' });
        settle({
          ok: true,
          logLossBefore: m.before.logLoss,
          rmseBefore: m.before.rmseBins,
          logLossAfter: m.after.logLoss,
          rmseAfter: m.after.rmseBins,
          weights: m.weights,
        });
      },
    );
    worker.on('error', (err) => settle({ ok: false, message: err.message }));
    worker.on('exit', (code) => settle({ ok: false, message: `the optimizer stopped (exit ${code})` }));
  });
}
