import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createServer } from '../../server/create-server.js';
import { createLogger } from '../../server/logger.js';
import type { RateLimits } from '../../server/middleware/rate-limit.js';
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

/**
 * Build the dashboard from source into a private folder (dist/ belongs to the package build).
 * Vitest runs with NODE_ENV=test, so this build carries React's and TanStack Query's development
 * checks: their warnings are console errors, which fail the tests. The development React is
 * bigger than the shipped one, hence the higher size limit here.
 */
export async function buildDashboard(): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-ui-'));
  const { build } = await import('vite');
  await build({
    configFile: path.join(ROOT, 'ui', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 800 },
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
export async function startDashboardServer(
  distDir: string,
  options: { rateLimits?: Partial<RateLimits> | 'defaults' } = {},
): Promise<DashboardServer> {
  const t = await createTestDb('sqlite');
  const config = parseConfig({ server: { allowPrivateUrls: true, registration: 'open' } });
  const core = await createCore({ config, db: t, requireMigrated: true, baseDir: t.dir });
  // What `igny8 init` does on a new install: the model registry, with the sandbox models.
  await core.models.seed();
  // The same wiring `igny8 serve` uses: API and dashboard from one createServer, one port.
  const app = createServer(core, {
    logger: createLogger('error', () => {}),
    // 'defaults': the limits `igny8 serve` runs with, for tests of normal use meeting no 429.
    rateLimits: options.rateLimits === 'defaults' ? undefined : (options.rateLimits ?? NO_LIMITS),
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

/**
 * Controls on screen that assistive technology cannot name: no text, no label, no aria-label(ledby)
 * or title. Run in the page as a string, since this file is compiled without the DOM library.
 */
const UNNAMED_CONTROLS = `(() => {
  const text = (el) => (el && el.innerText ? el.innerText.trim() : '');
  const named = (el) => {
    if ((el.getAttribute('aria-label') || '').trim()) return true;
    const by = el.getAttribute('aria-labelledby');
    if (by && by.split(/\\s+/).some((id) => (document.getElementById(id)?.textContent || '').trim())) return true;
    if (el.getAttribute('title')) return true;
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName))
      return el.type === 'hidden' || [...(el.labels || [])].some((l) => (l.textContent || '').trim());
    return Boolean(text(el) || el.querySelector('img[alt]:not([alt=""])'));
  };
  const controls = document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [role="button"], [role="switch"], [role="combobox"]',
  );
  return [...controls]
    // checkVisibility also skips what a closed <details> hides (content-visibility).
    .filter((el) => el.checkVisibility() && !named(el))
    .map((el) => el.outerHTML.slice(0, 160));
})()`;

export async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(UNNAMED_CONTROLS);
}

/**
 * What a person cannot reach at this width: sideways scrolling of the whole page, and visible controls
 * cut off by the window edge (controls inside a container that scrolls sideways, like a wide table's
 * wrapper, are reachable by scrolling it and do not count).
 */
const CLIPPED_CONTROLS = `(() => {
  const out = [];
  const inScroller = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX;
      if ((ox === 'auto' || ox === 'scroll') && p.scrollWidth > p.clientWidth) return true;
    }
    return false;
  };  const over = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  if (over > 0) {
    // Name the outermost element that reaches past the window, so the failure says what to fix.
    const cw = document.documentElement.clientWidth;
    const wide = [...document.body.querySelectorAll('*')].find(
      (e) => e.getBoundingClientRect().right > cw + 1 && !inScroller(e),
    );
    out.push('page scrolls sideways by ' + over + ' px' + (wide ? ': ' + wide.outerHTML.slice(0, 160) : ''));
  }
  const w = window.innerWidth;

  for (const el of document.querySelectorAll('button, a[href], input, select, textarea, [role=button]')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    // Cut by an edge (partly visible); wholly off-screen is the visually-hidden pattern (skip links).
    const cut = (r.left < -1 && r.right > 0) || (r.right > w + 1 && r.left < w);
    if (cut && !inScroller(el)) out.push(el.outerHTML.slice(0, 120));
  }
  return out;
})()`;

/**
 * A screenshot at laptop and phone widths: test-output/screenshots/<name>-laptop.png and -phone.png,
 * with the controls that have no accessible name, and what is clipped, at either width.
 */
export async function screenshots(
  page: Page,
  name: string,
): Promise<{ files: string[]; unnamed: string[]; clipped: string[] }> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const files: string[] = [];
  const unnamed: string[] = [];
  const clipped: string[] = [];
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
    for (const html of await unnamedControls(page)) unnamed.push(`${label}: ${html}`);
    for (const what of await page.evaluate<string[]>(CLIPPED_CONTROLS)) clipped.push(`${label}: ${what}`);
  }
  await page.setViewportSize(LAPTOP);
  return { files, unnamed, clipped };
}
