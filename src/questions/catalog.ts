import type { QuestionRow } from '../db/schema.js';
import { renderMarkdown } from '../shared/markdown.js';
import type { Track } from '../shared/validation.js';
import type { HarnessQuestion } from './harness/harness.js';
import type { Difficulty, Harness } from './question.schema.js';

export type CatalogQuestion = {
  id: string;
  track: Track;
  title: string;
  difficulty: Difficulty;
  topics: string[];
  priority: number;
  timeBudgetMinutes: number | null;
  hints: string[];
  hintsHtml: string[];
  promptHtml: string;
  examplesHtml: string;
  approachHtml: string;
  solution: string;
  meta: Record<string, unknown>;
  /** The code a new attempt opens with ('' where the question has none). */
  starter: string;
  /** Summary shown above long prompts (scripting). */
  summary: string | null;
  /** What the runner needs: cases, entry point, reference and generator. Null for retired rows of old versions. */
  harness: HarnessQuestion | null;
  retired: boolean;
};

/**
 * Every question (retired ones too, so old attempts stay readable) with its Markdown rendered
 * once at startup: the drill page never renders Markdown per request.
 */
export function createCatalog(rows: QuestionRow[]) {
  const byId = new Map<string, CatalogQuestion>();
  for (const r of rows) {
    byId.set(r.id, {
      id: r.id,
      track: r.track,
      title: r.title,
      difficulty: r.difficulty,
      topics: r.topics,
      priority: r.priority,
      timeBudgetMinutes: r.timeBudgetMinutes,
      hints: r.hints,
      // Rendered at sync; a row from before that (or from an old version) is rendered here.
      hintsHtml: r.hintsHtml ?? r.hints.map((h) => renderMarkdown(h)),
      promptHtml: r.promptHtml ?? renderMarkdown(r.promptMd),
      examplesHtml: r.examplesHtml ?? renderMarkdown(r.examplesMd),
      approachHtml: r.approachHtml ?? renderMarkdown(r.approachMd),
      solution: r.solution,
      meta: r.meta,
      starter: typeof r.meta.starter === 'string' ? r.meta.starter : '',
      summary: typeof r.meta.summary === 'string' ? r.meta.summary : null,
      harness:
        r.meta.harness && typeof r.meta.harness === 'object'
          ? {
              id: r.id,
              harness: r.meta.harness as Harness,
              solution: r.solution,
              generator: typeof r.meta.generator === 'string' ? r.meta.generator : null,
              contentHash: r.contentHash,
            }
          : null,
      retired: r.retiredAt !== null,
    });
  }
  const active = [...byId.values()].filter((q) => !q.retired);
  return {
    get: (id: string) => byId.get(id),
    all: () => [...byId.values()],
    active: (track?: Track) => (track ? active.filter((q) => q.track === track) : active),
  };
}
export type Catalog = ReturnType<typeof createCatalog>;
