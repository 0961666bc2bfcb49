// npm run check:drift — fails when src/db/schema.ts has changes that no migration holds yet.
// drizzle-kit has no dry-run: generate into a scratch copy of migrations/ and see if a file appears.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
// drizzle-kit resolves --out relative to the working directory, so the scratch copy lives under it.
const scratch = fs.mkdtempSync(path.join(root, '.drift-'));
try {
  const out = path.join(scratch, 'migrations');
  fs.cpSync(path.join(root, 'migrations'), out, { recursive: true });
  const before = new Set(fs.readdirSync(out));
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/drizzle-kit/bin.cjs'),
      'generate',
      '--dialect',
      'sqlite',
      '--schema',
      './src/db/schema.ts',
      '--out',
      `./${path.relative(root, out)}`,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const added = fs.readdirSync(out).filter((f) => !before.has(f));
  if (added.length > 0) {
    console.error(
      `src/db/schema.ts has changes no migration holds (${added.join(', ')}): run npm run db:generate and review it.`,
    );
    process.exitCode = 1;
  } else {
    console.log('schema: no drift from migrations/');
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
