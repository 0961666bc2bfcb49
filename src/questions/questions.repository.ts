import { and, eq, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { type QuestionRow, questions } from '../db/schema.js';
import type { BankQuestion } from './bank.loader.js';

export function createQuestionsRepository({ db }: { db: Db }) {
  return {
    all(): QuestionRow[] {
      return db.select().from(questions).all();
    },

    /** Per question, the lowercased text that browse search looks in: id, title and prompt. */
    searchTexts(): Map<string, string> {
      const rows = db.$client
        .prepare(`select id, lower(id || ' ' || title || ' ' || prompt_md) as text from questions`)
        .all() as { id: string; text: string }[];
      return new Map(rows.map((r) => [r.id, r.text]));
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
