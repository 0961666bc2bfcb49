import { and, desc, eq, isNotNull, isNull, notInArray, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { fixedLimit } from '../db/fixed-limit.js';
import { attempts, cards, type QuestionRow, questions } from '../db/schema.js';
import type { BankQuestion } from './bank.loader.js';

const p = sql.placeholder;

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
    .select({ due: cards.due, state: cards.state, reps: cards.reps, lapses: cards.lapses })
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

  return {
    all(): QuestionRow[] {
      return db.select().from(questions).all();
    },

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
          .select({ id: questions.id, hash: questions.contentHash, retiredAt: questions.retiredAt })
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
              retiredAt: null,
              updatedAt: now,
            };
            const before = existing.get(q.id);
            if (!before) {
              tx.insert(questions)
                .values({ id: q.id, ...row })
                .run();
              added++;
            } else if (before.hash !== q.contentHash || before.retiredAt !== null) {
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
