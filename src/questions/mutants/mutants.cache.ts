import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BankQuestion } from '../bank.loader.js';
import { type QuestionResult, readHandWritten } from './mutants.runner.js';

/**
 * A whole-bank run takes over half an hour on two cores, and most questions do not change
 * between runs: a question's result is reused while its file, generator, hand-written mutants
 * and the tool itself are byte-for-byte the same.
 */
const TOOL_FILES = [
  './mutate.py',
  './coverage.py',
  './mutants.runner.ts',
  './stopping-launcher.ts',
  '../harness/driver.py',
  '../harness/judge.py',
  '../harness/harness.ts',
  '../harness/launch.ts',
].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));

let toolHash: string | null = null;
function toolDigest(): string {
  if (toolHash) return toolHash;
  const h = createHash('sha256');
  for (const f of TOOL_FILES) h.update(f).update('\0').update(fs.readFileSync(f)).update('\0');
  toolHash = h.digest('hex');
  return toolHash;
}

export function resultKey(question: BankQuestion, mutantsDir: string, cap: number): string {
  const h = createHash('sha256').update(toolDigest()).update(`\0cap=${cap}\0`);
  h.update(JSON.stringify(question));
  const hand = readHandWritten(mutantsDir, question);
  for (const f of hand.files) h.update(`\0${f.file}\0`).update(f.text);
  for (const p of hand.problems) h.update(`\0${p}`);
  return h.digest('hex');
}

export function createResultCache(dir: string) {
  const file = (q: { track: string; id: string }) => path.join(dir, `${q.track}--${q.id}.json`);
  return {
    get(question: BankQuestion, key: string): QuestionResult | null {
      try {
        const saved = JSON.parse(fs.readFileSync(file(question), 'utf8')) as { key: string; result: QuestionResult };
        return saved.key === key ? saved.result : null;
      } catch {
        return null;
      }
    },
    set(question: BankQuestion, key: string, result: QuestionResult) {
      // A question that could not be tested is tried again next time, not remembered.
      if (result.problems.length) return;
      fs.mkdirSync(dir, { recursive: true });
      const tmp = `${file(question)}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ key, result }));
      fs.renameSync(tmp, file(question));
    },
  };
}
