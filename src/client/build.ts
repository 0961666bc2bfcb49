// Bundles the browser scripts (src/client/<entry>.ts) into views/assets/dist/ with esbuild:
// `npm run build:assets` (once) or `npm run build:assets -- --watch`. Runs before start, dev
// and test, so a fresh clone never serves a missing bundle.
import crypto from 'node:crypto';
import { statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ejs from 'ejs';
import { type BuildOptions, build, context, type Metafile, type Plugin, version } from 'esbuild';

const CLIENT_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ASSETS_OUT_DIR = path.resolve(CLIENT_DIR, '../../views/assets/dist');
/** One bundle per page script; the other modules in src/client are imported by these. */
const ENTRIES = ['drill', 'mock', 'mock-live', 'site', 'copy', 'timezone'];
/** What the last build read (paths, sizes, mtimes): when none changed, a build is skipped. */
const STAMP = path.join(ASSETS_OUT_DIR, '.inputs.json');

/**
 * An EJS template as an ES module whose default export renders it. The source comes from EJS's
 * own compiler (strict mode: the template may only read `locals.*`), so the browser renders
 * exactly what the server renders, without `new Function` (the CSP forbids eval).
 */
export function ejsClientModule(text: string, filename: string): string {
  const template = new ejs.Template(text, { strict: true, compileDebug: false, localsName: 'locals', filename });
  template.compile();
  if (/\binclude\(/.test(template.source))
    throw new Error(`${filename}: a template used in the browser cannot include other templates`);
  return `const escapeFn = ${ejs.escapeXML.toString()}\nexport default function render(locals) {\n${template.source}}\n`;
}

const ejsPlugin: Plugin = {
  name: 'ejs',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.ejs$/ }, async (args) => ({
      contents: ejsClientModule(await fs.readFile(args.path, 'utf8'), args.path),
      loader: 'js',
      watchFiles: [args.path],
    }));
  },
};

function options() {
  return {
    entryPoints: ENTRIES.map((name) => path.join(CLIENT_DIR, `${name}.ts`)),
    outdir: ASSETS_OUT_DIR,
    bundle: true,
    minify: true,
    sourcemap: true,
    target: 'es2020',
    format: 'iife',
    charset: 'utf8',
    logLevel: 'warning',
    absWorkingDir: path.resolve(CLIENT_DIR, '../..'),
    metafile: true,
    // Written by writeOutputs: only changed files, each replaced in one rename.
    write: false,
    plugins: [ejsPlugin],
  } satisfies BuildOptions;
}

/** Replaces changed files atomically (a server reading the folder never sees half a bundle). */
async function writeOutputs(files: { path: string; contents: Uint8Array }[]) {
  await fs.mkdir(ASSETS_OUT_DIR, { recursive: true });
  for (const file of files) {
    const old = await fs.readFile(file.path).catch(() => null);
    if (old && Buffer.compare(old, file.contents) === 0) continue;
    const tmp = `${file.path}.${process.pid}.tmp`;
    await fs.writeFile(tmp, file.contents);
    await fs.rename(tmp, file.path);
  }
  const wanted = new Set([...files.map((f) => path.basename(f.path)), path.basename(STAMP)]);
  for (const name of await fs.readdir(ASSETS_OUT_DIR)) {
    if (!wanted.has(name) && !name.endsWith('.tmp')) await fs.rm(path.join(ASSETS_OUT_DIR, name));
  }
}

/** A fingerprint of the inputs a build read, of this script and of esbuild's version. */
function inputsKey(inputs: string[]): string | null {
  const hash = crypto.createHash('sha256').update(version);
  const root = options().absWorkingDir ?? '';
  for (const input of [fileURLToPath(import.meta.url), ...inputs.map((p) => path.resolve(root, p))].sort()) {
    try {
      const stat = statSync(input);
      hash.update(`${input}\0${stat.size}\0${stat.mtimeMs}\0`);
    } catch {
      return null; // an input is gone: build again
    }
  }
  return hash.digest('hex');
}

async function upToDate(): Promise<boolean> {
  try {
    const stamp = JSON.parse(await fs.readFile(STAMP, 'utf8')) as { inputs: string[]; key: string; outputs: string[] };
    const outputsThere = stamp.outputs.every((name) =>
      statSync(path.join(ASSETS_OUT_DIR, name), { throwIfNoEntry: false }),
    );
    return outputsThere && inputsKey(stamp.inputs) === stamp.key;
  } catch {
    return false;
  }
}

async function writeStamp(metafile: Metafile | undefined, outputs: string[]) {
  if (!metafile) return;
  const inputs = Object.keys(metafile.inputs);
  const key = inputsKey(inputs);
  if (key) await fs.writeFile(STAMP, JSON.stringify({ key, inputs, outputs }));
}

/** Builds the bundles unless nothing they are made of changed since the last build (`force` builds anyway). */
export async function buildAssets({ force = false } = {}): Promise<{ files: string[]; skipped: boolean }> {
  if (!force && (await upToDate())) return { files: [], skipped: true };
  const result = await build(options());
  await writeOutputs(result.outputFiles);
  const files = result.outputFiles.map((f) => path.relative(ASSETS_OUT_DIR, f.path));
  await writeStamp(result.metafile, files);
  return { files, skipped: false };
}

async function watch() {
  const ctx = await context({
    ...options(),
    plugins: [
      ejsPlugin,
      {
        name: 'write',
        setup(pluginBuild) {
          pluginBuild.onEnd(async (result) => {
            if (result.outputFiles) {
              await writeOutputs(result.outputFiles);
              const files = result.outputFiles.map((f) => path.relative(ASSETS_OUT_DIR, f.path));
              await writeStamp(result.metafile, files);
            }
            console.log(`assets rebuilt (${result.errors.length} errors)`);
          });
        },
      },
    ],
  });
  await ctx.watch();
  console.log(`watching src/client for changes; bundles in ${path.relative(process.cwd(), ASSETS_OUT_DIR)}`);
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const started = performance.now();
  const run = process.argv.includes('--watch')
    ? watch()
    : buildAssets({ force: process.argv.includes('--force') }).then(({ files, skipped }) =>
        console.log(
          skipped ? 'assets up to date' : `built ${files.join(', ')} in ${Math.round(performance.now() - started)} ms`,
        ),
      );
  run.catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
