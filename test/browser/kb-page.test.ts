import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDashboard,
  CHROMIUM,
  CHROMIUM_FLAGS,
  LAPTOP,
  PHONE,
  screenshots,
  startDashboardServer,
  watchConsole,
  type ConsoleLog,
  type DashboardServer,
} from './browser-harness.js';

const EMAIL = 'kai@example.com';
const PASSWORD = 'a long enough password';

describe.skipIf(!fs.existsSync(CHROMIUM))('knowledge-base page in Chromium', () => {
  let dist: string;
  let server: DashboardServer;
  let context: BrowserContext;
  let page: Page;
  let consoleLog: ConsoleLog;
  let userData: string;

  beforeAll(async () => {
    dist = await buildDashboard();
    server = await startDashboardServer(dist);
    const { chromium } = await import('playwright-core');
    userData = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-chromium-'));
    context = await chromium.launchPersistentContext(userData, {
      executablePath: CHROMIUM,
      args: CHROMIUM_FLAGS,
      headless: true,
      viewport: LAPTOP,
    });
    consoleLog = watchConsole(context);
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    for (const dir of [dist, userData]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const url = (p: string) => `${server.base}${p}`;
  const overflow = () =>
    page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

  it(
    'adds pasted text as a source, lists it, removes it, and fits a phone',
    { timeout: 180_000 },
    async () => {
      await page.goto(url('/register'));
      await page.getByLabel('Your name').fill('Kai');
      await page.getByLabel('Team or company').fill('Brew Media');
      await page.getByLabel('Email').fill(EMAIL);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL(/\/onboarding/);
      const user = await server.core.tenancy.findUserByEmail(EMAIL);
      const site = await server.core.tenancy.addSite({ accountId: user!.accountId }, { name: 'Brew Blog' });

      await page.goto(url('/writer'));
      await page
        .getByRole('navigation', { name: 'Writer views' })
        .getByRole('link', { name: 'Knowledge base' })
        .click();
      await page.waitForURL(/\/writer\/kb$/);
      await page.getByRole('heading', { name: 'Knowledge base', level: 1 }).waitFor();
      await page.getByText('No sources yet').waitFor();

      await page
        .getByLabel('Or paste text')
        .fill('# Grinders\n\nA burr grinder gives an even grind for espresso.');
      await page.getByLabel('Title to cite (optional)').fill('Grinder notes');
      await page.getByRole('button', { name: 'Add source' }).click();
      await page.getByRole('cell', { name: 'Grinder notes', exact: true }).waitFor();
      const stored = await server.core.kb.list({ accountId: user!.accountId, siteId: site.id });
      expect(stored.items.map((s) => s.title)).toEqual(['Grinder notes']);

      for (const viewport of [{ width: 1280, height: 800 }, PHONE]) {
        await page.setViewportSize(viewport);
        expect(await overflow(), `horizontal overflow at ${viewport.width}px`).toBeLessThanOrEqual(0);
      }
      expect((await screenshots(page, 'writer-kb')).unnamed).toEqual([]);

      await page.getByRole('button', { name: 'Remove Grinder notes' }).click();
      await page.getByText('No sources yet').waitFor();
      expect((await server.core.kb.list({ accountId: user!.accountId, siteId: site.id })).total).toBe(0);
      expect(consoleLog.errors).toEqual([]);
      expect(consoleLog.failed).toEqual([]);
    },
  );
});
