import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshRow, seedWordPressDestination } from '../helpers/seed-refresh.js';
import { bootDashboard, haveChromium, type BootedDashboard } from './boot-dashboard.js';
import { PHONE, screenshots } from './browser-harness.js';

const EMAIL = 'rae@example.com';

describe.skipIf(!haveChromium)('refresh page in Chromium', () => {
  let d: BootedDashboard;

  beforeAll(async () => {
    d = await bootDashboard({ signUp: { name: 'Rae', company: 'Brew Media', email: EMAIL } });
  }, 240_000);

  afterAll(async () => d?.close());

  it(
    'reviews a refresh’s diff, approves it, shows results waiting for data, and fits a phone',
    { timeout: 180_000 },
    async () => {
      const { server, page, consoleLog, accountId, url } = d;
      const overflow = () =>
        page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      const site = await server.core.tenancy.addSite({ accountId }, { name: 'Brew Blog' });
      const db = server.core.db;
      const scope = { accountId, siteId: site.id };
      const now = new Date().toISOString();
      await seedWordPressDestination(db, scope, { id: 'dest-r' });
      const row = (id: string, status: 'review' | 'published', slug: string) =>
        refreshRow(scope, {
          id,
          destination_id: 'dest-r',
          url: `https://blog.test/${slug}/`,
          slug,
          status,
          options: JSON.stringify({ queries: ['cold brew concentrate'] }),
          live_title: `Cold brew ${slug}`,
          live_html: '<p>Cold brew is smooth.</p>',
          live_modified: now,
          live_hash: 'h',
          fetched_at: now,
          draft_title: `Cold brew ${slug}`,
          draft_html:
            '<p>Cold brew is smooth.</p>\n<h2>Cold brew concentrate</h2>\n<p>A concentrate is brewed stronger and diluted to taste.</p>',
          credits: 3,
          published_at: status === 'published' ? new Date(Date.now() - 5 * 86_400_000).toISOString() : null,
        });
      await db
        .insertInto('content_refreshes')
        .values([row('ref-review', 'review', 'at-home'), row('ref-live', 'published', 'guide')])
        .execute();
      const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
      await db
        .insertInto('search_console_rows')
        .values(
          [-8, -7, -3, -1].map((d) => ({
            account_id: accountId,
            site_id: site.id,
            date: day(d),
            page: 'https://blog.test/guide/',
            query: '',
            clicks: 4,
            impressions: 100,
            position: 11,
          })),
        )
        .execute();

      await page.goto(url('/'));
      await page.getByRole('navigation').getByRole('link', { name: 'Refresh' }).click();
      await page.waitForURL(/\/refresh$/);
      await page.getByRole('heading', { name: 'Refresh', level: 1 }).waitFor();
      await page
        .getByRole('row', { name: /Cold brew at-home/ })
        .getByRole('button', { name: 'Review' })
        .click();
      const diff = page.getByLabel('Diff against the live version');
      await diff.locator('ins', { hasText: 'Cold brew concentrate' }).waitFor();
      // The live page was 5 days ago with data up to yesterday: 4 of 28 days after are in.
      await page.getByText('waiting: 4 of 28 days').waitFor();

      for (const viewport of [{ width: 1280, height: 800 }, PHONE]) {
        await page.setViewportSize(viewport);
        expect(await overflow(), `horizontal overflow at ${viewport.width}px`).toBeLessThanOrEqual(0);
      }
      expect((await screenshots(page, 'refresh')).unnamed).toEqual([]);

      await page.getByRole('button', { name: 'Approve' }).click();
      await page.getByRole('button', { name: 'Publish in place' }).waitFor();
      const stored = await db
        .selectFrom('content_refreshes')
        .select('status')
        .where('id', '=', 'ref-review')
        .executeTakeFirstOrThrow();
      expect(stored.status).toBe('approved');
      expect(consoleLog.errors).toEqual([]);
      expect(consoleLog.failed).toEqual([]);
    },
  );
});
