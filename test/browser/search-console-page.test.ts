import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootDashboard, haveChromium, type BootedDashboard } from './boot-dashboard.js';
import { PHONE, screenshots } from './browser-harness.js';

const EMAIL = 'gsc@example.com';

/** A per-day export: two pages, three queries, over three days (one row off the site's domain). */
function exportCsv(): string {
  const lines = ['Date,Landing Page,Query,Clicks,Impressions,CTR,Average Position'];
  for (const [i, day] of ['2026-05-01', '2026-05-02', '2026-05-03'].entries()) {
    lines.push(
      `${day},https://brew.example.com/cold-brew-ratio-guide-for-beginners-and-pros,cold brew ratio,${5 + i},50,10%,${4 - i}`,
    );
    lines.push(
      `${day},https://brew.example.com/cold-brew-ratio-guide-for-beginners-and-pros,cold brew,${2 + i},80,3%,${9 - i}`,
    );
    lines.push(`${day},https://brew.example.com/moka-pot,moka pot,${1 + i},30,3%,12`);
  }
  lines.push('2026-05-03,https://someone-else.org/x,moka pot,1,3,33%,2');
  return `${lines.join('\n')}\n`;
}

describe.skipIf(!haveChromium)('Search Console page in Chromium', () => {
  let d: BootedDashboard;
  let tmp: string;

  beforeAll(async () => {
    d = await bootDashboard({ signUp: { name: 'Gus', company: 'Brew Media', email: EMAIL } });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-gsc-export-'));
  }, 240_000);

  afterAll(async () => {
    await d?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it(
    'uploads an export, lists top pages and queries, charts a page and a query, and fits a 390 px phone',
    { timeout: 180_000 },
    async () => {
      const { server, page, consoleLog, accountId, url } = d;
      const overflow = () =>
        page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      const site = await server.core.tenancy.addSite(
        { accountId },
        { name: 'Brew Blog', domain: 'brew.example.com' },
      );

      await page.goto(url('/'));
      await page.getByRole('link', { name: 'Search Console' }).first().click();
      await page.waitForURL(/\/search-console$/);
      await page.getByRole('heading', { name: 'Search Console', level: 1 }).waitFor();
      await page.getByText('No data held yet').waitFor();

      const file = path.join(tmp, 'looker-export.csv');
      fs.writeFileSync(file, exportCsv());
      await page.getByLabel(/Per-day export/).setInputFiles(file);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByText(/9 rows held, 2026-05-01 … 2026-05-03/).waitFor();
      const scope = { accountId, siteId: site.id };
      expect((await server.core.searchConsole.status(scope)).held.rows).toBe(9);

      const pages = page.getByRole('region', { name: 'Top pages' });
      await pages.getByRole('button', { name: /Chart .*cold-brew-ratio/ }).waitFor();
      expect(await pages.locator('tbody tr').count()).toBe(2);
      const queries = page.getByRole('region', { name: 'Top queries' });
      expect(await queries.locator('tbody tr').count()).toBe(3);

      await pages.getByRole('button', { name: /Chart .*cold-brew-ratio/ }).click();
      await page
        .getByRole('img', { name: /Clicks per day — https:\/\/brew.example.com\/cold-brew/ })
        .waitFor();
      await page
        .getByRole('img', { name: /Position per day — https:\/\/brew.example.com\/cold-brew/ })
        .waitFor();
      // 18 + 9 clicks over the three days of the page.
      await page.getByText(/27 clicks, 390 impressions/).waitFor();

      await queries.getByRole('button', { name: 'Chart moka pot' }).click();
      await page.getByRole('img', { name: 'Clicks per day — moka pot' }).waitFor();
      await page.getByText(/6 clicks, 90 impressions, average position 12\.0/).waitFor();

      // The pointer rests where the last click was: away from the charts, so no hover tooltip is open.
      await page.mouse.move(0, 0);
      for (const viewport of [{ width: 1280, height: 800 }, PHONE]) {
        await page.setViewportSize(viewport);
        await page.waitForTimeout(200);
        const wide = await page.evaluate<string[]>(
          `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 5).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`,
        );
        expect(
          await overflow(),
          `horizontal overflow at ${viewport.width}px: ${wide.join(', ')}`,
        ).toBeLessThanOrEqual(0);
      }
      expect(PHONE.width).toBe(390);
      expect((await screenshots(page, 'search-console')).unnamed).toEqual([]);
      expect(consoleLog.errors).toEqual([]);
      expect(consoleLog.failed).toEqual([]);
    },
  );
});
