import fs from 'node:fs';
import path from 'node:path';
import type { BankProblem, BankQuestion } from './bank.loader.js';

export type FaangRecord = {
  title: string;
  slug: string;
  url: string | null;
  kind: 'leetcode' | 'custom';
  difficulty: 'Easy' | 'Medium' | 'Hard' | null;
  companies: string[];
  lists: string[];
  topics: string[];
  patterns?: string[];
  premium?: boolean;
  difficultyAsListed?: Record<string, number>;
  dataNote?: string;
  mentions: number;
};

export function loadFaangRecords(questionsDir: string): FaangRecord[] {
  return JSON.parse(
    fs.readFileSync(path.join(questionsDir, 'sources', 'faang-questions.json'), 'utf8'),
  ) as FaangRecord[];
}

const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Algorithm questions carry facts from the FAANG list; they must match it exactly, so a typo
 * in a company or a URL is caught before a candidate sees it.
 */
export function checkFacts(questions: BankQuestion[], records: FaangRecord[]): BankProblem[] {
  const bySlug = new Map(records.map((r) => [r.slug, r]));
  const knownTopics = new Set(records.flatMap((r) => r.topics));
  const problems: BankProblem[] = [];
  for (const q of questions) {
    if (q.track !== 'algorithm') continue;
    const p = (field: string, reason: string) => problems.push({ file: q.file, field, reason });
    const r = bySlug.get(q.id);
    if (!r) {
      p('id (file name)', 'is not the slug of any problem in questions/sources/faang-questions.json');
      continue;
    }
    const meta = q.meta as {
      source: { kind: string; url: string | null; premium: boolean };
      companies: string[];
      lists: string[];
      patterns: string[];
      difficultyNote?: string;
    };
    if (q.title !== r.title) p('title', `must be "${r.title}" as in the FAANG list`);
    for (const t of q.topics) if (!knownTopics.has(t)) p('topics', `unknown topic "${t}"`);
    if (!same(q.topics, r.topics)) p('topics', `must be [${r.topics.join(', ')}]`);
    if (meta.source.kind !== r.kind) p('source.kind', `must be ${r.kind}`);
    if (meta.source.url !== r.url) p('source.url', `must be ${r.url ?? 'null'}`);
    if (meta.source.premium !== Boolean(r.premium)) p('source.premium', `must be ${Boolean(r.premium)}`);
    if (!same(meta.companies, r.companies)) p('companies', `must be [${r.companies.join(', ')}]`);
    if (!same(meta.lists, r.lists)) p('lists', `must be [${r.lists.join(', ')}]`);
    if (!same(meta.patterns, r.patterns ?? [])) p('patterns', `must be [${(r.patterns ?? []).join(', ')}]`);
    if (r.difficulty && q.difficulty !== r.difficulty) p('difficulty', `must be ${r.difficulty}`);
    if ((r.difficulty === null || r.difficultyAsListed) && !meta.difficultyNote) {
      p('difficultyNote', 'is required: the source gives no single difficulty for this problem');
    }
  }
  return problems;
}
