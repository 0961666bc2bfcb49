import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root (the folder of package.json), found from wherever this code runs: from
 * src/ under tsx, or from dist/server.js when `npm start` runs the compiled server. Files beside
 * the code (views, migrations, the harness's Python) are found from here, not from import.meta.url,
 * which differs between the two.
 */
function findRoot(from: string): string {
  let dir = from;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'opsdrill') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no opsdrill package.json above ${from}`);
    dir = parent;
  }
}

export const REPO_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const fromRoot = (...segments: string[]) => path.join(REPO_ROOT, ...segments);
