import type { Statement } from 'better-sqlite3';
import { isValid, parseISO } from 'date-fns';
import { z } from 'zod';
import type { Db } from '../db/database.js';

// One filter for the history pages (own and a coach's view of a member) and both CSV exports,
// so "the same filters" holds by construction.

// Empty strings are what an untouched form field sends: they mean "any".
const day = z.string().superRefine((s, ctx) => {
  if (s === '') return;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) ctx.addIssue({ code: 'custom', message: 'dates look like 2026-03-02' });
  else if (!isValid(parseISO(s)) || parseISO(s).toISOString().slice(0, 10) !== s)
    ctx.addIssue({ code: 'custom', message: 'that date does not exist' });
});
const choice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.enum(['', ...values] as const, { message });

export const attemptFilterSchema = z
  .object({
    track: choice(['scripting', 'algorithm'], 'track must be scripting or algorithm').optional(),
    from: day.optional(),
    to: day.optional(),
    outcome: choice(['solved', 'partial', 'failed'], 'outcome must be solved, partial or failed').optional(),
    grade: choice(['1', '2', '3', '4'], 'grade must be 1 (Again) to 4 (Easy)').optional(),
    difficulty: choice(['Easy', 'Medium', 'Hard'], 'difficulty must be Easy, Medium or Hard').optional(),
    topic: z.string().trim().max(60, 'topic can be at most 60 characters').optional(),
    question: z.string().trim().max(200, 'question id can be at most 200 characters').optional(),
    page: z.coerce
      .number({ message: 'page must be a number' })
      .int()
      .min(1, 'page starts at 1')
      .max(100_000)
      .default(1),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: 'the "from" date must not be after the "to" date',
    path: ['from'],
  });

export type AttemptFilter = z.infer<typeof attemptFilterSchema>;

/** Whose attempts: one user, or every current member (not coach, not former) of a group. */
export type AttemptScope = { userId: number } | { groupId: number; memberId?: number };

export type AttemptListRow = {
  id: number;
  userId: number;
  username: string;
  timeZone: string;
  questionId: string;
  title: string;
  difficulty: string;
  topics: string;
  track: string;
  servedAt: number;
  submittedAt: number | null;
  localDay: string;
  outcome: string;
  suggestedGrade: number;
  finalGrade: number;
  durationSeconds: number;
  budgetSeconds: number;
  overtime: number;
  hintsUsed: number;
  hasFeedback: number;
  code: string;
  notes: string;
};

export type AttemptTotals = {
  attempts: number;
  solved: number;
  partial: number;
  failed: number;
  seconds: number;
  hints: number;
};

/** Only the filters the user set become SQL; values are always bound, never spliced. */
export function filterSql(scope: AttemptScope, f: AttemptFilter): { where: string; params: (string | number)[] } {
  const clauses = ['a.graded_at is not null'];
  const params: (string | number)[] = [];
  if ('userId' in scope) {
    clauses.push('a.user_id = ?');
    params.push(scope.userId);
  } else {
    clauses.push(
      `a.user_id in (select gm.user_id from group_members gm where gm.group_id = ? and gm.role = 'member' and gm.left_at is null)`,
    );
    params.push(scope.groupId);
    if (scope.memberId !== undefined) {
      clauses.push('a.user_id = ?');
      params.push(scope.memberId);
    }
  }
  const eq = (column: string, value: string | number | undefined) => {
    if (value === undefined || value === '') return;
    clauses.push(`${column} = ?`);
    params.push(value);
  };
  eq('a.track', f.track);
  eq('a.outcome', f.outcome);
  eq('a.final_grade', f.grade ? Number(f.grade) : undefined);
  eq('q.difficulty', f.difficulty);
  eq('a.question_id', f.question);
  if (f.from) {
    clauses.push('a.local_day >= ?');
    params.push(f.from);
  }
  if (f.to) {
    clauses.push('a.local_day <= ?');
    params.push(f.to);
  }
  if (f.topic) {
    // Case-insensitive: the bank spells some topics both ways ("concurrency", "Concurrency").
    clauses.push('exists (select 1 from json_each(q.topics) t where lower(t.value) = lower(?))');
    params.push(f.topic);
  }
  return { where: clauses.join(' and '), params };
}

const SELECT = `select a.id, a.user_id as userId, u.username, u.time_zone as timeZone, a.question_id as questionId, q.title, q.difficulty,
    q.topics, a.track, a.served_at as servedAt, a.submitted_at as submittedAt, a.local_day as localDay, a.outcome,
    a.suggested_grade as suggestedGrade, a.final_grade as finalGrade, a.duration_seconds as durationSeconds,
    a.budget_seconds as budgetSeconds, a.overtime, a.hints_used as hintsUsed,
    exists (select 1 from feedback f where f.attempt_id = a.id) as hasFeedback`;
const FROM = 'from attempts a join questions q on q.id = a.question_id join users u on u.id = a.user_id';

export function createAttemptQuery({ db }: { db: Db }) {
  // Filters combine freely, so statements are cached per distinct SQL text rather than per route.
  const cache = new Map<string, Statement<unknown[]>>();
  const prepared = (text: string) => {
    let stmt = cache.get(text);
    if (!stmt) {
      stmt = db.$client.prepare<unknown[]>(text);
      cache.set(text, stmt);
    }
    return stmt;
  };

  return {
    /** One page, newest submission first; one extra row is read to know whether an older page exists. */
    page({ scope, filter, pageSize }: { scope: AttemptScope; filter: AttemptFilter; pageSize: number }): {
      rows: AttemptListRow[];
      hasMore: boolean;
    } {
      const { where, params } = filterSql(scope, filter);
      const text = `${SELECT}, '' as code, '' as notes ${FROM} where ${where} order by a.submitted_at desc, a.id desc limit ? offset ?`;
      const rows = prepared(text).all(...params, pageSize + 1, (filter.page - 1) * pageSize) as AttemptListRow[];
      return { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
    },

    totals({ scope, filter }: { scope: AttemptScope; filter: AttemptFilter }): AttemptTotals {
      const { where, params } = filterSql(scope, filter);
      const text = `select count(*) as attempts,
          coalesce(sum(a.outcome = 'solved'), 0) as solved, coalesce(sum(a.outcome = 'partial'), 0) as partial,
          coalesce(sum(a.outcome = 'failed'), 0) as failed, coalesce(sum(a.duration_seconds), 0) as seconds,
          coalesce(sum(a.hints_used), 0) as hints
        ${FROM} where ${where}`;
      return prepared(text).get(...params) as AttemptTotals;
    },
  };
}
export type AttemptQuery = ReturnType<typeof createAttemptQuery>;
