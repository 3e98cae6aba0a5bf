import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootDashboard, haveChromium, type BootedDashboard } from './boot-dashboard.js';
import { PHONE, screenshots, type ConsoleLog, type DashboardServer } from './browser-harness.js';

const EMAIL = 'kai@example.com';

describe.skipIf(!haveChromium)('knowledge-base page in Chromium', () => {
  let d: BootedDashboard;
  let server: DashboardServer;
  let page: Page;
  let consoleLog: ConsoleLog;
  let accountId: string;

  beforeAll(async () => {
    d = await bootDashboard({ signUp: { name: 'Kai', company: 'Brew Media', email: EMAIL } });
    ({ server, page, consoleLog, accountId } = d);
  }, 240_000);

  afterAll(async () => d?.close());

  const url = (p: string) => `${server.base}${p}`;
  const overflow = () =>
    page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

  it(
    'adds pasted text as a source, lists it, removes it, and fits a phone',
    { timeout: 180_000 },
    async () => {
      const site = await server.core.tenancy.addSite({ accountId }, { name: 'Brew Blog' });

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
      const stored = await server.core.kb.list({ accountId, siteId: site.id });
      expect(stored.items.map((s) => s.title)).toEqual(['Grinder notes']);

      for (const viewport of [{ width: 1280, height: 800 }, PHONE]) {
        await page.setViewportSize(viewport);
        expect(await overflow(), `horizontal overflow at ${viewport.width}px`).toBeLessThanOrEqual(0);
      }
      expect((await screenshots(page, 'writer-kb')).unnamed).toEqual([]);

      await page.getByRole('button', { name: 'Remove Grinder notes' }).click();
      await page.getByText('No sources yet').waitFor();
      expect((await server.core.kb.list({ accountId, siteId: site.id })).total).toBe(0);
      expect(consoleLog.errors).toEqual([]);
      expect(consoleLog.failed).toEqual([]);
    },
  );
});
