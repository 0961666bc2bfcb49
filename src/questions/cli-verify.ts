// npm run questions:verify [-- id ...] [-- --track scripting]
// Runs every reference solution against its cases with python3 and prints a table.
import { execFileSync } from 'node:child_process';
import { ConfigError, parseQuestionsEnv } from '../config.js';
import { BankValidationError } from './bank.loader.js';
import { loadCheckedBank } from './bank.sync.js';
import { type CaseResult, verifyQuestions } from './harness/verify.js';

const short = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 300 ? `${s.slice(0, 300)}…` : s;
};

async function main() {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
  } catch {
    console.error('python3 is not installed: the harness runs reference solutions with it (apt-get install python3).');
    process.exit(2);
  }
  const args = process.argv.slice(2);
  const trackAt = args.indexOf('--track');
  const track = trackAt >= 0 ? args[trackAt + 1] : undefined;
  const ids = args.filter((a, i) => !a.startsWith('--') && i !== trackAt + 1);
  let bank = loadCheckedBank(parseQuestionsEnv(process.env).questionsDir);
  if (track) bank = bank.filter((q) => q.track === track);
  if (ids.length) bank = bank.filter((q) => ids.includes(q.id));
  const started = performance.now();
  let done = 0;
  const total = bank.reduce((n, q) => n + q.harness.cases.length, 0);
  const results = await verifyQuestions({
    questions: bank,
    onResult: () => {
      done++;
      if (process.stderr.isTTY && done % 50 === 0) process.stderr.write(`\r${done}/${total} cases`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const byQuestion = new Map<string, CaseResult[]>();
  for (const r of results) byQuestion.set(r.question, [...(byQuestion.get(r.question) ?? []), r]);

  const width = Math.max(8, ...bank.map((q) => q.id.length));
  console.log(`${'question'.padEnd(width)}  track      cases  passed  status`);
  for (const q of bank) {
    const rs = byQuestion.get(q.id) ?? [];
    const passed = rs.filter((r) => r.ok).length;
    console.log(
      `${q.id.padEnd(width)}  ${q.track.padEnd(9)}  ${String(rs.length).padStart(5)}  ${String(passed).padStart(6)}  ${passed === rs.length ? 'ok' : 'FAIL'}`,
    );
  }
  const failures = results.filter((r) => !r.ok);
  for (const f of failures) {
    console.log(`\nFAIL ${f.question} · ${f.name}`);
    if (f.error) console.log(`  error:    ${f.error.trim().split('\n').slice(-3).join('\n            ')}`);
    else {
      console.log(`  expected: ${short(f.expected)}`);
      console.log(`  got:      ${short(f.got)}`);
    }
  }
  const qFailed = new Set(failures.map((f) => f.question)).size;
  console.log(
    `\n${bank.length} questions (${bank.filter((q) => q.track === 'scripting').length} scripting, ${bank.filter((q) => q.track === 'algorithm').length} algorithm), ` +
      `${results.length} cases, ${results.length - failures.length} passed, ${failures.length} failed (${qFailed} questions) in ${seconds.toFixed(1)} s`,
  );
  process.exit(failures.length ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err instanceof BankValidationError || err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
