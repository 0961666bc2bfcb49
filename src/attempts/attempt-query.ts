import { isValid, parseISO } from 'date-fns';
import { and, desc, eq, exists, gte, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { attempts, feedback, groupMembers, questions } from '../db/schema.js';

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

const p = sql.placeholder;
const qb = new QueryBuilder();

/** Values for the placeholders of one filter shape. */
export type FilterValues = Record<string, string | number>;

/**
 * The filter as conditions on `attempts` joined to `questions`. Only the filters the user set
 * become SQL; every value is bound through a named placeholder, never spliced. `shape` lists the
 * placeholders in the order the clauses were added, so equal shapes give equal SQL text: one
 * prepared statement per shape, reused with other values.
 */
export function attemptConditions(
  scope: AttemptScope,
  f: AttemptFilter,
): { where: SQL; values: FilterValues; shape: string } {
  const values: FilterValues = {};
  const bind = (name: string, value: string | number) => {
    values[name] = value;
    return p(name);
  };
  const clauses: SQL[] = [isNotNull(attempts.gradedAt)];
  if ('userId' in scope) {
    clauses.push(eq(attempts.userId, bind('userId', scope.userId)));
  } else {
    const currentMembers = qb
      .select({ userId: groupMembers.userId })
      .from(groupMembers)
      .where(
        and(
          eq(groupMembers.groupId, bind('groupId', scope.groupId)),
          eq(groupMembers.role, 'member'),
          isNull(groupMembers.leftAt),
        ),
      );
    clauses.push(inArray(attempts.userId, currentMembers));
    if (scope.memberId !== undefined) clauses.push(eq(attempts.userId, bind('memberId', scope.memberId)));
  }
  if (f.track) clauses.push(eq(attempts.track, bind('track', f.track)));
  if (f.outcome) clauses.push(eq(attempts.outcome, bind('outcome', f.outcome)));
  if (f.grade) clauses.push(eq(attempts.finalGrade, bind('grade', Number(f.grade))));
  if (f.difficulty) clauses.push(eq(questions.difficulty, bind('difficulty', f.difficulty)));
  if (f.question) clauses.push(eq(attempts.questionId, bind('question', f.question)));
  if (f.from) clauses.push(gte(attempts.localDay, bind('from', f.from)));
  if (f.to) clauses.push(lte(attempts.localDay, bind('to', f.to)));
  if (f.topic) {
    // Case-insensitive: the bank spells some topics both ways ("concurrency", "Concurrency").
    clauses.push(
      sql`exists (select 1 from json_each(${questions.topics}) t where lower(t.value) = lower(${bind('topic', f.topic)}))`,
    );
  }
  return { where: and(...clauses) as SQL, values, shape: Object.keys(values).join(',') };
}

const hasFeedback = exists(qb.select({ one: sql`1` }).from(feedback).where(eq(feedback.attemptId, attempts.id)));

// What the history pages show of each attempt, and nothing more: drizzle maps every selected
// column of every row, so a column nobody reads still costs (bench/RESULTS.md, "Drizzle vs raw").
const LIST_FIELDS = {
  id: attempts.id,
  questionId: attempts.questionId,
  title: questions.title,
  difficulty: questions.difficulty,
  track: attempts.track,
  servedAt: attempts.servedAt,
  submittedAt: attempts.submittedAt,
  outcome: attempts.outcome,
  finalGrade: attempts.finalGrade,
  durationSeconds: attempts.durationSeconds,
  budgetSeconds: attempts.budgetSeconds,
  overtime: attempts.overtime,
  hintsUsed: attempts.hintsUsed,
  hasFeedback: sql<boolean>`${hasFeedback}`.mapWith((v) => v === 1),
};

const TOTAL_FIELDS = {
  attempts: sql<number>`count(*)`,
  solved: sql<number>`coalesce(sum(${attempts.outcome} = 'solved'), 0)`,
  partial: sql<number>`coalesce(sum(${attempts.outcome} = 'partial'), 0)`,
  failed: sql<number>`coalesce(sum(${attempts.outcome} = 'failed'), 0)`,
  seconds: sql<number>`coalesce(sum(${attempts.durationSeconds}), 0)`,
  hints: sql<number>`coalesce(sum(${attempts.hintsUsed}), 0)`,
};

const NO_TOTALS = { attempts: 0, solved: 0, partial: 0, failed: 0, seconds: 0, hints: 0 };

export function createAttemptQuery({ db }: { db: Db }) {
  // Filters combine freely, so statements are prepared once per filter shape (the set of
  // filters in use) rather than per route.
  const cached = <T>(cache: Map<string, T>, shape: string, build: () => T): T => {
    let stmt = cache.get(shape);
    if (!stmt) {
      stmt = build();
      cache.set(shape, stmt);
    }
    return stmt;
  };
  const pageFor = (where: SQL) =>
    db
      .select(LIST_FIELDS)
      .from(attempts)
      .innerJoin(questions, eq(questions.id, attempts.questionId))
      .where(where)
      .orderBy(desc(attempts.submittedAt), desc(attempts.id))
      .limit(p('limit'))
      .offset(p('offset'))
      .prepare();
  const totalsFor = (where: SQL) =>
    db
      .select(TOTAL_FIELDS)
      .from(attempts)
      .innerJoin(questions, eq(questions.id, attempts.questionId))
      .where(where)
      .prepare();
  const pages = new Map<string, ReturnType<typeof pageFor>>();
  const totals = new Map<string, ReturnType<typeof totalsFor>>();

  return {
    /** One page, newest submission first; one extra row is read to know whether an older page exists. */
    page({ scope, filter, pageSize }: { scope: AttemptScope; filter: AttemptFilter; pageSize: number }) {
      const { where, values, shape } = attemptConditions(scope, filter);
      const rows = cached(pages, shape, () => pageFor(where)).all({
        ...values,
        limit: pageSize + 1,
        offset: (filter.page - 1) * pageSize,
      });
      return { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
    },

    totals({ scope, filter }: { scope: AttemptScope; filter: AttemptFilter }) {
      const { where, values, shape } = attemptConditions(scope, filter);
      // An aggregate without group by always yields one row.
      return cached(totals, shape, () => totalsFor(where)).get(values) ?? NO_TOTALS;
    },
  };
}
export type AttemptQuery = ReturnType<typeof createAttemptQuery>;
export type AttemptListRow = ReturnType<AttemptQuery['page']>['rows'][number];
export type AttemptTotals = ReturnType<AttemptQuery['totals']>;
