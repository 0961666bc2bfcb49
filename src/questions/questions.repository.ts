import { and, eq, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { appState, type QuestionRow, questions } from '../db/schema.js';
import { renderMarkdown } from '../shared/markdown.js';
import type { BankQuestion } from './bank.loader.js';

/** The question's Markdown as HTML, rendered once when it is synced. */
export const renderQuestion = (q: Pick<BankQuestion, 'promptMd' | 'examplesMd' | 'approachMd' | 'hints'>) => ({
  promptHtml: renderMarkdown(q.promptMd),
  examplesHtml: renderMarkdown(q.examplesMd),
  approachHtml: renderMarkdown(q.approachMd),
  hintsHtml: q.hints.map((h) => renderMarkdown(h)),
});

export function createQuestionsRepository({ db }: { db: Db }) {
  return {
    /** The fingerprint of the bank files last synced (see bankFingerprint), if any. */
    bankFingerprint(): string | undefined {
      return db.select({ value: appState.value }).from(appState).where(eq(appState.name, 'bank_fingerprint')).get()
        ?.value;
    },

    saveBankFingerprint(value: string) {
      db.insert(appState)
        .values({ name: 'bank_fingerprint', value })
        .onConflictDoUpdate({ target: appState.name, set: { value } })
        .run();
    },

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
