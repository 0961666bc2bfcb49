import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { REPO_DIR as REPO, type ServerProcess, startServer } from './server-process.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO, 'tests/.artifacts');

/** Browser tests must not pass silently on a machine without Chromium. */
export function assertChromium() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the browser tests need it. Install Debian's package with ` +
        '`apt-get update && apt-get install -y chromium` (or set CHROMIUM_PATH).',
    );
  }
}

export async function launch(): Promise<Browser> {
  assertChromium();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

export const AXE_SOURCE = fs.readFileSync(path.join(REPO, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page (the context must bypass CSP to inject it). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document);
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function signUpInBrowser(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/register`);
  await page.fill('#username', username);
  await page.fill('#password', 'a long enough password');
  await page.click('button[type=submit]');
  await page.waitForURL(`${baseUrl}/today`);
}

/**
 * For a browser test file: Chromium and the real server on a fresh database file, started before
 * the tests and stopped after (the folder of the database is removed). `seed` fills the database
 * before the server opens it. Read `browser`, `server` and `dbPath` inside the tests.
 */
export function useBrowserAndServer({
  seed,
  serverEnv = {},
}: {
  seed?: (dbPath: string) => Promise<void>;
  /** Extra environment for the server (RUNNER=off for tests of the self-reported flow). */
  serverEnv?: Record<string, string>;
} = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdrill-e2e-'));
  const env = {
    browser: undefined as unknown as Browser,
    server: undefined as unknown as ServerProcess,
    dbPath: path.join(dir, 'opsdrill.db'),
  };
  beforeAll(async () => {
    await seed?.(env.dbPath);
    env.browser = await launch();
    env.server = await startServer({ databasePath: env.dbPath, env: serverEnv });
  }, 180_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return env;
}

export async function logInInBrowser(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${baseUrl}/today`);
}

/** Empty the drill page's editor (a new attempt opens with the question's starter code). */
export async function clearEditor(page: Page) {
  await page.click('.cm-content');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
}

/**
 * Open the track's drill page; when nothing is open yet, press its Start button (opening an
 * attempt is a POST: a GET only shows what comes next).
 */
export async function openDrill(page: Page, baseUrl: string, track: 'scripting' | 'algorithm') {
  await page.goto(`${baseUrl}/drills/${track}`);
  const start = page.locator(`form[action="/drills/${track}/start"] button[type=submit]`);
  if ((await start.count()) > 0) {
    await start.click();
    await page.waitForURL(`${baseUrl}/drills/${track}`);
    await page.waitForSelector('textarea[name=code]', { state: 'attached' });
  }
}
