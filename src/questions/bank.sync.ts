import type { Db } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { checkFacts, loadFaangRecords } from './bank.facts.js';
import { type BankQuestion, BankValidationError, loadBank } from './bank.loader.js';
import { createCatalog } from './catalog.js';
import { createQuestionsRepository } from './questions.repository.js';

/** Every check `npm run questions:check` runs; cheap enough for every start. */
export function loadCheckedBank(questionsDir: string): BankQuestion[] {
  const bank = loadBank(questionsDir);
  const problems = checkFacts(bank, loadFaangRecords(questionsDir));
  if (problems.length) throw new BankValidationError(problems);
  return bank;
}

/** Validate the files, sync them into the database, and build the in-memory catalog. */
export function prepareBank({ db, questionsDir, clock }: { db: Db; questionsDir: string; clock: Clock }) {
  const bank = loadCheckedBank(questionsDir);
  const repository = createQuestionsRepository({ db });
  const sync = repository.sync({ bank, now: clock.now().getTime() });
  return { catalog: createCatalog(repository.all()), sync };
}
