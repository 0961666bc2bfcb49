import { RUBRIC_KEYS, type RubricScores } from '../db/schema.js';
import { formatInZone } from '../shared/days.js';
import { RUBRIC } from './mocks.service.js';

export type RubricPoint = {
  mockId: number;
  at: number;
  format: string;
  own: RubricScores | null;
  coach: RubricScores | null;
};

const mean = (s: RubricScores) => RUBRIC_KEYS.reduce((sum, k) => sum + s[k], 0) / RUBRIC_KEYS.length;

/**
 * Rubric scores over time, for Stats: one point per finished mock with a rubric, the average of
 * the six dimensions (1-4) by the candidate and, once released, by the coach; the table under it
 * holds every dimension (the chart's text alternative).
 */
export function rubricChart(points: RubricPoint[], timeZone: string) {
  const LEFT = 30;
  const TOP = 12;
  const PLOT = 120;
  const STEP = 48;
  const width = LEFT + 24 + Math.max(1, points.length) * STEP;
  const y = (v: number) => Math.round(TOP + PLOT - ((v - 1) / 3) * PLOT);
  const x = (i: number) => LEFT + 24 + i * STEP;
  const series = (pick: (p: RubricPoint) => RubricScores | null) => {
    const dots = points.flatMap((p, i) => {
      const s = pick(p);
      return s ? [{ x: x(i), y: y(mean(s)), value: mean(s).toFixed(1) }] : [];
    });
    return { dots, path: dots.map((d, i) => `${i === 0 ? 'M' : 'L'}${d.x},${d.y}`).join(' ') };
  };
  const rows = points.map((p, i) => ({
    label: `${i + 1}. ${formatInZone(p.at, timeZone, false)} (${p.format})`,
    short: String(i + 1),
    x: x(i),
    own: p.own ? RUBRIC_KEYS.map((k) => p.own?.[k] ?? '') : null,
    coach: p.coach ? RUBRIC_KEYS.map((k) => p.coach?.[k] ?? '') : null,
    ownMean: p.own ? mean(p.own).toFixed(1) : '',
    coachMean: p.coach ? mean(p.coach).toFixed(1) : '',
  }));
  return {
    count: points.length,
    dimensions: RUBRIC.map((r) => r.label),
    rows,
    svg: {
      width,
      height: TOP + PLOT + 24,
      left: LEFT,
      baseline: TOP + PLOT,
      levels: [1, 2, 3, 4].map((v) => ({ v, y: y(v) })),
      own: series((p) => p.own),
      coach: series((p) => p.coach),
    },
  };
}
export type RubricChart = ReturnType<typeof rubricChart>;
