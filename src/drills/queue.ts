// The day's queue of a track: what is due (one rule for Today, the drill and the forecast), the
// minutes it takes, what the budget leaves for new questions, and in which order to serve.
import type { Catalog, CatalogQuestion } from '../questions/catalog.js';
import {
  CATCH_UP_FACTOR,
  expectedMinutes,
  isCatchingUp,
  newQuestionsAllowed,
  PACE_WINDOW,
  paceOf,
  reviewCapMinutes,
  reviewEarly,
  reviewFits,
  stepCapMinutes,
  stepFits,
  weekIsFull,
} from '../scheduling/budget.js';
import { budgetMinutes, type Focus, type TrackPreset } from '../scheduling/presets.js';
import type { SettingsRepository } from '../settings/settings.repository.js';
import { type DayOptions, dayBounds, dayStart, isoWeekday, localDay, shiftDay } from '../shared/days.js';
import type { Track } from '../shared/validation.js';
import type { DrillsRepository } from './drills.repository.js';

/** Learning cards due within this window are served early when nothing else is left (as Anki's learn-ahead). */
export const LEARN_AHEAD_MS = 20 * 60_000;
/** Study ahead and extra new: at most this many days or questions at once. */
export const MAX_AHEAD_DAYS = 14;
export const MAX_EXTRA_NEW = 10;
const AHEAD_WINDOW_DAYS = 7;

export type QueueUser = { id: number } & DayOptions;

export type Day = { day: string; start: number; next: number; now: number };

export function dayOf(now: Date, user: DayOptions): Day {
  return { ...dayBounds(now, user), now: now.getTime() };
}

export type NextItem = {
  questionId: string;
  kind: 'drill' | 'practice';
  reason: 'learning' | 'review' | 'new' | 'ahead';
};

/** Does a question match a focus (list, company or topic; case-insensitive)? */
export function matchesFocus(q: CatalogQuestion, focus: Focus): boolean {
  const want = focus.value.toLowerCase();
  const field =
    focus.kind === 'topic' ? q.topics : focus.kind === 'list' ? q.meta.lists : (q.meta.companies as unknown);
  return Array.isArray(field) && field.some((v) => typeof v === 'string' && v.toLowerCase() === want);
}

/** The focus choices a track's bank offers: lists and companies (algorithm), topics (both). */
export function focusOptions(catalog: Catalog, track: Track) {
  const count = new Map<string, { kind: Focus['kind']; value: string; total: number }>();
  const add = (kind: Focus['kind'], value: unknown) => {
    if (typeof value !== 'string') return;
    const key = `${kind}:${value.toLowerCase()}`;
    const entry = count.get(key) ?? { kind, value, total: 0 };
    entry.total++;
    count.set(key, entry);
  };
  for (const q of catalog.active(track)) {
    for (const l of Array.isArray(q.meta.lists) ? q.meta.lists : []) add('list', l);
    for (const c of Array.isArray(q.meta.companies) ? q.meta.companies : []) add('company', c);
    for (const t of q.topics) add('topic', t);
  }
  const of = (kind: Focus['kind']) =>
    [...count.values()]
      .filter((e) => e.kind === kind && (kind === 'list' || e.total >= 3))
      .sort((a, b) => b.total - a.total || a.value.localeCompare(b.value));
  return { lists: of('list'), companies: of('company'), topics: of('topic') };
}

export function createDrillQueue({
  drillsRepository,
  settingsRepository,
  catalog,
}: {
  drillsRepository: DrillsRepository;
  settingsRepository: SettingsRepository;
  catalog: Catalog;
}) {
  // The bank never changes while the process runs: order each track's questions once.
  const ordered = new Map<Track, CatalogQuestion[]>();
  const bankOrder = (track: Track) => {
    let list = ordered.get(track);
    if (!list) {
      list = catalog
        .active(track)
        .slice()
        .sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      ordered.set(track, list);
    }
    return list;
  };

  const minutesOf = (preset: TrackPreset, q: CatalogQuestion) =>
    budgetMinutes(preset, q.difficulty, q.timeBudgetMinutes);
  const budgetParams = (preset: TrackPreset) => ({
    easy: preset.budgetEasyMinutes,
    medium: preset.budgetMediumMinutes,
    hard: preset.budgetHardMinutes,
  });

  /** Unseen questions in serving order: the focus first (when set), then the rest of the bank. */
  function newQuestions({ user, track, preset }: { user: QueueUser; track: Track; preset: TrackPreset }) {
    const seen = drillsRepository.seenQuestionIds({ userId: user.id, track });
    const unseen = bankOrder(track).filter((q) => !seen.has(q.id));
    if (!preset.focus) return { unseen, focusLeft: null as number | null, focusTotal: null as number | null };
    const focus = preset.focus;
    const inFocus = unseen.filter((q) => matchesFocus(q, focus));
    const rest = unseen.filter((q) => !matchesFocus(q, focus));
    const focusTotal = bankOrder(track).filter((q) => matchesFocus(q, focus)).length;
    return { unseen: [...inFocus, ...rest], focusLeft: inFocus.length, focusTotal };
  }

  /**
   * Everything about a track's day: due counts and minutes, what was done, what the budget
   * allows. Minutes are expected minutes: time budgets at the candidate's pace (budget.ts), and
   * the time really spent on what is done. The rules themselves are in src/scheduling/budget.ts.
   */
  function state({ user, track, now }: { user: QueueUser; track: Track; now: Date }) {
    const preset = settingsRepository.getPreset({ userId: user.id, track });
    const d = dayOf(now, user);
    const isDrillDay = preset.drillDays.includes(isoWeekday(d.day));
    const pace = paceOf(drillsRepository.paceRatios({ userId: user.id, track, limit: PACE_WINDOW }));
    const est = (budget: number) => expectedMinutes(budget, pace);
    const done = drillsRepository.countsForDay({ userId: user.id, track, day: d.day, dayStart: d.start });
    const due = drillsRepository.dueCounts({
      userId: user.id,
      track,
      now: d.now,
      learnAheadUntil: d.now + LEARN_AHEAD_MS,
      dayStart: d.start,
      nextDayStart: d.next,
      ...budgetParams(preset),
    });
    const drill = drillsRepository.findDrillOfDay({ userId: user.id, track, day: d.day });
    const open = drillsRepository.findOpenAttempt({ userId: user.id, track });
    const openMinutes = open ? est(open.budgetSeconds / 60) : 0;
    const dueMinutes = est(due.learningDueMinutes + due.learningLaterMinutes + due.reviewsDueMinutes);
    // What today holds: the time spent, the open answer, and what is still due.
    const usedMinutes = done.minutesSpent + openMinutes;
    const plannedMinutes = usedMinutes + dueMinutes;
    const catchUpCapMinutes = preset.dailyMinutes * CATCH_UP_FACTOR;
    const reviewsLeft = Math.max(0, preset.reviewsPerDay - done.reviewsDone);
    // The week ahead: mean planned review minutes per drill day.
    const ahead = loadByDay({
      user,
      track,
      preset,
      fromDay: shiftDay(d.day, 1),
      toDay: shiftDay(d.day, AHEAD_WINDOW_DAYS),
    });
    const aheadDrillDays = Array.from({ length: AHEAD_WINDOW_DAYS }, (_, i) => shiftDay(d.day, i + 1)).filter((x) =>
      preset.drillDays.includes(isoWeekday(x)),
    );
    const aheadMinutes = est(
      aheadDrillDays.reduce((m, x) => m + (ahead.get(x) ?? 0), 0) / Math.max(1, aheadDrillDays.length),
    );
    // After a break: reviews were due before today and the day's plan is over its minutes (as of
    // the day's start: the overdue reviews already done today count).
    const catchingUp = isCatchingUp({
      overdueAtDayStart: due.overdue + done.overdueDone,
      plannedMinutes,
      dailyMinutes: preset.dailyMinutes,
    });
    const tomorrowIsDrillDay = preset.drillDays.includes(isoWeekday(shiftDay(d.day, 1)));
    const capMinutes = reviewCapMinutes({ dailyMinutes: preset.dailyMinutes, catchingUp, tomorrowIsDrillDay });
    const stepCap = stepCapMinutes({ dailyMinutes: preset.dailyMinutes, catchingUp });
    const tomorrowFull = reviewEarly({
      tomorrowIsDrillDay,
      tomorrowMinutes: est(ahead.get(shiftDay(d.day, 1)) ?? 0),
      dailyMinutes: preset.dailyMinutes,
    });
    return {
      track,
      preset,
      day: d,
      isDrillDay,
      pace,
      done,
      due,
      drill,
      open,
      usedMinutes,
      plannedMinutes,
      dueMinutes,
      reviewCapMinutes: capMinutes,
      stepCapMinutes: stepCap,
      // Failed questions coming back later today still fit its minutes (else: the next drill day).
      stepsFitToday:
        due.learningLater === 0 ||
        stepFits({
          usedMinutes,
          stepMinutes: est(due.learningLaterMinutes / due.learningLater),
          capMinutes: stepCap,
        }),
      catchUpCapMinutes,
      reviewsLeft,
      catchingUp,
      tomorrowFull,
      aheadMinutes,
      weekIsFull: weekIsFull({
        aheadMinutes,
        dailyLoadMinutes: est(due.dailyLoad),
        dailyMinutes: preset.dailyMinutes,
      }),
      extraNew: drill?.extraNew ?? 0,
      aheadDays: drill?.aheadDays ?? 0,
    };
  }
  type State = ReturnType<typeof state>;

  /** What a question is expected to take today, at the candidate's pace. */
  const expectedOf = (s: State, q: CatalogQuestion) => expectedMinutes(minutesOf(s.preset, q), s.pace);

  /** A step takes half its question's time (at the candidate's pace): does it fit today? */
  function learningFits(s: State, questionId: string): boolean {
    const q = catalog.get(questionId);
    if (!q) return true;
    return stepFits({ usedMinutes: s.usedMinutes, stepMinutes: expectedOf(s, q) / 2, capMinutes: s.stepCapMinutes });
  }

  /** How many new questions today's minutes still allow, in serving order (extra new on top). */
  function newAllowed(s: State, unseen: CatalogQuestion[]): CatalogQuestion[] {
    const count = newQuestionsAllowed({
      isDrillDay: s.isDrillDay,
      catchingUp: s.catchingUp,
      weekFull: s.weekIsFull,
      plannedMinutes: s.plannedMinutes,
      newDone: s.done.newDone,
      newPerDay: s.preset.newPerDay,
      dailyMinutes: s.preset.dailyMinutes,
      unseenMinutes: unseen.slice(0, Math.max(0, s.preset.newPerDay - s.done.newDone)).map((q) => expectedOf(s, q)),
    });
    const out = unseen.slice(0, count);
    // Extra new questions asked for on Today come on top of the budget and the limit: the drill
    // row keeps how many new questions the day should reach.
    const extraLeft = Math.max(0, s.extraNew - s.done.newDone - out.length);
    for (const q of unseen.slice(out.length, out.length + extraLeft)) out.push(q);
    return out;
  }

  /**
   * The next question of a track, in order: a due learning card; a due review, lowest
   * retrievability first (on a catch-up day, those due before today first, oldest due day first;
   * within the review limit and the catch-up minutes); a new question
   * (within the day's minutes); reviews of the next days when Study ahead was asked for
   * (practice); a learning card due within the learn-ahead window.
   */
  function next({ user, track, now }: { user: QueueUser; track: Track; now: Date }): NextItem | undefined {
    const s = state({ user, track, now });
    const base = { userId: user.id, track };
    const learning = drillsRepository.nextLearningCard({ ...base, until: s.day.now });
    if (learning && learningFits(s, learning)) return { questionId: learning, kind: 'drill', reason: 'learning' };
    if (s.reviewsLeft > 0) {
      const review = drillsRepository.nextReviewCard({
        ...base,
        now: s.day.now,
        dayStart: s.day.start,
        nextDayStart: s.day.next,
        // Catching up: the backlog drains in order, oldest due day first.
        overdueFirst: s.catchingUp,
      });
      const q = review ? catalog.get(review) : undefined;
      // Reviews past the day's minutes wait for tomorrow (the least urgent ones: lowest
      // retrievability is served first); the first one of the day is always served.
      if (
        review &&
        q &&
        reviewFits({ usedMinutes: s.usedMinutes, reviewMinutes: expectedOf(s, q), capMinutes: s.reviewCapMinutes })
      )
        return { questionId: review, kind: 'drill', reason: 'review' };
      // Today's reviews are done and tomorrow is already full: one of tomorrow's a day early.
      if (!review && s.isDrillDay && s.tomorrowFull && !s.catchingUp) {
        const early = drillsRepository.nextReviewCard({
          ...base,
          now: s.day.now,
          dayStart: s.day.start,
          nextDayStart: dayStart(shiftDay(s.day.day, 2), user),
        });
        const e = early ? catalog.get(early) : undefined;
        if (
          early &&
          e &&
          reviewFits({ usedMinutes: s.usedMinutes, reviewMinutes: expectedOf(s, e), capMinutes: s.preset.dailyMinutes })
        )
          return { questionId: early, kind: 'drill', reason: 'review' };
      }
    }
    const fresh = newAllowed(s, newQuestions({ user, track, preset: s.preset }).unseen)[0];
    if (fresh) return { questionId: fresh.id, kind: 'drill', reason: 'new' };
    if (s.aheadDays > 0) {
      const ahead = drillsRepository.nextReviewCard({
        ...base,
        now: s.day.now,
        dayStart: s.day.start,
        nextDayStart: dayStart(shiftDay(s.day.day, s.aheadDays + 1), user),
      });
      if (ahead) return { questionId: ahead, kind: 'practice', reason: 'ahead' };
    }
    const soon = drillsRepository.nextLearningCard({ ...base, until: s.day.now + LEARN_AHEAD_MS });
    if (soon && learningFits(s, soon)) return { questionId: soon, kind: 'drill', reason: 'learning' };
    return undefined;
  }

  /**
   * Days until the backlog fits the day's minutes again (new questions resume then): each day
   * serves up to the catch-up minutes of reviews, and the days ahead bring their own.
   */
  function catchUpDays(s: State, user: QueueUser): number {
    if (!s.catchingUp) return 0;
    const horizon = 60;
    const loads = drillsRepository.loadByDue({
      userId: user.id,
      track: s.track,
      from: s.day.next,
      to: dayStart(shiftDay(s.day.day, horizon + 1), user),
      ...budgetParams(s.preset),
    });
    const perDay = new Map<string, number>();
    for (const l of loads) {
      const day = dayBounds(new Date(l.due), user).day;
      perDay.set(day, (perDay.get(day) ?? 0) + expectedMinutes(l.minutes, s.pace));
    }
    let carry = s.dueMinutes + s.done.minutesSpent;
    let days = 0;
    while (carry > s.preset.dailyMinutes && days < horizon) {
      const served = s.preset.drillDays.includes(isoWeekday(shiftDay(s.day.day, days))) ? s.catchUpCapMinutes : 0;
      carry = Math.max(0, carry - served);
      days++;
      carry += perDay.get(shiftDay(s.day.day, days)) ?? 0;
    }
    return days;
  }

  /** Minutes of reviews already due on each user day in a window (load balancing reads it). */
  function loadByDay({
    user,
    track,
    preset,
    fromDay,
    toDay,
  }: {
    user: QueueUser;
    track: Track;
    preset: TrackPreset;
    fromDay: string;
    toDay: string;
  }): Map<string, number> {
    const rows = drillsRepository.loadByDue({
      userId: user.id,
      track,
      from: dayStart(fromDay, user),
      to: dayStart(shiftDay(toDay, 1), user),
      ...budgetParams(preset),
    });
    const perDay = new Map<string, number>();
    for (const r of rows) {
      const day = localDay(new Date(r.due), user);
      perDay.set(day, (perDay.get(day) ?? 0) + r.minutes);
    }
    return perDay;
  }

  return { state, next, newQuestions, newAllowed, catchUpDays, loadByDay, minutesOf, expectedOf, bankOrder };
}
export type DrillQueue = ReturnType<typeof createDrillQueue>;
