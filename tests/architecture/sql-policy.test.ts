import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_DIR } from '../helpers/server-process.js';

// The SQL policy, checked on the source text: every query goes through drizzle-orm; raw SQL stays
// only where a benchmark shows drizzle costs more than 5%, and that place names its figure; no SQL
// in routes. A violation names the file, the line and what to do instead.

/** Places that may use the raw better-sqlite3 connection, and why. */
const RAW_ALLOWED: { path: string; why: string; benchmark: boolean }[] = [
  { path: 'src/db/', why: 'the connection itself: open, pragmas, migrations, health check', benchmark: false },
  {
    path: 'src/export/export.repository.ts',
    why: "streams a million rows with .raw().iterate(): drizzle's driver has no iterator",
    benchmark: true,
  },
  { path: 'src/ops/backup.ts', why: "SQLite's online backup API and integrity_check on the copy", benchmark: false },
];

type Finding = { line: number; message: string };
type Check = (source: string) => Finding[];

const lineAt = (source: string, index: number) => source.slice(0, index).split('\n').length;

function matches(source: string, pattern: RegExp, message: string): Finding[] {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  return [...source.matchAll(new RegExp(pattern.source, flags))].map((m) => ({
    line: lineAt(source, m.index ?? 0),
    message,
  }));
}

/** Raw SQL outside drizzle: through the app's connection, an alias of it, or a connection of one's own. */
const rawSqlCheck: Check = (source) => [
  ...matches(source, /\$client\s*\.\s*(prepare|exec)\s*\(/, 'raw SQL through $client: write it with drizzle'),
  ...matches(
    source,
    /\$client\b(?!\s*\.\s*(prepare|exec|close)\s*\()/,
    'the raw connection taken aside ($client other than .close()): write the query with drizzle',
  ),
  ...matches(
    source,
    /^\s*import\s+(?!type\b)[^;]*?from\s*['"]better-sqlite3['"]|\brequire\s*\(\s*['"]better-sqlite3['"]|\bimport\s*\(\s*['"]better-sqlite3['"]/m,
    'a better-sqlite3 connection of its own: query through drizzle',
  ),
];

/**
 * The text of every template literal, `${...}` expressions left out (their own templates are
 * scanned too). Comments, quoted strings and regular expressions are skipped, so a backtick
 * inside them does not start a template.
 */
function templateTexts(source: string): { text: string; index: number }[] {
  const found: { text: string; index: number }[] = [];
  let i = 0;
  let lastSignificant = '';
  const skipQuoted = (quote: string) => {
    i++;
    while (i < source.length && source[i] !== quote && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
    i++;
  };
  const skipRegex = () => {
    i++;
    let inClass = false;
    while (i < source.length && source[i] !== '\n') {
      const ch = source[i];
      if (ch === '\\') i += 2;
      else {
        if (ch === '[') inClass = true;
        else if (ch === ']') inClass = false;
        else if (ch === '/' && !inClass) break;
        i++;
      }
    }
    i++;
  };
  // Scans code until the brace that closes the current `${` (depth 0) or the end.
  const scanCode = (untilBrace: boolean) => {
    let depth = 0;
    while (i < source.length) {
      const ch = source[i]!;
      const next = source[i + 1];
      if (ch === '/' && next === '/') {
        while (i < source.length && source[i] !== '\n') i++;
      } else if (ch === '/' && next === '*') {
        const end = source.indexOf('*/', i + 2);
        i = end === -1 ? source.length : end + 2;
      } else if (ch === '/' && (lastSignificant === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(lastSignificant))) {
        skipRegex();
        lastSignificant = ')';
      } else if (ch === "'" || ch === '"') {
        skipQuoted(ch);
        lastSignificant = ')';
      } else if (ch === '`') {
        scanTemplate();
        lastSignificant = ')';
      } else {
        if (ch === '{') depth++;
        if (ch === '}') {
          if (untilBrace && depth === 0) return;
          depth--;
        }
        if (!/\s/.test(ch)) lastSignificant = /[A-Za-z0-9_$]/.test(ch) ? 'a' : ch;
        i++;
      }
    }
  };
  const scanTemplate = () => {
    const start = i;
    let text = '';
    i++;
    while (i < source.length && source[i] !== '`') {
      if (source[i] === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (source[i] === '$' && source[i + 1] === '{') {
        i += 2;
        const saved = lastSignificant;
        lastSignificant = '';
        scanCode(true);
        lastSignificant = saved;
        text += ' ';
        i++;
      } else {
        text += source[i];
        i++;
      }
    }
    i++;
    found.push({ text, index: start });
  };
  scanCode(false);
  return found;
}

const SQL_WORDS = /\b(select\s|insert\s+into\b|update\s|delete\s+from\b)/i;

/** Routes parse, call a service and render: no drizzle, no schema, no database, no SQL text. */
const routeCheck: Check = (source) => [
  ...matches(
    source,
    /from\s*['"]drizzle-orm(\/[^'"]*)?['"]/,
    'a route imports drizzle-orm: move the query into a repository',
  ),
  ...matches(
    source,
    /from\s*['"][^'"]*\/db\/(schema|database)(\.js)?['"]/,
    'a route imports the schema or the database: take a repository or a service instead',
  ),
  ...templateTexts(source)
    .filter((t) => SQL_WORDS.test(t.text))
    .map((t) => ({ line: lineAt(source, t.index), message: 'SQL in a route: move it into a repository' })),
];

/**
 * drizzle binds `.limit(20)` as a parameter, and SQLite prepares a statement with a bound LIMIT
 * again on every run (src/db/fixed-limit.ts): a point lookup cost 3-5 times as much. A paged list
 * may bind its page size (`p('limit')`); anything else is written into the SQL with fixedLimit.
 */
const limitCheck: Check = (source) =>
  matches(
    source,
    /\.limit\(\s*(?!fixedLimit\(|p\(['"])/,
    'a bound LIMIT makes SQLite prepare the statement again on every run: use .limit(fixedLimit(n))',
  );

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(REPO_DIR, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mts|cts|js|mjs)$/.test(e.name))
    .map((e) => path.relative(REPO_DIR, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

const read = (file: string) => fs.readFileSync(path.join(REPO_DIR, file), 'utf8');
const isRawAllowed = (file: string) =>
  RAW_ALLOWED.some((a) => (a.path.endsWith('/') ? file.startsWith(a.path) : file === a.path));
const report = (file: string, findings: Finding[]) => findings.map((f) => `${file}:${f.line}: ${f.message}`);

describe('SQL policy', () => {
  const files = sourceFiles('src');

  it('finds the source files it checks', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain('src/accounts/accounts.repository.ts');
    expect(files.filter((f) => f.endsWith('.routes.ts')).length).toBeGreaterThan(5);
  });

  it('has no raw SQL in src/ outside the allowed places', () => {
    const violations = files.filter((f) => !isRawAllowed(f)).flatMap((f) => report(f, rawSqlCheck(read(f))));
    expect(violations).toEqual([]);
  });

  it('has no drizzle, schema, database or SQL text in routes', () => {
    const violations = files.filter((f) => f.endsWith('.routes.ts')).flatMap((f) => report(f, routeCheck(read(f))));
    expect(violations).toEqual([]);
  });

  it('writes fixed LIMITs into the SQL text', () => {
    const violations = files
      .filter((f) => f !== 'src/db/fixed-limit.ts')
      .flatMap((f) => report(f, limitCheck(read(f))));
    expect(violations).toEqual([]);
  });

  it('keeps every raw place kept for speed pointing at its benchmark figure', () => {
    for (const allowed of RAW_ALLOWED) {
      expect(
        fs.existsSync(path.join(REPO_DIR, allowed.path)),
        `${allowed.path} (${allowed.why}) no longer exists`,
      ).toBe(true);
      if (!allowed.benchmark) continue;
      const text = read(allowed.path);
      expect(rawSqlCheck(text).length, `${allowed.path} has no raw SQL left: drop it from RAW_ALLOWED`).toBeGreaterThan(
        0,
      );
      expect(text, `${allowed.path} must name its figure in bench/RESULTS.md`).toMatch(
        /bench\/RESULTS\.md, "Drizzle vs raw"/,
      );
    }
    expect(read('bench/RESULTS.md')).toContain('## Drizzle vs raw');
  });

  describe('the checks themselves', () => {
    it('catch raw SQL through $client, through an alias of it and through a connection of its own', () => {
      expect(rawSqlCheck(`const s = db.$client.prepare('select 1');`)).toHaveLength(1);
      expect(rawSqlCheck(`db.$client\n  .exec('delete from users');`)).toHaveLength(1);
      expect(rawSqlCheck(`const c = db.$client;\nc.prepare('select 1');`)).toEqual([
        { line: 1, message: expect.stringContaining('taken aside') },
      ]);
      expect(rawSqlCheck(`import Database from 'better-sqlite3';`)).toHaveLength(1);
      expect(rawSqlCheck(`import { default as D } from "better-sqlite3"`)).toHaveLength(1);
      expect(rawSqlCheck(`const D = require('better-sqlite3');`)).toHaveLength(1);
    });

    it('let through drizzle queries, closing the connection and type-only imports', () => {
      expect(rawSqlCheck(`db.select().from(users).where(eq(users.id, 1)).get();`)).toEqual([]);
      expect(rawSqlCheck(`db.$client.close();`)).toEqual([]);
      expect(rawSqlCheck(`import type { Statement } from 'better-sqlite3';`)).toEqual([]);
    });

    it('catch drizzle, the schema, the database and SQL in template strings in a route', () => {
      expect(routeCheck(`import { eq } from 'drizzle-orm';`)).toHaveLength(1);
      expect(routeCheck(`import { alias } from 'drizzle-orm/sqlite-core';`)).toHaveLength(1);
      expect(routeCheck(`import type { AttemptRow } from '../db/schema.js';`)).toHaveLength(1);
      expect(routeCheck(`import type { Db } from '../db/database.js';`)).toHaveLength(1);
      for (const sql of [
        'SELECT id FROM users',
        'insert into feedback (body) values (?)',
        'update cards set due = ?',
        'delete from sessions where id = ?',
      ])
        expect(routeCheck(`const a = 1;\nconst s = \`${sql}\`;`), sql).toEqual([
          { line: 2, message: expect.any(String) },
        ]);
      expect(routeCheck('const s = `select ${cols} from ${table}`;')).toHaveLength(1);
      expect(routeCheck('const s = `${`nested select * from t`}`;')).toHaveLength(1);
    });

    it('catch a LIMIT drizzle would bind, and let fixedLimit and a paged placeholder through', () => {
      expect(limitCheck('db.select().from(t).limit(1).get();')).toHaveLength(1);
      expect(limitCheck('q\n  .limit(limit)\n  .prepare();')).toEqual([{ line: 2, message: expect.any(String) }]);
      expect(limitCheck("q.limit(fixedLimit(1)).limit(p('limit'))")).toEqual([]);
    });

    it('leave alone words in prose, quoted strings, comments and regular expressions', () => {
      expect(routeCheck('const m = `Selected ${n} questions`;')).toEqual([]);
      expect(routeCheck(`const m = 'select a track';\n// update the card\nconst r = /\`update \`/;`)).toEqual([]);
      expect(templateTexts('const a = "`"; const b = `x ${"`"} y`; /* ` */')).toEqual([{ text: 'x   y', index: 25 }]);
    });
  });
});
