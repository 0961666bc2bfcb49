import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { Track } from '../shared/validation.js';
import {
  type AlgorithmFrontMatter,
  algorithmFrontMatter,
  BODY_SECTIONS,
  type Difficulty,
  type Harness,
  isGenerated,
  OPTIONAL_SECTIONS,
  QUESTION_ID,
  type ScriptingFrontMatter,
  scriptingFrontMatter,
} from './question.schema.js';

export type BankQuestion = {
  id: string;
  track: Track;
  file: string;
  title: string;
  difficulty: Difficulty;
  topics: string[];
  priority: number;
  timeBudgetMinutes: number | null;
  hints: string[];
  promptMd: string;
  examplesMd: string;
  approachMd: string;
  solution: string;
  /** The code a new attempt opens with (## Starter), or null where the file has none yet. */
  starter: string | null;
  /** Source of <id>.gen.py beside the file: builds the inputs of generated (stress) cases. */
  generator: string | null;
  harness: Harness;
  /** Track-specific facts (source, companies, lists, devops notes, theme...). */
  meta: Record<string, unknown>;
  contentHash: string;
};

export type BankProblem = { file: string; field: string; reason: string };

export class BankValidationError extends Error {
  readonly problems: BankProblem[];
  constructor(problems: BankProblem[]) {
    super(
      `The question bank has ${problems.length} invalid ${problems.length === 1 ? 'file' : 'files'}:\n` +
        problems.map((p) => `  ${p.file}: ${p.field}: ${p.reason}`).join('\n'),
    );
    this.problems = problems;
  }
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

function splitSections(body: string): { sections: Map<string, string>; order: string[] } {
  const sections = new Map<string, string>();
  const order: string[] = [];
  let current: string | null = null;
  let buffer: string[] = [];
  let inFence = false;
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = !inFence && /^## (.+?)\s*$/.exec(line);
    if (heading) {
      if (current) sections.set(current, buffer.join('\n').trim());
      current = heading[1] ?? '';
      order.push(current);
      buffer = [];
    } else if (current) {
      buffer.push(line);
    }
  }
  if (current) sections.set(current, buffer.join('\n').trim());
  return { sections, order };
}

/** Parse one question file. Returns the question or the list of problems found in it. */
export function parseQuestionFile(
  file: string,
  text: string,
  track: Track,
  generator: string | null = null,
): { question?: BankQuestion; problems: BankProblem[] } {
  const rel = file;
  const problems: BankProblem[] = [];
  const id = path.basename(file, '.md');
  if (!QUESTION_ID.test(id)) {
    problems.push({ file: rel, field: 'id (file name)', reason: 'use 2-80 lowercase letters, digits and hyphens' });
  }
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    problems.push({ file: rel, field: 'front matter', reason: 'the file must start with a --- YAML block ---' });
    return { problems };
  }
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '', { prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    problems.push({
      file: rel,
      field: 'front matter',
      reason: `invalid YAML: ${(err as Error).message.split('\n')[0]}`,
    });
    return { problems };
  }
  const schema: z.ZodType<AlgorithmFrontMatter | ScriptingFrontMatter> =
    track === 'algorithm' ? algorithmFrontMatter : scriptingFrontMatter;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys)
          problems.push({
            file: rel,
            field: [...issue.path, key].join('.'),
            reason: 'is not a known field (check its spelling)',
          });
      } else {
        problems.push({ file: rel, field: issue.path.join('.') || 'front matter', reason: issue.message });
      }
    }
  }
  const { sections, order } = splitSections(match[2] ?? '');
  const expectedOrder: string[] = [];
  for (const name of BODY_SECTIONS) {
    expectedOrder.push(name);
    for (const [optional, after] of Object.entries(OPTIONAL_SECTIONS)) {
      if (after === name && sections.has(optional)) expectedOrder.push(optional);
    }
  }
  if (order.join('|') !== expectedOrder.join('|')) {
    problems.push({
      file: rel,
      field: 'body',
      reason: `needs the sections ${BODY_SECTIONS.map((s) => `"## ${s}"`).join(', ')} in that order, with an optional "## Starter" after "## Examples" (found ${order.length ? order.map((s) => `"## ${s}"`).join(', ') : 'none'})`,
    });
  }
  for (const name of [...BODY_SECTIONS, ...Object.keys(OPTIONAL_SECTIONS)]) {
    if (sections.has(name) && !sections.get(name))
      problems.push({ file: rel, field: `body.${name}`, reason: 'is empty' });
  }
  const codeBlocks = (name: string) => [...(sections.get(name) ?? '').matchAll(/```python\r?\n([\s\S]*?)```/g)];
  const solutionBlocks = codeBlocks('Solution');
  if (sections.has('Solution') && solutionBlocks.length !== 1) {
    problems.push({ file: rel, field: 'body.Solution', reason: 'needs exactly one ```python fenced block' });
  }
  const starterBlocks = codeBlocks('Starter');
  if (sections.has('Starter') && starterBlocks.length !== 1) {
    problems.push({ file: rel, field: 'body.Starter', reason: 'needs exactly one ```python fenced block' });
  }
  if (parsed.success) {
    const generated = parsed.data.harness.cases.filter(isGenerated).length;
    const hasGenerate = generator !== null && /^def generate\(/m.test(generator);
    if (generated > 0 && !hasGenerate) {
      problems.push({
        file: rel,
        field: 'harness.cases',
        reason: `has generated cases but ${id}.gen.py beside it does not define generate(rng, size)`,
      });
    }
    if (parsed.data.harness.crossCheck && !(generator && /^(def slow\(|class Slow\b)/m.test(generator))) {
      problems.push({ file: rel, field: 'harness.crossCheck', reason: `needs slow() (or class Slow) in ${id}.gen.py` });
    }
    if (parsed.data.harness.cases.every(isGenerated)) {
      problems.push({ file: rel, field: 'harness.cases', reason: 'needs at least one written (not generated) case' });
    }
  }
  if (problems.length > 0 || !parsed.success) return { problems };

  const fm = parsed.data;
  const { title, difficulty, topics, priority, timeBudgetMinutes, hints, harness, ...rest } = fm;
  return {
    problems,
    question: {
      id,
      track,
      file: rel,
      title,
      difficulty,
      topics,
      priority,
      timeBudgetMinutes: timeBudgetMinutes ?? null,
      hints,
      promptMd: sections.get('Prompt') ?? '',
      examplesMd: sections.get('Examples') ?? '',
      approachMd: sections.get('Approach') ?? '',
      solution: solutionBlocks[0]?.[1] ?? '',
      starter: starterBlocks[0]?.[1] ?? null,
      generator,
      harness,
      meta: rest as Record<string, unknown>,
      contentHash: crypto
        .createHash('sha256')
        .update(text)
        .update(generator ?? '')
        .digest('hex'),
    },
  };
}

/** Read and parse one question file with its generator, from a questions folder (the one with scripting/ and algorithm/). */
export function readQuestionFile(dir: string, track: Track, id: string): BankQuestion {
  const file = path.join(dir, track, `${id}.md`);
  const genFile = path.join(dir, track, `${id}.gen.py`);
  const generator = fs.existsSync(genFile) ? fs.readFileSync(genFile, 'utf8') : null;
  const { question, problems } = parseQuestionFile(
    path.join('questions', track, `${id}.md`),
    fs.readFileSync(file, 'utf8'),
    track,
    generator,
  );
  if (!question) throw new BankValidationError(problems);
  return question;
}

/**
 * Load every question file under dir; throws BankValidationError listing every problem.
 * `onProgress` hears (files read, files in all) after each file.
 */
export function loadBank(dir: string, onProgress?: (done: number, total: number) => void): BankQuestion[] {
  const questions: BankQuestion[] = [];
  const problems: BankProblem[] = [];
  const seen = new Map<string, string>();
  const tracks = (['scripting', 'algorithm'] as const).map((track) => {
    const trackDir = path.join(dir, track);
    if (!fs.existsSync(trackDir)) {
      problems.push({ file: path.join(path.basename(dir), track), field: 'folder', reason: 'is missing' });
      return { track, trackDir, files: [] };
    }
    const entries = fs.readdirSync(trackDir);
    const files = entries.filter((f) => f.endsWith('.md') && !f.startsWith('TIMINGS')).sort();
    for (const orphan of entries.filter(
      (f) => f.endsWith('.gen.py') && !files.includes(f.replace(/\.gen\.py$/, '.md')),
    )) {
      problems.push({
        file: path.join('questions', track, orphan),
        field: 'file',
        reason: 'is a generator without a question file beside it',
      });
    }
    return { track, trackDir, files };
  });
  const total = tracks.reduce((n, t) => n + t.files.length, 0);
  let done = 0;
  for (const { track, trackDir, files } of tracks) {
    for (const name of files) {
      const rel = path.join('questions', track, name);
      const genFile = path.join(trackDir, name.replace(/\.md$/, '.gen.py'));
      const generator = fs.existsSync(genFile) ? fs.readFileSync(genFile, 'utf8') : null;
      const result = parseQuestionFile(rel, fs.readFileSync(path.join(trackDir, name), 'utf8'), track, generator);
      problems.push(...result.problems);
      onProgress?.(++done, total);
      if (!result.question) continue;
      const other = seen.get(result.question.id);
      if (other) {
        problems.push({ file: rel, field: 'id (file name)', reason: `is also used by ${other}` });
        continue;
      }
      seen.set(result.question.id, rel);
      questions.push(result.question);
    }
  }
  if (problems.length > 0) throw new BankValidationError(problems);
  return questions;
}
