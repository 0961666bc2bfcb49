import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { FaangRecord } from '../../src/questions/bank.facts.js';
import { tempDir } from './tmp.js';

const REPO = path.resolve(import.meta.dirname, '../..');
export const FAANG_JSON = path.join(REPO, 'questions/sources/faang-questions.json');

const body = (title: string) => `## Prompt
Solve **${title}** in Python.

## Examples
- an example

## Approach
Use the obvious pattern.

## Solution
\`\`\`python
def solve(x):
    return x
\`\`\`
`;

const harness = { kind: 'function', call: 'solve', cases: [{ args: [1], expected: 1 }] };

export function scriptingFile(i: number, overrides: Record<string, unknown> = {}) {
  const fm = {
    title: `Scripting task ${i}`,
    difficulty: (['Easy', 'Medium', 'Hard'] as const)[i % 3],
    topics: ['logs'],
    theme: 10,
    area: 'logs',
    modules: ['re'],
    priority: i,
    hints: ['First hint', 'Second hint'],
    harness,
    ...overrides,
  };
  return `---\n${stringify(fm)}---\n${body(fm.title as string)}`;
}

export function algorithmFile(record: FaangRecord, priority: number, overrides: Record<string, unknown> = {}) {
  const fm = {
    title: record.title,
    difficulty: record.difficulty ?? 'Medium',
    topics: record.topics,
    source: { kind: record.kind, url: record.url, premium: Boolean(record.premium) },
    companies: record.companies,
    lists: record.lists,
    patterns: record.patterns ?? [],
    ...(record.difficulty === null || record.difficultyAsListed ? { difficultyNote: 'rated for tests' } : {}),
    priority,
    hints: ['Think', 'Think harder'],
    devops: { relevance: 'medium', note: 'Shows up in ops interviews for tests.' },
    harness,
    ...overrides,
  };
  return `---\n${stringify(fm)}---\n${body(record.title)}`;
}

export function faangRecords(): FaangRecord[] {
  return JSON.parse(fs.readFileSync(FAANG_JSON, 'utf8')) as FaangRecord[];
}

/**
 * A small, valid bank in a temporary folder: n scripting and m algorithm questions, plus copies of
 * real questions from the repo's bank (`copy: ['algorithm/two-sum']`, with their generators).
 */
export function writeFixtureBank({
  scripting = 6,
  algorithm = 6,
  copy = [],
}: {
  scripting?: number;
  algorithm?: number;
  copy?: string[];
} = {}) {
  const dir = tempDir('bank');
  for (const rel of copy) {
    fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
    fs.copyFileSync(path.join(REPO, 'questions', `${rel}.md`), path.join(dir, `${rel}.md`));
    const gen = path.join(REPO, 'questions', `${rel}.gen.py`);
    if (fs.existsSync(gen)) fs.copyFileSync(gen, path.join(dir, `${rel}.gen.py`));
  }
  fs.mkdirSync(path.join(dir, 'scripting'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'algorithm'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'sources'), { recursive: true });
  fs.copyFileSync(FAANG_JSON, path.join(dir, 'sources', 'faang-questions.json'));
  for (let i = 1; i <= scripting; i++) {
    fs.writeFileSync(path.join(dir, 'scripting', `script-${String(i).padStart(2, '0')}.md`), scriptingFile(i));
  }
  const records = faangRecords().filter((r) => r.difficulty && !r.difficultyAsListed && r.kind === 'leetcode');
  records.slice(0, algorithm).forEach((r, i) => {
    fs.writeFileSync(path.join(dir, 'algorithm', `${r.slug}.md`), algorithmFile(r, i + 1));
  });
  return dir;
}
