import { performance } from 'node:perf_hooks';
import type { Db } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { checkFacts, loadFaangRecords } from './bank.facts.js';
import { type BankQuestion, BankValidationError, loadBank } from './bank.loader.js';
import { createCatalog } from './catalog.js';
import { createQuestionsRepository } from './questions.repository.js';

/**
 * "syncing question bank: 120/349" lines while the files are read and checked (the slow part of
 * a start): one at each quarter, or after a second without one. Silent without `log`.
 */
export function bankProgress({
  log,
  elapsedMs = () => performance.now(),
}: {
  log?: (line: string) => void;
  elapsedMs?: () => number;
}) {
  if (!log) return undefined;
  let lastQuarter = 0;
  let lastAt = elapsedMs();
  return (done: number, total: number) => {
    const quarter = Math.floor((done * 4) / total);
    const now = elapsedMs();
    if (quarter > lastQuarter || now - lastAt >= 1000) {
      lastQuarter = quarter;
      lastAt = now;
      log(`syncing question bank: ${done}/${total}`);
    }
  };
}

/** Every check `npm run questions:check` runs; cheap enough for every start. */
export function loadCheckedBank(
  questionsDir: string,
  onProgress?: (done: number, total: number) => void,
): BankQuestion[] {
  const bank = loadBank(questionsDir, onProgress);
  const problems = checkFacts(bank, loadFaangRecords(questionsDir));
  if (problems.length) throw new BankValidationError(problems);
  return bank;
}

/**
 * Validate the files, sync them into the database, and build the in-memory catalog. Pass `log`
 * (the server passes console.log) to print progress; tests pass nothing and stay quiet.
 */
export function prepareBank({
  db,
  questionsDir,
  clock,
  log,
  elapsedMs,
}: {
  db: Db;
  questionsDir: string;
  clock: Clock;
  log?: (line: string) => void;
  elapsedMs?: () => number;
}) {
  const bank = loadCheckedBank(questionsDir, bankProgress({ log, elapsedMs }));
  const repository = createQuestionsRepository({ db });
  const sync = repository.sync({ bank, now: clock.now().getTime() });
  return { catalog: createCatalog(repository.all()), sync };
}
