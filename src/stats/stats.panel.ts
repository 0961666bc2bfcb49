// Turns a Stats object into what views/stats/_panel.ejs draws: SVG geometry computed here so
// the template only places elements (and EJS escapes every label and title).
import type { Difficulty } from '../questions/question.schema.js';
import { dayDiff, isoWeekday, WEEKDAY_NAMES } from '../shared/days.js';
import { TRACK_LABELS } from '../shared/format.js';
import { TRACKS, type Track } from '../shared/validation.js';
import type { RetentionCell } from './stats.compute.js';
import { DIFFICULTIES, type HeatDay, type Stats } from './stats.service.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const HEAT_LEVELS = [
  { min: 0, max: 0, label: '0', fill: '#e9edf2' },
  { min: 1, max: 2, label: '1–2', fill: '#bcd4f6' },
  { min: 3, max: 4, label: '3–4', fill: '#7fb0ff' },
  { min: 5, max: 7, label: '5–7', fill: '#3b7ddd' },
  { min: 8, max: Infinity, label: '8+', fill: '#173f7a' },
] as const;

const DIFFICULTY_STYLE: Record<Difficulty, { stroke: string; dash: string }> = {
  Easy: { stroke: '#1e7a3c', dash: '' },
  Medium: { stroke: '#9a5b00', dash: '6 3' },
  Hard: { stroke: '#b42318', dash: '2 3' },
};

export function pct(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '–' : `${Math.round(rate * 100)}%`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function shortDay(day: string): string {
  return `${WEEKDAY_NAMES[isoWeekday(day) - 1]} ${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
}

function heatmap(days: HeatDay[], key: 'all' | Track, from: string) {
  const CELL = 12;
  const STEP = 14;
  const LEFT = 30;
  const TOP = 16;
  // Columns are Monday-to-Sunday weeks; the first column starts on the Monday on or before `from`.
  const offset = isoWeekday(from) - 1;
  const cells = days.map((d) => {
    const index = dayDiff(from, d.day) + offset;
    const count = d[key];
    const level = HEAT_LEVELS.findIndex((l) => count >= l.min && count <= l.max);
    return {
      x: LEFT + Math.floor(index / 7) * STEP,
      y: TOP + (index % 7) * STEP,
      size: CELL,
      fill: HEAT_LEVELS[level]!.fill,
      title: `${shortDay(d.day)}: ${plural(count, 'attempt')}`,
    };
  });
  const columns = Math.floor((days.length - 1 + offset) / 7) + 1;
  const monthLabels: { x: number; text: string }[] = [];
  for (const d of days) {
    if (d.day.endsWith('-01')) {
      const col = Math.floor((dayDiff(from, d.day) + offset) / 7);
      if (col < columns - 1) monthLabels.push({ x: LEFT + col * STEP, text: MONTHS[Number(d.day.slice(5, 7)) - 1]! });
    }
  }
  const counts = days.map((d) => d[key]);
  const total = counts.reduce((s, n) => s + n, 0);
  const active = counts.filter((n) => n > 0).length;
  const busiest = days.reduce<HeatDay | null>((best, d) => (d[key] > (best?.[key] ?? 0) ? d : best), null);
  return {
    key,
    label: key === 'all' ? 'Both tracks' : TRACK_LABELS[key],
    total,
    activeDays: active,
    perActiveDay: active ? (total / active).toFixed(1) : '0',
    busiest: busiest ? { label: shortDay(busiest.day), count: busiest[key] } : null,
    svg: {
      width: LEFT + columns * STEP,
      height: TOP + 7 * STEP,
      cells,
      monthLabels,
      weekdayLabels: [0, 2, 4].map((i) => ({ y: TOP + i * STEP + CELL - 2, text: WEEKDAY_NAMES[i]! })),
    },
  };
}

function forecastChart(f: Stats['forecast'][Track]) {
  const LEFT = 34;
  const TOP = 18;
  const PLOT = 120;
  const BAR = 18;
  const STEP = 22;
  const first = LEFT + 20 + 16;
  const max = Math.max(1, f.backlog, ...f.days.map((d) => d.count));
  const h = (n: number) => Math.round((n / max) * PLOT);
  const bars = f.days.map((d, i) => ({
    x: first + i * STEP,
    y: TOP + PLOT - h(d.count),
    w: BAR,
    h: h(d.count),
    value: d.count,
    title: `${shortDay(d.day)}: ${plural(d.count, 'review')} due`,
    label: i % 7 === 0 ? `${Number(d.day.slice(8, 10))} ${MONTHS[Number(d.day.slice(5, 7)) - 1]}` : '',
  }));
  const peak = f.days.reduce((best, d) => (d.count > best.count ? d : best), { day: '', count: 0 });
  return {
    backlog: f.backlog,
    next7: f.next7,
    next30: f.next30,
    peak: peak.count ? { label: shortDay(peak.day), count: peak.count } : null,
    svg: {
      width: first + f.days.length * STEP,
      height: TOP + PLOT + 28,
      baseline: TOP + PLOT,
      top: TOP,
      left: LEFT,
      max,
      bars,
      backlogBar: {
        x: LEFT + 4,
        y: TOP + PLOT - h(f.backlog),
        w: BAR,
        h: h(f.backlog),
        value: f.backlog,
        title: `Due today or overdue: ${plural(f.backlog, 'review')}`,
      },
    },
  };
}

function budgetChart(months: Stats['budget'][Track]['months']) {
  const LEFT = 44;
  const TOP = 12;
  const PLOT = 140;
  const WIDTH = 700;
  const STEP = (WIDTH - LEFT - 20) / (months.length - 1);
  const maxRatio = Math.max(1.5, ...months.flatMap((m) => DIFFICULTIES.map((d) => m.byDifficulty[d].median ?? 0)));
  const top = Math.ceil(maxRatio * 2) / 2;
  const y = (r: number) => Math.round(TOP + PLOT - (r / top) * PLOT);
  const series = DIFFICULTIES.map((difficulty) => {
    const points = months.flatMap((m, i) => {
      const v = m.byDifficulty[difficulty];
      return v.median === null
        ? []
        : [
            {
              x: Math.round(LEFT + i * STEP),
              y: y(v.median),
              title: `${difficulty}, ${m.month}: median ${pct(v.median)} of the budget (${plural(v.count, 'attempt')})`,
            },
          ];
    });
    return { difficulty, ...DIFFICULTY_STYLE[difficulty], points, path: points.map((p) => `${p.x},${p.y}`).join(' ') };
  });
  const ticks = [];
  for (let r = 0; r <= top + 1e-9; r += 0.5) ticks.push({ y: y(r), label: `${Math.round(r * 100)}%` });
  return {
    width: WIDTH,
    height: TOP + PLOT + 26,
    left: LEFT,
    right: WIDTH - 10,
    budgetY: y(1),
    ticks,
    months: months.map((m, i) => ({
      x: Math.round(LEFT + i * STEP),
      label: i % 2 === 0 ? `${MONTHS[Number(m.month.slice(5, 7)) - 1]} ${m.month.slice(2, 4)}` : '',
    })),
    series,
  };
}

const retentionCell = (c: RetentionCell) => ({ pct: pct(c.rate), passed: c.passed, total: c.total });

/** What views/stats/_panel.ejs renders: build it with statsPanel(statsService.buildStats({ userId })). */
export function statsPanel(stats: Stats) {
  const ds = stats.streaks;
  return {
    today: stats.today,
    todayLabel: shortDay(stats.today),
    username: stats.user.username,
    empty:
      stats.gradedLastYear === 0 &&
      stats.forecast.scripting.backlog +
        stats.forecast.algorithm.backlog +
        stats.forecast.scripting.next30 +
        stats.forecast.algorithm.next30 ===
        0,
    streaks: [
      { key: 'all', label: 'Overall', ...ds.overall, drillDaysLabel: 'any drill day' },
      ...TRACKS.map((t) => ({
        key: t,
        label: TRACK_LABELS[t],
        ...ds.tracks[t],
        drillDaysLabel: ds.tracks[t].drillDays.map((d) => WEEKDAY_NAMES[d - 1]).join(', '),
      })),
    ],
    legend: HEAT_LEVELS.map((l) => ({ fill: l.fill, label: l.label })),
    heatmaps: (['all', ...TRACKS] as const).map((k) => heatmap(stats.heatmap.days, k, stats.heatmap.from)),
    tracks: TRACKS.map((track) => ({
      track,
      label: TRACK_LABELS[track],
      hasHistory: stats.heatmap.days.some((d) => d[track] > 0),
      forecast: forecastChart(stats.forecast[track]),
      retention: stats.retention[track].map((w) => ({
        days: w.days,
        young: retentionCell(w.young),
        mature: retentionCell(w.mature),
        all: retentionCell(w.all),
      })),
      budgetRows: stats.budget[track].rows.map((r) => ({
        ...r,
        medianLabel: pct(r.median),
        median30Label: pct(r.median30),
        overtimeLabel: pct(r.overtimeShare),
      })),
      budgetChart: budgetChart(stats.budget[track].months),
      hasBudget: stats.budget[track].rows.some((r) => r.count > 0),
    })),
    topics: {
      lowestPass: stats.topics.lowestPass.map((r) => ({
        ...r,
        trackLabel: TRACK_LABELS[r.track],
        passLabel: pct(r.passRate),
      })),
      mostLapses: stats.topics.mostLapses.map((r) => ({
        ...r,
        trackLabel: TRACK_LABELS[r.track],
        passLabel: pct(r.passRate),
      })),
    },
    interview: interviewPanel(stats.interview),
  };
}
export type StatsPanel = ReturnType<typeof statsPanel>;

export function interviewPanel(interview: Stats['interview']) {
  if (!interview) return null;
  return {
    date: interview.date,
    dateLabel: shortDay(interview.date),
    daysLeft: interview.daysLeft,
    daysLeftLabel:
      interview.daysLeft > 0
        ? `${plural(interview.daysLeft, 'day')} left`
        : interview.daysLeft === 0
          ? 'today'
          : 'passed',
    tracks: interview.tracks.map((t) => ({
      ...t,
      label: TRACK_LABELS[t.track],
      seenLabel: pct(t.seenShare),
      recallLabel: pct(t.expectedRecall),
    })),
  };
}
