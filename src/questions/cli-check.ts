// npm run questions:check — validates every question file (schema, unique ids, known topics,
// facts against the FAANG list, starters against what the harness calls) without running any solution.
// The server runs the same checks at start, except the starters (they need python3).
import path from 'node:path';
import { BankValidationError } from './bank.loader.js';
import { loadCheckedBank } from './bank.sync.js';
import { checkStarters } from './harness/starters.js';

const started = performance.now();
try {
  const bank = loadCheckedBank(path.resolve(process.env.QUESTIONS_DIR ?? 'questions'));
  const starterProblems = checkStarters(bank);
  if (starterProblems.length) throw new BankValidationError(starterProblems);
  const count = (t: string) => bank.filter((q) => q.track === t).length;
  const cases = bank.reduce((n, q) => n + q.harness.cases.length, 0);
  const starters = bank.filter((q) => q.starter !== null).length;
  console.log(
    `ok: ${bank.length} questions (${count('scripting')} scripting, ${count('algorithm')} algorithm), ${cases} test cases, ${starters} starters, checked in ${Math.round(performance.now() - started)} ms`,
  );
} catch (err) {
  console.error(err instanceof BankValidationError ? err.message : err);
  process.exit(1);
}
