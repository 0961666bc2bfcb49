import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../src/db/database.js';
import { BankValidationError, loadBank } from '../../src/questions/bank.loader.js';
import { loadCheckedBank, prepareBank } from '../../src/questions/bank.sync.js';
import { createFixedClock } from '../../src/shared/clock.js';
import { attemptIdFrom, createTestApp, csrfFrom, signUp, startDrill } from '../helpers/app.js';
import { algorithmFile, faangRecords, scriptingFile, writeFixtureBank } from '../helpers/bank.js';

function problemsOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (err instanceof BankValidationError) return err;
    throw err;
  }
  throw new Error('expected the bank to be rejected');
}

describe('question file validation', () => {
  it('names the file, the field and the reason', () => {
    const dir = writeFixtureBank({ scripting: 1, algorithm: 1 });
    fs.writeFileSync(path.join(dir, 'scripting', 'bad-difficulty.md'), scriptingFile(2, { difficulty: 'Trivial' }));
    fs.writeFileSync(path.join(dir, 'scripting', 'no-hints.md'), scriptingFile(3, { hints: [] }));
    fs.writeFileSync(path.join(dir, 'scripting', 'bad-topic.md'), scriptingFile(4, { topics: ['astrology'] }));
    fs.writeFileSync(path.join(dir, 'scripting', 'Bad_Name.md'), scriptingFile(5));
    fs.writeFileSync(path.join(dir, 'scripting', 'no-front-matter.md'), '# just markdown\n');
    fs.writeFileSync(path.join(dir, 'scripting', 'broken-yaml.md'), '---\ntitle: [unclosed\n---\n## Prompt\nx\n');
    fs.writeFileSync(
      path.join(dir, 'scripting', 'missing-approach.md'),
      scriptingFile(6).replace(/## Approach[\s\S]*?## Solution/, '## Solution'),
    );
    fs.writeFileSync(path.join(dir, 'scripting', 'extra-field.md'), scriptingFile(7, { solutionUrl: 'x' }));
    const err = problemsOf(() => loadBank(dir));
    const byFile = (name: string) => err.problems.filter((p) => p.file.endsWith(name));
    expect(byFile('bad-difficulty.md')).toEqual([
      expect.objectContaining({ field: 'difficulty', reason: expect.stringContaining('Easy') }),
    ]);
    expect(byFile('no-hints.md')[0]).toMatchObject({ field: 'hints' });
    expect(byFile('bad-topic.md')[0]).toMatchObject({ field: 'topics.0' });
    expect(byFile('Bad_Name.md')[0]).toMatchObject({ field: 'id (file name)' });
    expect(byFile('no-front-matter.md')[0]).toMatchObject({ field: 'front matter' });
    expect(byFile('broken-yaml.md')[0]).toMatchObject({
      field: 'front matter',
      reason: expect.stringContaining('invalid YAML'),
    });
    expect(byFile('missing-approach.md')[0]).toMatchObject({
      field: 'body',
      reason: expect.stringContaining('"## Approach"'),
    });
    expect(byFile('extra-field.md')[0]).toMatchObject({ field: 'solutionUrl' });
    expect(err.message).toContain('questions/scripting/bad-difficulty.md: difficulty:');
  });

  it('checks algorithm facts against the FAANG list', () => {
    const dir = writeFixtureBank({ scripting: 1, algorithm: 0 });
    const [a, b] = faangRecords().filter((r) => r.kind === 'leetcode' && r.difficulty && !r.difficultyAsListed);
    fs.writeFileSync(path.join(dir, 'algorithm', `${a!.slug}.md`), algorithmFile(a!, 1, { title: 'Renamed' }));
    fs.writeFileSync(
      path.join(dir, 'algorithm', `${b!.slug}.md`),
      algorithmFile(b!, 2, {
        source: { kind: 'leetcode', url: 'https://leetcode.com/problems/wrong/', premium: false },
      }),
    );
    fs.writeFileSync(path.join(dir, 'algorithm', 'not-a-faang-problem.md'), algorithmFile(a!, 3));
    const err = problemsOf(() => loadCheckedBank(dir));
    expect(err.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: `questions/algorithm/${a!.slug}.md`, field: 'title' }),
        expect.objectContaining({ file: `questions/algorithm/${b!.slug}.md`, field: 'source.url' }),
        expect.objectContaining({ file: 'questions/algorithm/not-a-faang-problem.md', field: 'id (file name)' }),
      ]),
    );
  });

  it('the shipped bank passes every check', () => {
    const bank = loadCheckedBank(path.resolve(import.meta.dirname, '../../questions'));
    expect(bank.filter((q) => q.track === 'scripting').length).toBeGreaterThanOrEqual(1);
    expect(bank.filter((q) => q.track === 'algorithm').length).toBeGreaterThanOrEqual(1);
  });
});

describe('sync', () => {
  it('is idempotent, updates text without touching scheduling, retires removed files and keeps their attempts', async () => {
    const { app, db, clock, bankDir } = createTestApp({ bank: { scripting: 3, algorithm: 1 } });
    const { agent } = await signUp(app);
    const page = await startDrill(agent, 'scripting');
    const id = attemptIdFrom(page.text);
    const csrf = csrfFrom(page.text);
    await agent.post(`/attempts/${id}/submit`).type('form').send({ _csrf: csrf, code: 'x', outcome: 'solved' });
    await agent.post(`/attempts/${id}/grade`).type('form').send({ _csrf: csrf, grade: '3' });
    const cardBefore = db.$client.prepare("select * from cards where question_id = 'script-01'").get();

    // Nothing changed since the app's own start: the catalog comes from the database as it is.
    expect(prepareBank({ db, questionsDir: bankDir, clock }).sync).toEqual({
      added: 0,
      updated: 0,
      retired: 0,
      unchanged: 4,
      cached: true,
    });

    const file = path.join(bankDir, 'scripting', 'script-01.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Scripting task 1', 'Scripting task one (reworded)'));
    expect(prepareBank({ db, questionsDir: bankDir, clock }).sync).toMatchObject({ updated: 1 });
    expect(
      (db.$client.prepare("select title from questions where id = 'script-01'").get() as { title: string }).title,
    ).toBe('Scripting task one (reworded)');
    expect(db.$client.prepare("select * from cards where question_id = 'script-01'").get()).toEqual(cardBefore);

    fs.rmSync(file);
    const { sync, catalog } = prepareBank({ db, questionsDir: bankDir, clock });
    expect(sync.retired).toBe(1);
    expect(catalog.get('script-01')?.retired).toBe(true);
    expect(catalog.active('scripting').map((q) => q.id)).toEqual(['script-02', 'script-03']);
    expect(db.$client.prepare('select count(*) as n from attempts where question_id = ?').get('script-01')).toEqual({
      n: 1,
    });
  });

  it('skips parsing on a start with the same files, and syncs again when any file changes', () => {
    const dir = writeFixtureBank({ scripting: 2, algorithm: 1 });
    const db = openDatabase(':memory:');
    migrateDatabase(db);
    const clock = createFixedClock('2026-01-01T00:00:00Z');
    const first = prepareBank({ db, questionsDir: dir, clock });
    expect(first.sync).toMatchObject({ added: 3, cached: false });
    // The Markdown was rendered once, at the sync, and stored with the question.
    const stored = db.$client.prepare("select prompt_html from questions where id = 'script-01'").get() as {
      prompt_html: string;
    };
    expect(stored.prompt_html).toContain('<strong>Scripting task 1</strong>');
    const second = prepareBank({ db, questionsDir: dir, clock });
    expect(second.sync).toMatchObject({ cached: true });
    expect(second.catalog.get('script-01')?.promptHtml).toBe(first.catalog.get('script-01')?.promptHtml);
    const file = path.join(dir, 'scripting', 'script-02.md');
    const text = fs.readFileSync(file, 'utf8');
    // Any change, even outside the front matter, makes the next start parse and sync again.
    fs.writeFileSync(file, text.replace('Solve **', 'Now solve **'));
    const third = prepareBank({ db, questionsDir: dir, clock });
    expect(third.sync).toMatchObject({ updated: 1, cached: false });
    expect(third.catalog.get('script-02')?.promptHtml).toContain('Now solve');
    const gen = path.join(dir, 'scripting', 'script-01.gen.py');
    fs.writeFileSync(gen, 'def generate(rng, size):\n    return [size]\n');
    expect(prepareBank({ db, questionsDir: dir, clock }).sync).toMatchObject({ updated: 1, cached: false });
  });

  it('a warm start reads the snapshot saved with the fingerprint, equal to the rows; a stale or broken one is not used', () => {
    const dir = writeFixtureBank({ scripting: 2, algorithm: 2 });
    const db = openDatabase(':memory:');
    migrateDatabase(db);
    const clock = createFixedClock('2026-01-01T00:00:00Z');
    const cold = prepareBank({ db, questionsDir: dir, clock });
    const warm = prepareBank({ db, questionsDir: dir, clock });
    expect(warm.sync.cached).toBe(true);
    expect(warm.catalog.all()).toEqual(cold.catalog.all());
    const snapshot = () =>
      db.$client.prepare("select value from app_state where name = 'bank_rows'").get() as { value: string } | undefined;
    expect(JSON.parse(snapshot()?.value ?? '{}').rows).toHaveLength(4);
    // The table changed behind the snapshot's back (an older version wrote no snapshot, or a
    // broken one): the rows are read from the table and the snapshot written again.
    db.$client.prepare("update questions set title = 'Renamed in the table' where id = 'script-01'").run();
    db.$client.prepare("update app_state set value = '{not json' where name = 'bank_rows'").run();
    expect(prepareBank({ db, questionsDir: dir, clock }).catalog.get('script-01')?.title).toBe('Renamed in the table');
    expect(JSON.parse(snapshot()?.value ?? '{}').rows).toHaveLength(4);
    const fingerprint = JSON.parse(snapshot()?.value ?? '{}').fingerprint;
    db.$client
      .prepare("update app_state set value = ? where name = 'bank_rows'")
      .run(JSON.stringify({ fingerprint: 'another bank', rows: [] }));
    expect(prepareBank({ db, questionsDir: dir, clock }).catalog.all()).toHaveLength(4);
    expect(JSON.parse(snapshot()?.value ?? '{}').fingerprint).toBe(fingerprint);
  });

  it('a bad file stops startup before anything is written', () => {
    const dir = writeFixtureBank({ scripting: 2, algorithm: 1 });
    fs.writeFileSync(path.join(dir, 'scripting', 'zz-bad.md'), scriptingFile(9, { priority: -1 }));
    const db = openDatabase(':memory:');
    migrateDatabase(db);
    expect(() => prepareBank({ db, questionsDir: dir, clock: createFixedClock('2026-01-01T00:00:00Z') })).toThrow(
      /zz-bad\.md: priority/,
    );
    expect(db.$client.prepare('select count(*) as n from questions').get()).toEqual({ n: 0 });
  });
});
