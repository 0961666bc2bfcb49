// `npm run build` (run before `npm start`): the browser bundles (src/client/build.ts) and the
// server compiled to dist/server.js, so a start runs plain JavaScript in node instead of
// compiling TypeScript on the fly with tsx (which doubled the time to the first healthy request).

import { buildServer } from './build-server.js';
import { buildAssets } from './client/build.js';

const started = performance.now();
const assets = await buildAssets();
await buildServer();
console.log(
  `built ${assets.skipped ? 'server (browser bundles up to date)' : `server and ${assets.files.join(', ')}`} in ${Math.round(performance.now() - started)} ms`,
);
