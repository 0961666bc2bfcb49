import type { Track } from '../../shared/validation.js';
import type { Equivalents } from './mutants.equivalents.js';
import type { AutoResult, HandResult, QuestionResult } from './mutants.runner.js';

/** What the bank must reach: share of mutants its cases kill. */
export const TARGETS = { automatic: 0.97, brute: 0.9, rule: 0.9 } as const;

export type Count = { killed: number; total: number };

export type Totals = {
  questions: number;
  /** Automatic mutants run (after the cap), equivalents included. */
  generated: number;
  equivalent: number;
  /** The kill rate's denominator: generated minus listed equivalents. */
  nonEquivalent: number;
  killed: number;
  /** Survivors on lines no case executes (part of nonEquivalent, not of killed). */
  unreached: number;
  brute: Count;
  rule: Count;
};

export type TargetResult = { name: string; threshold: number; count: Count; status: 'PASS' | 'FAIL' | 'n/a' };

type At = { question: string; track: Track };
export type Summary = {
  tracks: { track: Track; totals: Totals }[];
  overall: Totals;
  targets: TargetResult[];
  survivors: (At & { mutant: AutoResult })[];
  equivalents: (At & { mutant: AutoResult; reason: string })[];
  handSurvivors: (At & { hand: HandResult })[];
  problems: string[];
  warnings: string[];
  /** Where the time went: per question (wall time of its worker), slowest first. */
  time: { slowest: (At & { seconds: number; mutants: number })[]; timeouts: number };
};

const emptyTotals = (): Totals => ({
  questions: 0,
  generated: 0,
  equivalent: 0,
  nonEquivalent: 0,
  killed: 0,
  unreached: 0,
  brute: { killed: 0, total: 0 },
  rule: { killed: 0, total: 0 },
});

function add(into: Totals, r: QuestionResult, listed: Map<string, string>) {
  into.questions++;
  for (const m of r.mutants) {
    into.generated++;
    if (listed.has(m.id) && m.status !== 'killed') {
      into.equivalent++;
      continue;
    }
    into.nonEquivalent++;
    if (m.status === 'killed') into.killed++;
    if (m.status === 'unreached') into.unreached++;
  }
  for (const h of r.hand) {
    const count = into[h.kind];
    count.total++;
    if (h.killed) count.killed++;
  }
}

const rate = ({ killed, total }: Count) => (total ? killed / total : null);

/** Counts per track and overall, survivors and equivalents, targets and problems: facts in, no I/O. */
export function summarize({
  results,
  equivalents,
  bankIds,
  extraProblems = [],
}: {
  results: QuestionResult[];
  equivalents: Equivalents;
  bankIds: Set<string>;
  extraProblems?: string[];
}): Summary {
  const overall = emptyTotals();
  const byTrack = new Map<Track, Totals>();
  const summary: Omit<Summary, 'tracks' | 'overall' | 'targets'> = {
    survivors: [],
    equivalents: [],
    handSurvivors: [],
    problems: [...extraProblems],
    warnings: [],
    time: {
      slowest: [...results]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5)
        .map((r) => ({
          question: r.id,
          track: r.track,
          seconds: r.ms / 1000,
          mutants: r.mutants.length + r.hand.length,
        })),
      // Each one cost its question's whole per-case limit.
      timeouts: results.reduce(
        (n, r) => n + [...r.mutants, ...r.hand].filter((m) => m.by?.endsWith(': timeout')).length,
        0,
      ),
    },
  };
  for (const r of results) {
    const listed = equivalents.get(r.id) ?? new Map<string, string>();
    const trackTotals = byTrack.get(r.track) ?? emptyTotals();
    byTrack.set(r.track, trackTotals);
    add(trackTotals, r, listed);
    add(overall, r, listed);
    const at = { question: r.id, track: r.track };
    summary.problems.push(...r.problems.map((p) => `${r.track}/${r.id}: ${p}`));
    summary.warnings.push(...r.notes.map((n) => `${r.track}/${r.id}: ${n}`));
    for (const m of r.mutants) {
      const reason = listed.get(m.id);
      if (reason !== undefined && m.status === 'killed') {
        summary.problems.push(
          `${r.track}/${r.id}: ${m.id} is listed as equivalent but ${m.by} kills it: remove it from equivalent.yaml`,
        );
      } else if (reason !== undefined) {
        summary.equivalents.push({ ...at, mutant: m, reason });
      } else if (m.status !== 'killed') {
        summary.survivors.push({ ...at, mutant: m });
      }
    }
    for (const id of listed.keys()) {
      if (r.stats && !r.candidateIds.includes(id))
        summary.warnings.push(
          `${r.track}/${r.id}: equivalent.yaml lists ${id}, which this solution no longer produces (stale entry)`,
        );
    }
    for (const h of r.hand) if (!h.killed) summary.handSurvivors.push({ ...at, hand: h });
  }
  for (const id of equivalents.keys()) {
    if (!bankIds.has(id)) summary.warnings.push(`equivalent.yaml lists ${id}, which is not a question of the bank`);
  }
  const target = (name: string, threshold: number, count: Count): TargetResult => {
    const r = rate(count);
    return { name, threshold, count, status: r === null ? 'n/a' : r >= threshold ? 'PASS' : 'FAIL' };
  };
  return {
    ...summary,
    tracks: (['scripting', 'algorithm'] as const).flatMap((track) => {
      const totals = byTrack.get(track);
      return totals ? [{ track, totals }] : [];
    }),
    overall,
    targets: [
      target('non-equivalent automatic mutants killed', TARGETS.automatic, {
        killed: overall.killed,
        total: overall.nonEquivalent,
      }),
      target('brute-force mutants killed', TARGETS.brute, overall.brute),
      target('rule-breaking mutants killed', TARGETS.rule, overall.rule),
    ],
  };
}

const percent = (c: Count) => {
  const r = rate(c);
  return r === null ? '–' : `${(Math.floor(r * 1000) / 10).toFixed(1)}%`;
};
const fraction = (c: Count) => (c.total ? `${c.killed}/${c.total}` : '0/0');

/** Inline code that survives backticks in the text. */
function code(text: string) {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return longest ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}
const cell = (text: string) => text.replaceAll('|', '\\|');

function mutation(m: AutoResult) {
  const where = m.endLine > m.line ? `lines ${m.line}-${m.endLine}` : `line ${m.line}`;
  const tail =
    m.status === 'unreached'
      ? ' (no case runs this line)'
      : m.status === 'survived' && m.reached === false
        ? ' (no written case runs this line)'
        : '';
  return `${code(m.id)} ${m.op}, ${where}: ${code(m.before)} → ${m.after === '(removed)' ? 'removed' : code(m.after)}${tail}`;
}

export function renderReport(
  s: Summary,
  {
    scope,
    seconds,
    cores,
    reused = 0,
  }: { scope: string; seconds: number; cores: number /** Questions whose saved result was reused. */; reused?: number },
): string {
  const out: string[] = [];
  const o = s.overall;
  out.push('# Mutation testing report', '');
  out.push(
    `\`npm run questions:mutants\` over ${scope}: ${o.questions} questions, ${o.generated} automatic mutants, ` +
      `${o.brute.total + o.rule.total} hand-written, in ${(seconds / 60).toFixed(1)} min on ${cores} cores` +
      (reused
        ? ` (${reused} of the questions unchanged since an earlier run of this tool: their saved results were reused, and their time is not in this run's).`
        : '.'),
    '',
    'A mutant is killed when a case or a rule of its question does not pass with it. Automatic mutants ' +
      'that do not compile, or that unparse to the reference or to another mutant, are not counted; ' +
      'mutants listed in `questions/mutants/equivalent.yaml` are left out of the kill rate.',
    '',
  );
  out.push('## Targets', '', '| target | killed | rate | status |', '|---|---|---|---|');
  for (const t of s.targets) {
    out.push(`| ${t.name} ≥ ${t.threshold * 100}% | ${fraction(t.count)} | ${percent(t.count)} | ${t.status} |`);
  }
  out.push('', '## Totals', '');
  out.push(
    '| track | questions | automatic | equivalent | non-equivalent | killed | kill rate | unreached | brute force | rule breaking |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  const row = (name: string, t: Totals) =>
    `| ${name} | ${t.questions} | ${t.generated} | ${t.equivalent} | ${t.nonEquivalent} | ${t.killed} | ` +
    `${percent({ killed: t.killed, total: t.nonEquivalent })} | ${t.unreached} | ${fraction(t.brute)} | ${fraction(t.rule)} |`;
  for (const { track, totals } of s.tracks) out.push(row(track, totals));
  out.push(row('**all**', o), '');
  out.push(
    '*unreached*: survivors whose line no case executes (measured by tracing the reference on the cases). ' +
      'A missing case, or code no valid input reaches (then list it as equivalent).',
    '',
  );

  out.push(`## Surviving mutants (${s.survivors.length})`, '');
  if (!s.survivors.length) out.push('None.', '');
  else {
    out.push(
      'Not killed and not listed as equivalent. Lines count from the first line of the `## Solution` block. ' +
        'Add a case that tells the mutant from the reference, or, if no valid input can, list it in ' +
        '`questions/mutants/equivalent.yaml` with the reason.',
      '',
    );
    let last = '';
    for (const { question, track, mutant } of s.survivors) {
      const heading = `${track}/${question}`;
      if (heading !== last) out.push(`${last ? '\n' : ''}### ${heading}`, '');
      last = heading;
      out.push(`- ${mutation(mutant)}`);
    }
    out.push('');
  }

  const hand = s.handSurvivors;
  out.push(`## Surviving hand-written mutants (${hand.length})`, '');
  if (!hand.length) out.push('None.', '');
  else {
    for (const { hand: h } of hand) out.push(`- ${code(h.file)} (${h.kind}): ${cell(h.about)}`);
    out.push('');
  }

  out.push(`## Listed equivalent mutants (${s.equivalents.length})`, '');
  if (!s.equivalents.length) out.push('None.', '');
  else {
    for (const e of s.equivalents) out.push(`- ${e.track}/${e.question} ${mutation(e.mutant)} — ${e.reason}`);
    out.push('');
  }

  if (s.problems.length) {
    out.push(`## Problems (${s.problems.length})`, '');
    for (const p of s.problems) out.push(`- ${p}`);
    out.push('');
  }
  if (s.warnings.length) {
    out.push(`## Notes (${s.warnings.length})`, '');
    for (const w of s.warnings) out.push(`- ${w}`);
    out.push('');
  }
  out.push('## Time', '');
  out.push(
    `${(seconds / 60).toFixed(1)} min in all; ${s.time.timeouts} mutants were killed by a time limit. Slowest questions:`,
    '',
  );
  for (const q of s.time.slowest)
    out.push(`- ${q.track}/${q.question}: ${q.seconds.toFixed(1)} s for ${q.mutants} mutants`);
  return `${out.join('\n').trimEnd()}\n`;
}

/** The lines a terminal shows after a --report run. */
export function renderTargets(s: Summary): string {
  return s.targets
    .map((t) => `${t.status.padEnd(4)}  ${t.name}: ${fraction(t.count)} (${percent(t.count)})`)
    .join('\n');
}
