import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { QUESTION_ID } from '../question.schema.js';

/** What a human decided: these surviving mutants behave like the reference on every valid input. */
const equivalentsSchema = z.record(
  z.string(),
  z
    .array(
      z.strictObject({
        mutant: z.string().regex(/^[a-z-]+-[0-9a-f]{8}$/, 'must be a mutant id such as cmp-1a2b3c4d'),
        reason: z.string().trim().min(3, 'say why the mutant cannot change the result'),
      }),
    )
    .nullable()
    .transform((list) => list ?? []),
);

export type Equivalents = Map<string, Map<string, string>>;

export class EquivalentsFileError extends Error {}

/** questions/mutants/equivalent.yaml: question id -> mutant id -> reason. A missing file lists nothing. */
export function loadEquivalents(file: string): Equivalents {
  const equivalents: Equivalents = new Map();
  if (!fs.existsSync(file)) return equivalents;
  let data: unknown;
  try {
    data = parseYaml(fs.readFileSync(file, 'utf8'), { uniqueKeys: true }) ?? {};
  } catch (err) {
    throw new EquivalentsFileError(`${file}: invalid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const bad = Object.keys(data).filter((k) => !QUESTION_ID.test(k));
    if (bad.length)
      throw new EquivalentsFileError(`${file}:\n${bad.map((k) => `  ${k}: not a question id`).join('\n')}`);
  }
  const parsed = equivalentsSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new EquivalentsFileError(`${file}:\n${issues.join('\n')}`);
  }
  for (const [question, list] of Object.entries(parsed.data)) {
    const byMutant = new Map<string, string>();
    for (const { mutant, reason } of list) {
      if (byMutant.has(mutant)) throw new EquivalentsFileError(`${file}: ${question} lists ${mutant} twice`);
      byMutant.set(mutant, reason);
    }
    equivalents.set(question, byMutant);
  }
  return equivalents;
}
