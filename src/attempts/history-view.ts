import type { Catalog } from '../questions/catalog.js';
import { topicFacet } from '../questions/topics.js';
import { GRADE_NAMES, type GradeValue } from '../scheduling/fsrs.js';
import { formatInZone } from '../shared/days.js';
import { formatDuration, OUTCOME_LABELS } from '../shared/format.js';
import { type AttemptFilter, type AttemptListRow, type AttemptTotals, attemptFilterSchema } from './attempt-query.js';

const FILTER_KEYS = ['track', 'from', 'to', 'outcome', 'grade', 'difficulty', 'topic', 'question'] as const;
export type FilterForm = Record<(typeof FILTER_KEYS)[number], string>;

/**
 * Parses the history filters; on bad input the page still renders, with the reasons and the
 * values as typed, instead of an error page that loses them.
 */
export function parseHistoryFilter(query: unknown): {
  filter: AttemptFilter | null;
  form: FilterForm;
  errors: string[];
} {
  const raw = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const form = Object.fromEntries(
    FILTER_KEYS.map((k) => [k, typeof raw[k] === 'string' ? raw[k].slice(0, 200) : '']),
  ) as FilterForm;
  const parsed = attemptFilterSchema.safeParse(raw);
  if (!parsed.success)
    return {
      filter: null,
      form,
      errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'filter'}: ${i.message}`),
    };
  return { filter: parsed.data, form, errors: [] };
}

/** The query string of the active filters (for pager links and the CSV link). */
export function filterQuery(form: FilterForm, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) if (form[k]) params.set(k, form[k]);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

export function filterOptions(catalog: Catalog) {
  const all = catalog.all();
  return {
    topics: topicFacet(all.flatMap((q) => q.topics)),
    questions: all.map((q) => ({ id: q.id, title: q.title })).sort((a, b) => a.title.localeCompare(b.title)),
  };
}

export function historyRows(rows: AttemptListRow[], timeZone: string, linkFor: (id: number) => string) {
  return rows.map((a) => ({
    id: a.id,
    href: linkFor(a.id),
    questionHref: `/questions/${encodeURIComponent(a.questionId)}`,
    track: a.track,
    title: a.title,
    difficulty: a.difficulty,
    outcome: OUTCOME_LABELS[a.outcome as keyof typeof OUTCOME_LABELS] ?? a.outcome,
    timeLabel: `${formatDuration(a.durationSeconds)} / ${formatDuration(a.budgetSeconds)}`,
    overtime: a.overtime === 1,
    hintsUsed: a.hintsUsed,
    grade: GRADE_NAMES[a.finalGrade as GradeValue] ?? '',
    hasFeedback: a.hasFeedback === 1,
    whenLabel: formatInZone(a.submittedAt ?? a.servedAt, timeZone),
  }));
}

export function totalsView(t: AttemptTotals) {
  return {
    ...t,
    successRate: t.attempts ? Math.round((t.solved / t.attempts) * 100) : 0,
    timeLabel: formatDuration(t.seconds),
  };
}
