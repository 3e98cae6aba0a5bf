import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootDashboard, haveChromium, type BootedDashboard } from './boot-dashboard.js';
import { PHONE, screenshots } from './browser-harness.js';

const EMAIL = 'rena@example.com';
const H = 'https://brew-blog.example';
// A long path, to prove a phone wraps it rather than scrolling sideways.
const LONG = `${H}/the-complete-and-rather-long-guide-to-choosing-a-conical-burr-coffee-grinder-for-home-espresso/`;

describe.skipIf(!haveChromium)('refresh candidates page in Chromium', () => {
  let d: BootedDashboard;

  beforeAll(async () => {
    d = await bootDashboard({ signUp: { name: 'Rena', company: 'Brew Media', email: EMAIL } });
  }, 240_000);

  afterAll(async () => d?.close());

  it(
    'lists ranked candidates with their reasons, filters by kind, opens a merge plan, and fits a phone',
    { timeout: 180_000 },
    async () => {
      const { server, page, consoleLog, accountId, url } = d;
      const overflow = () =>
        page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      const site = await server.core.tenancy.addSite({ accountId }, { name: 'Brew Blog' });

      await page.goto(url('/'));
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Refresh', exact: true })
        .click();
      await page.waitForURL(/\/refresh$/);
      // The Refresh page (refreshes under review) links to the candidates.
      await page.getByRole('link', { name: 'Candidates', exact: true }).click();
      await page.waitForURL(/\/refresh\/candidates$/);
      await page.getByRole('heading', { name: 'Refresh candidates', level: 1 }).waitFor();
      await page.getByText('No Search Console data for this site yet').waitFor();

      const row = (
        date: string,
        p: string,
        query: string,
        clicks: number,
        impressions: number,
        position: number,
      ) => ({
        account_id: accountId,
        site_id: site.id,
        date,
        page: p,
        query,
        clicks,
        impressions,
        position,
      });
      await server.core.db
        .insertInto('search_console_rows')
        .values([
          row('2026-02-10', LONG, '', 200, 4000, 4),
          row('2026-03-10', LONG, '', 80, 3900, 4),
          row('2026-03-10', LONG, 'coffee grinder', 40, 1000, 6),
          row('2026-03-10', `${H}/b/`, 'coffee grinder', 10, 600, 5),
        ])
        .execute();
      await page.reload();
      const list = page.getByRole('list', { name: 'Refresh candidates' });
      await list.getByText('Clicks fell 60% (200 → 80, −120)').waitFor();
      expect(await list.getByRole('listitem').count()).toBe(2);
      await page.getByLabel('Kind').selectOption('cannibal');
      await list.getByText('2 pages split the 1,600 impressions for "coffee grinder"').waitFor();
      await expect.poll(() => list.getByRole('listitem').count()).toBe(1);

      for (const viewport of [{ width: 1280, height: 800 }, PHONE]) {
        await page.setViewportSize(viewport);
        expect(await overflow(), `horizontal overflow at ${viewport.width}px`).toBeLessThanOrEqual(0);
      }
      expect((await screenshots(page, 'refresh-candidates')).unnamed).toEqual([]);

      await page.getByRole('link', { name: 'Merge plan for “coffee grinder”' }).click();
      await page.waitForURL(/\/refresh\/merge-plan\?query=coffee/);
      await page.getByText(`${LONG} is kept: it has the most clicks (40 against 10`).waitFor();
      await page.getByRole('list', { name: 'Redirects' }).getByText('/b/').waitFor();
      await page.setViewportSize(PHONE);
      expect(await overflow(), 'horizontal overflow of the merge plan at 390px').toBeLessThanOrEqual(0);
      expect((await screenshots(page, 'refresh-merge-plan')).unnamed).toEqual([]);
      expect(consoleLog.errors).toEqual([]);
      expect(consoleLog.failed).toEqual([]);
    },
  );
});
