// npm run questions:check — validates every question file (schema, unique ids, known topics,
// facts against the FAANG list, starters against what the harness calls) without running any solution.
// The server runs the same checks at start, except the starters (they need python3).
import { ConfigError, parseQuestionsEnv } from '../config.js';
import { BankValidationError } from './bank.loader.js';
import { loadCheckedBank } from './bank.sync.js';
import { checkStarters } from './harness/starters.js';

const started = performance.now();
try {
  const bank = loadCheckedBank(parseQuestionsEnv(process.env).questionsDir);
  const starterProblems = checkStarters(bank);
  if (starterProblems.length) throw new BankValidationError(starterProblems);
  const count = (t: string) => bank.filter((q) => q.track === t).length;
  const cases = bank.reduce((n, q) => n + q.harness.cases.length, 0);
  const starters = bank.filter((q) => q.starter !== null).length;
  console.log(
    `ok: ${bank.length} questions (${count('scripting')} scripting, ${count('algorithm')} algorithm), ${cases} test cases, ${starters} starters, checked in ${Math.round(performance.now() - started)} ms`,
  );
} catch (err) {
  console.error(err instanceof BankValidationError || err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
