import { and, desc, eq, isNotNull, isNull, notInArray, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { fixedLimit } from '../db/fixed-limit.js';
import { appState, attempts, cards, type QuestionRow, questions } from '../db/schema.js';
import { renderMarkdown } from '../shared/markdown.js';
import type { BankQuestion } from './bank.loader.js';

const p = sql.placeholder;

/** The question's Markdown as HTML, rendered once when it is synced. */
export const renderQuestion = (q: Pick<BankQuestion, 'promptMd' | 'examplesMd' | 'approachMd' | 'hints'>) => ({
  promptHtml: renderMarkdown(q.promptMd),
  examplesHtml: renderMarkdown(q.examplesMd),
  approachHtml: renderMarkdown(q.approachMd),
  hintsHtml: q.hints.map((h) => renderMarkdown(h)),
});

export function createQuestionsRepository({ db }: { db: Db }) {
  // The browse and question pages read these on every view: prepared once.
  const graded = (userId: SQLWrapper) => and(eq(attempts.userId, userId), isNotNull(attempts.gradedAt));
  const statsStmt = db
    .select({
      questionId: attempts.questionId,
      attempts: sql<number>`count(*)`,
      last: sql<number | null>`max(${attempts.submittedAt})`,
      solved: sql<number>`sum(case when ${attempts.outcome} = 'solved' then 1 else 0 end)`,
    })
    .from(attempts)
    .where(graded(p('userId')))
    .groupBy(attempts.questionId)
    .prepare();
  const cardStmt = db
    .select({ due: cards.due, state: cards.state, reps: cards.reps, lapses: cards.lapses, suspended: cards.suspended })
    .from(cards)
    .where(and(eq(cards.userId, p('userId')), eq(cards.questionId, p('questionId'))))
    .prepare();
  const historyStmt = db
    .select({
      id: attempts.id,
      outcome: attempts.outcome,
      durationSeconds: attempts.durationSeconds,
      budgetSeconds: attempts.budgetSeconds,
      hintsUsed: attempts.hintsUsed,
      finalGrade: attempts.finalGrade,
      submittedAt: attempts.submittedAt,
    })
    .from(attempts)
    .where(and(graded(p('userId')), eq(attempts.questionId, p('questionId'))))
    .orderBy(desc(attempts.id))
    .limit(fixedLimit(50))
    .prepare();

  const allRows = (): QuestionRow[] => db.select().from(questions).all();

  function saveBankFingerprint(value: string) {
    db.insert(appState)
      .values({ name: 'bank_fingerprint', value })
      .onConflictDoUpdate({ target: appState.name, set: { value } })
      .run();
  }

  return {
    /** The fingerprint of the bank files last synced (see bankFingerprint), if any. */
    bankFingerprint(): string | undefined {
      return db.select({ value: appState.value }).from(appState).where(eq(appState.name, 'bank_fingerprint')).get()
        ?.value;
    },

    saveBankFingerprint,

    /**
     * The questions table as one JSON document, written with the fingerprint it belongs to: a warm
     * start parses one value instead of reading 357 rows of kilobytes through the row mapper
     * (about 200 ms of a 1.5 s start).
     */
    saveBankSnapshot({ fingerprint }: { fingerprint: string }): QuestionRow[] {
      return db.transaction(() => {
        const rows = allRows();
        const value = JSON.stringify({ fingerprint, rows });
        db.insert(appState)
          .values({ name: 'bank_rows', value })
          .onConflictDoUpdate({ target: appState.name, set: { value } })
          .run();
        saveBankFingerprint(fingerprint);
        return rows;
      });
    },

    /** The snapshot saved with this fingerprint, or undefined (none, another bank, unreadable). */
    bankSnapshot(fingerprint: string): QuestionRow[] | undefined {
      const value = db
        .select({ value: appState.value })
        .from(appState)
        .where(eq(appState.name, 'bank_rows'))
        .get()?.value;
      if (value === undefined) return undefined;
      try {
        const parsed = JSON.parse(value) as { fingerprint?: unknown; rows?: unknown };
        return parsed.fingerprint === fingerprint && Array.isArray(parsed.rows)
          ? (parsed.rows as QuestionRow[])
          : undefined;
      } catch {
        return undefined;
      }
    },

    all: allRows,

    /** Per question, the lowercased text that browse search looks in: id, title and prompt. */
    searchTexts(): Map<string, string> {
      const rows = db
        .select({
          id: questions.id,
          text: sql<string>`lower(${questions.id} || ' ' || ${questions.title} || ' ' || ${questions.promptMd})`,
        })
        .from(questions)
        .all();
      return new Map(rows.map((r) => [r.id, r.text]));
    },

    /** The user's graded attempts per question: how many, how many solved, the latest submission. */
    attemptStats(userId: number) {
      return statsStmt.all({ userId });
    },

    /** The user's card for a question (its FSRS state), if they have seen it. */
    card({ userId, questionId }: { userId: number; questionId: string }) {
      return cardStmt.get({ userId, questionId });
    },

    /** The user's last 50 graded attempts at a question, newest first. */
    history({ userId, questionId }: { userId: number; questionId: string }) {
      return historyStmt.all({ userId, questionId });
    },

    /**
     * Bring the table in line with the files, in one transaction. Only question text and facts
     * change: cards and attempts hang on the id and are never touched here.
     */
    sync({ bank, now }: { bank: BankQuestion[]; now: number }) {
      const existing = new Map(
        db
          .select({
            id: questions.id,
            hash: questions.contentHash,
            retiredAt: questions.retiredAt,
            rendered: sql<number>`${questions.promptHtml} is not null`,
          })
          .from(questions)
          .all()
          .map((r) => [r.id, r]),
      );
      let added = 0;
      let updated = 0;
      let retired = 0;
      db.transaction(
        (tx) => {
          for (const q of bank) {
            const before = existing.get(q.id);
            const current = before && before.hash === q.contentHash && before.retiredAt === null && before.rendered;
            if (current) continue;
            const row = {
              track: q.track,
              title: q.title,
              difficulty: q.difficulty,
              topics: q.topics,
              priority: q.priority,
              timeBudgetMinutes: q.timeBudgetMinutes,
              hints: q.hints,
              promptMd: q.promptMd,
              examplesMd: q.examplesMd,
              approachMd: q.approachMd,
              solution: q.solution,
              meta: { ...q.meta, harness: q.harness, starter: q.starter, generator: q.generator },
              contentHash: q.contentHash,
              ...renderQuestion(q),
              retiredAt: null,
              updatedAt: now,
            };
            if (!before) {
              tx.insert(questions)
                .values({ id: q.id, ...row })
                .run();
              added++;
            } else {
              tx.update(questions).set(row).where(eq(questions.id, q.id)).run();
              updated++;
            }
          }
          const ids = bank.map((q) => q.id);
          const result = tx
            .update(questions)
            .set({ retiredAt: now, updatedAt: now })
            .where(and(isNull(questions.retiredAt), ids.length ? notInArray(questions.id, ids) : sql`1 = 1`))
            .run();
          retired = result.changes;
        },
        { behavior: 'immediate' },
      );
      return { added, updated, retired, unchanged: bank.length - added - updated };
    },
  };
}
export type QuestionsRepository = ReturnType<typeof createQuestionsRepository>;
