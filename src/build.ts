// `npm run build` (run before `npm start`): the browser bundles (src/client/build.ts) and the
// server compiled to dist/server.js, so a start runs plain JavaScript in node instead of
// compiling TypeScript on the fly with tsx (which doubled the time to the first healthy request).
import path from 'node:path';
import { build } from 'esbuild';
import { buildAssets } from './client/build.js';
import { REPO_ROOT } from './shared/paths.js';

export const SERVER_OUT = path.join(REPO_ROOT, 'dist/server.js');

export async function buildServer() {
  await build({
    entryPoints: [path.join(REPO_ROOT, 'src/server.ts')],
    outfile: SERVER_OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Dependencies stay in node_modules (native better-sqlite3 among them): only our code is bundled.
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

const started = performance.now();
const assets = await buildAssets();
await buildServer();
console.log(
  `built ${assets.skipped ? 'server (browser bundles up to date)' : `server and ${assets.files.join(', ')}`} in ${Math.round(performance.now() - started)} ms`,
);
