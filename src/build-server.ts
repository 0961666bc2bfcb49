import path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './shared/paths.js';

export const SERVER_OUT = path.join(REPO_ROOT, 'dist/server.js');

/**
 * The server and its dependencies in one file: loading express, drizzle, zod and the rest module
 * by module (resolving, reading and linking a few hundred files) was a third of a warm start
 * (1.5 s -> 1.0 s to the first healthy request). Native addons stay in node_modules.
 */
export async function buildServer({ outfile = SERVER_OUT }: { outfile?: string } = {}) {
  await build({
    entryPoints: [path.join(REPO_ROOT, 'src/server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['better-sqlite3', '@open-spaced-repetition/binding'],
    // CommonJS dependencies call require() for Node's own modules: give the ES module one.
    banner: {
      js: "import { createRequire as __opsdrillCreateRequire } from 'node:module'; const require = __opsdrillCreateRequire(import.meta.url);",
    },
    // Stack traces name the TypeScript file and line (npm start runs with --enable-source-maps);
    // the map leaves the sources out, or Node would parse megabytes of them at every start.
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
  });
}
