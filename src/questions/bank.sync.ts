import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
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
 * A fingerprint of everything the bank is made of: every question file, generator and the FAANG
 * facts, by name and content. Reading and hashing ~3 MB takes a few milliseconds; parsing the YAML,
 * validating and rendering 350 questions takes most of a second.
 */
export function bankFingerprint(questionsDir: string): string {
  const hash = crypto.createHash('sha256').update(`bank-format:${BANK_FORMAT}\0`);
  const files: string[] = [];
  for (const sub of ['scripting', 'algorithm', 'sources']) {
    const dir = path.join(questionsDir, sub);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (name.endsWith('.md') || name.endsWith('.gen.py') || name.endsWith('.json')) files.push(path.join(sub, name));
    }
  }
  for (const rel of files)
    hash
      .update(`${rel}\0`)
      .update(fs.readFileSync(path.join(questionsDir, rel)))
      .update('\0');
  return hash.digest('hex');
}

/** Bump when what a sync stores changes shape, so an old fingerprint never skips the new sync. */
const BANK_FORMAT = 2;

/**
 * Validate the files, sync them into the database, and build the in-memory catalog. When the
 * files are exactly those of the last sync (same fingerprint), the database already holds them
 * validated and rendered: the catalog is built from it without parsing anything. Pass `log`
 * (the server passes its logger) to print progress; tests pass nothing and stay quiet.
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
  const repository = createQuestionsRepository({ db });
  const fingerprint = bankFingerprint(questionsDir);
  if (repository.bankFingerprint() === fingerprint) {
    const rows = repository.bankSnapshot(fingerprint) ?? repository.saveBankSnapshot({ fingerprint });
    const active = rows.filter((r) => r.retiredAt === null).length;
    return {
      catalog: createCatalog(rows),
      sync: { added: 0, updated: 0, retired: 0, unchanged: active, cached: true },
    };
  }
  const bank = loadCheckedBank(questionsDir, bankProgress({ log, elapsedMs }));
  const sync = repository.sync({ bank, now: clock.now().getTime() });
  return { catalog: createCatalog(repository.saveBankSnapshot({ fingerprint })), sync: { ...sync, cached: false } };
}
