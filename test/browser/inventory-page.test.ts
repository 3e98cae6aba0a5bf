import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../../src/db/index.js';
import { saveInventory } from '../../src/inventory/inventory.repository.js';
import { bootDashboard, haveChromium, type BootedDashboard } from './boot-dashboard.js';
import { PHONE, screenshots, type ConsoleLog, type DashboardServer } from './browser-harness.js';

const EMAIL = 'ines@example.com';

describe.skipIf(!haveChromium)('site inventory page in Chromium', () => {
  let d: BootedDashboard;
  let server: DashboardServer;
  let page: Page;
  let consoleLog: ConsoleLog;

  beforeAll(async () => {
    d = await bootDashboard({ signUp: { name: 'Ines', company: 'Brew Media', email: EMAIL } });
    ({ server, page, consoleLog } = d);
  }, 180_000);

  afterAll(async () => d?.close());

  const url = (p: string) => `${server.base}${p}`;
  // A string, so the test's TypeScript (no DOM types) needs no casts.
  const overflow = () =>
    page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

  it('lists imported posts and pages, searches them, and fits a phone', { timeout: 180_000 }, async () => {
    const account = { accountId: d.accountId };
    const site = await server.core.tenancy.addSite(account, { name: 'Brew Blog' });
    const scope = { ...account, siteId: site.id };

    // Nothing imported yet: the page says how to fill it.
    await page.goto(url('/publishing/inventory'));
    await page.getByRole('heading', { name: 'Site inventory', level: 1 }).waitFor();
    await page.getByText('igny8 wp import-posts').waitFor();

    const dest = await server.core.destinations.upsert(scope, {
      kind: 'wordpress',
      name: 'blog',
      config: { url: 'https://blog.example.com', user: 'ines', categories: [] },
      secret: 'app password here',
    });
    await transaction(server.core.db, (trx) =>
      saveInventory(
        trx,
        scope,
        dest.id,
        [
          {
            remoteId: '11',
            kind: 'post',
            title: 'How to dial in espresso',
            url: 'https://blog.example.com/dial-in-espresso/',
            slug: 'dial-in-espresso',
            excerpt: null,
            categories: ['Brewing'],
            tags: ['grind'],
            focusKeyword: 'dial in espresso',
            modifiedAt: '2026-11-02T09:30:00.000Z',
          },
          {
            remoteId: '12',
            kind: 'page',
            title: 'About our roastery',
            url: 'https://blog.example.com/about/',
            slug: 'about',
            excerpt: null,
            categories: [],
            tags: [],
            focusKeyword: null,
            modifiedAt: '2026-10-01T12:00:00.000Z',
          },
        ],
        { removeMissing: false, ours: new Map() },
      ),
    );

    for (const viewport of [{ width: 1280, height: 800 }, PHONE]) {
      await page.setViewportSize(viewport);
      await page.goto(url('/publishing'));
      await page
        .getByRole('navigation', { name: 'Publishing views' })
        .getByRole('link', { name: 'Site inventory' })
        .click();
      await page.waitForURL(/\/publishing\/inventory$/);
      const espresso = page.getByRole('link', { name: 'How to dial in espresso' });
      await espresso.waitFor();
      expect(await espresso.getAttribute('href')).toBe('https://blog.example.com/dial-in-espresso/');
      expect(await espresso.getAttribute('target')).toBe('_blank');
      await page.getByRole('link', { name: 'About our roastery' }).waitFor();
      await page.getByRole('cell', { name: 'dial in espresso', exact: true }).waitFor();
      await page.getByRole('cell', { name: 'Brewing, #grind' }).waitFor();
      expect(await page.locator('table.inventory tbody tr').count()).toBe(2);
      expect(await overflow(), `horizontal overflow at ${viewport.width}px`).toBeLessThanOrEqual(0);

      // The search narrows to the matching title (server side).
      await page.getByLabel('Search titles').fill('roastery');
      await expect.poll(() => page.locator('table.inventory tbody tr').count()).toBe(1);
      await page.getByRole('link', { name: 'About our roastery' }).waitFor();
      await page.getByLabel('Search titles').fill('nothing like this');
      await page.getByText('No post or page title contains').waitFor();
      expect(await overflow(), `horizontal overflow at ${viewport.width}px`).toBeLessThanOrEqual(0);
    }
    await page.getByLabel('Search titles').fill('');
    await expect.poll(() => page.locator('table.inventory tbody tr').count()).toBe(2);
    expect((await screenshots(page, 'publishing-inventory')).unnamed).toEqual([]);
    expect(consoleLog.errors).toEqual([]);
    expect(consoleLog.failed).toEqual([]);
  });
});
