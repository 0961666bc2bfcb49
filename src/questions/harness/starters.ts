import { execFileSync } from 'node:child_process';
import { fromRoot } from '../../shared/paths.js';
import type { BankProblem, BankQuestion } from '../bank.loader.js';
import { type HarnessCase, isGenerated } from '../question.schema.js';
import { DEFAULT_PYTHON } from './launch.js';

const STARTERS = fromRoot('src/questions/harness/starters.py');

/** What a starter must define: the harness's entry point with the argument counts the cases use. */
function entryPoint(q: BankQuestion) {
  const h = q.harness;
  const written = h.cases.filter((c): c is Exclude<HarnessCase, { generate: unknown }> => !isGenerated(c));
  if (h.kind === 'function') {
    return {
      kind: h.kind,
      call: h.call,
      arities: [...new Set(written.map((c) => (c as { args: unknown[] }).args.length))],
    };
  }
  if (h.kind === 'design') {
    const methodArities: Record<string, number[]> = {};
    for (const c of written as { init: unknown[]; ops: unknown[][] }[]) {
      for (const [name, ...args] of c.ops) {
        const list = methodArities[String(name)] ?? [];
        if (!list.includes(args.length)) list.push(args.length);
        methodArities[String(name)] = list;
      }
    }
    const initArities = [...new Set((written as { init: unknown[] }[]).map((c) => c.init.length))];
    return { kind: h.kind, class: h.class, methods: Object.keys(methodArities), methodArities, initArities };
  }
  return { kind: h.kind };
}

/** Starters that do not define what the harness calls (one python process parses them all). */
export function checkStarters(bank: BankQuestion[], python = DEFAULT_PYTHON): BankProblem[] {
  const withStarter = bank.filter((q) => q.starter !== null);
  if (!withStarter.length) return [];
  const out = execFileSync(python, ['-I', STARTERS], {
    input: JSON.stringify(withStarter.map((q) => ({ id: q.id, starter: q.starter, ...entryPoint(q) }))),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const byId = new Map(bank.map((q) => [q.id, q]));
  return (JSON.parse(out) as { id: string; reason: string }[]).map((p) => ({
    file: byId.get(p.id)?.file ?? p.id,
    field: 'body.Starter',
    reason: p.reason,
  }));
}
