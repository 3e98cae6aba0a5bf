import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createServer } from '../../server/create-server.js';
import { createLogger } from '../../server/logger.js';
import { createCore, parseConfig, type Core } from '../../src/index.js';
import { NO_LIMITS } from '../api/harness.js';
import { listen, type Listening } from '../api/http.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

export const CHROMIUM = process.env.IGNY8_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');
export const LAPTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/** Build the dashboard from source into a private folder (dist/ belongs to the package build). */
export async function buildDashboard(): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-ui-'));
  const { build } = await import('vite');
  await build({
    configFile: path.join(ROOT, 'ui', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

export interface DashboardServer {
  t: TestDb;
  core: Core;
  srv: Listening;
  base: string;
  close(): Promise<void>;
}

/** The API and the built dashboard on one ephemeral port, over a fresh SQLite database. */
export async function startDashboardServer(distDir: string): Promise<DashboardServer> {
  const t = await createTestDb('sqlite');
  const config = parseConfig({ server: { allowPrivateUrls: true } });
  const core = await createCore({ config, db: t, requireMigrated: true, baseDir: t.dir });
  // What `igny8 init` does on a new install: the model registry, with the sandbox models.
  await core.models.seed();
  // The same wiring `igny8 serve` uses: API and dashboard from one createServer, one port.
  const app = createServer(core, {
    logger: createLogger('error', () => {}),
    rateLimits: NO_LIMITS,
    dashboard: distDir,
  });
  const srv = await listen(app);
  return {
    t,
    core,
    srv,
    base: srv.base,
    async close() {
      await srv.close();
      await core.close();
      await t.close();
    },
  };
}

export interface ConsoleLog {
  errors: string[];
  /** Requests whose response was an error, with the API's code, to explain a console error. */
  failed: string[];
}

/** Record console errors and uncaught exceptions of every page of the context. */
export function watchConsole(context: BrowserContext): ConsoleLog {
  const log: ConsoleLog = { errors: [], failed: [] };
  const watch = (page: Page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') log.errors.push(`${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => log.errors.push(`${page.url()}: uncaught ${err.message}`));
    page.on('response', async (res) => {
      if (res.status() < 400) return;
      let body = '';
      try {
        body = (await res.text()).slice(0, 200);
      } catch {
        // the body may be gone when the page navigates
      }
      log.failed.push(`${res.request().method()} ${res.url()} → ${res.status()} ${body}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return log;
}

/** A screenshot at laptop and phone widths: test-output/screenshots/<name>-laptop.png and -phone.png. */
export async function screenshots(page: Page, name: string): Promise<string[]> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const files: string[] = [];
  for (const [label, size] of [
    ['laptop', LAPTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    // Let layout and charts settle after the resize.
    await page.waitForTimeout(150);
    const file = path.join(SCREENSHOTS, `${name}-${label}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  await page.setViewportSize(LAPTOP);
  return files;
}
