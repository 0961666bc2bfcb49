// The day's queue of a track: what is due (one rule for Today, the drill and the forecast), the
// minutes it takes, what the budget leaves for new questions, and in which order to serve.
import type { Catalog, CatalogQuestion } from '../questions/catalog.js';
import { budgetMinutes, type Focus, type TrackPreset } from '../scheduling/presets.js';
import type { SettingsRepository } from '../settings/settings.repository.js';
import { type DayOptions, dayBounds, dayStart, isoWeekday, shiftDay } from '../shared/days.js';
import type { Track } from '../shared/validation.js';
import type { DrillsRepository } from './drills.repository.js';

/** Learning cards due within this window are served early when nothing else is left (as Anki's learn-ahead). */
export const LEARN_AHEAD_MS = 20 * 60_000;
/**
 * The day's minutes hold back new questions first, then the least urgent reviews (to the next
 * day). After a break, reviews may take up to this many times the minutes a day, so the backlog
 * is cleared within a few days instead of never.
 */
export const CATCH_UP_FACTOR = 2;
/**
 * Planned minutes are time budgets, an answer's upper bound: answers take about three quarters of
 * them. So reviews may be planned up to a quarter past the minutes a day before the least urgent
 * wait for tomorrow; new questions must fit the minutes themselves.
 */
export const REVIEW_SLACK = 1.25;
/** Study ahead and extra new: at most this many days or questions at once. */
export const MAX_AHEAD_DAYS = 14;
export const MAX_EXTRA_NEW = 10;
/**
 * New questions wait while the reviews already planned for the coming week, or the long-run review
 * load of the cards learned so far (each card's minutes once per interval), fill more than this
 * share of the minutes a day: each new question brings reviews of its own, and a day with a failed
 * question needs room for its relearning step.
 */
export const NEW_HEADROOM = 0.65;
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
   * allows. Reviews are never held back by the budget (up to CATCH_UP_FACTOR times it); new
   * questions are served only while the day's planned minutes stay within it.
   */
  function state({ user, track, now }: { user: QueueUser; track: Track; now: Date }) {
    const preset = settingsRepository.getPreset({ userId: user.id, track });
    const d = dayOf(now, user);
    const isDrillDay = preset.drillDays.includes(isoWeekday(d.day));
    const done = drillsRepository.countsForDay({ userId: user.id, track, day: d.day });
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
    const openMinutes = open ? open.budgetSeconds / 60 : 0;
    const dueMinutes = due.learningDueMinutes + due.learningLaterMinutes + due.reviewsDueMinutes;
    // What today holds: done, open, and still due.
    const plannedMinutes = done.minutesDone + openMinutes + dueMinutes;
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
    const aheadMinutes =
      aheadDrillDays.reduce((m, x) => m + (ahead.get(x) ?? 0), 0) / Math.max(1, aheadDrillDays.length);
    // After a break: what was due before today does not fit today's minutes.
    const catchingUp = due.overdue > 0 && due.reviewsDueMinutes + due.learningDueMinutes > preset.dailyMinutes;
    // Reviews fill the day's minutes; after a break, up to CATCH_UP_FACTOR times them.
    // A review held back waits a day; before a rest day it would wait several, so none is held.
    const tomorrowIsDrillDay = preset.drillDays.includes(isoWeekday(shiftDay(d.day, 1)));
    const reviewCapMinutes = catchingUp || !tomorrowIsDrillDay ? catchUpCapMinutes : preset.dailyMinutes * REVIEW_SLACK;
    return {
      track,
      preset,
      day: d,
      isDrillDay,
      done,
      due,
      drill,
      open,
      plannedMinutes,
      dueMinutes,
      reviewCapMinutes,
      catchUpCapMinutes,
      reviewsLeft,
      catchingUp,
      aheadMinutes,
      weekIsFull: Math.max(aheadMinutes, due.dailyLoad) > preset.dailyMinutes * NEW_HEADROOM,
      extraNew: drill?.extraNew ?? 0,
      aheadDays: drill?.aheadDays ?? 0,
    };
  }
  type State = ReturnType<typeof state>;

  /** How many new questions today's minutes still allow, in serving order (extra new on top). */
  function newAllowed(s: State, unseen: CatalogQuestion[]): CatalogQuestion[] {
    const out: CatalogQuestion[] = [];
    if (s.isDrillDay && !s.catchingUp && !s.weekIsFull) {
      let planned = s.plannedMinutes;
      let count = s.done.newDone;
      for (const q of unseen) {
        const m = minutesOf(s.preset, q);
        if (count >= s.preset.newPerDay) break;
        // A lone question may be longer than the whole budget: otherwise it would never come.
        if (planned + m > s.preset.dailyMinutes && planned > 0) break;
        out.push(q);
        planned += m;
        count++;
      }
    }
    // Extra new questions asked for on Today come on top of the budget and the limit: the drill
    // row keeps how many new questions the day should reach.
    const extraLeft = Math.max(0, s.extraNew - s.done.newDone - out.length);
    for (const q of unseen.slice(out.length, out.length + extraLeft)) out.push(q);
    return out;
  }

  /**
   * The next question of a track, in order: a due learning card; a due review, lowest
   * retrievability first (within the review limit and the catch-up minutes); a new question
   * (within the day's minutes); reviews of the next days when Study ahead was asked for
   * (practice); a learning card due within the learn-ahead window.
   */
  function next({ user, track, now }: { user: QueueUser; track: Track; now: Date }): NextItem | undefined {
    const s = state({ user, track, now });
    const base = { userId: user.id, track };
    const learning = drillsRepository.nextLearningCard({ ...base, until: s.day.now });
    if (learning) return { questionId: learning, kind: 'drill', reason: 'learning' };
    if (s.reviewsLeft > 0) {
      const review = drillsRepository.nextReviewCard({
        ...base,
        now: s.day.now,
        dayStart: s.day.start,
        nextDayStart: s.day.next,
      });
      const q = review ? catalog.get(review) : undefined;
      const used = s.done.minutesDone + (s.open ? s.open.budgetSeconds / 60 : 0);
      // Reviews past the day's minutes wait for tomorrow (the least urgent ones: lowest
      // retrievability is served first); the first one of the day is always served.
      if (review && q && (used === 0 || used + minutesOf(s.preset, q) <= s.reviewCapMinutes + 1e-9))
        return { questionId: review, kind: 'drill', reason: 'review' };
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
    if (soon) return { questionId: soon, kind: 'drill', reason: 'learning' };
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
      perDay.set(day, (perDay.get(day) ?? 0) + l.minutes);
    }
    let carry = s.dueMinutes + s.done.minutesDone;
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
      const day = dayBounds(new Date(r.due), user).day;
      perDay.set(day, (perDay.get(day) ?? 0) + r.minutes);
    }
    return perDay;
  }

  return { state, next, newQuestions, newAllowed, catchUpDays, loadByDay, minutesOf, bankOrder };
}
export type DrillQueue = ReturnType<typeof createDrillQueue>;
