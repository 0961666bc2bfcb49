// vitest globalSetup: the browser and process tests start the real server, which serves the
// bundles from views/assets/dist. Built once here, before any worker starts (no two builds race).
import { buildAssets } from '../../src/client/build.js';

export default async function setup() {
  await buildAssets();
}
