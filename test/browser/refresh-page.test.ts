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

const EMAIL = 'rae@example.com';
const PASSWORD = 'a long enough password';

describe.skipIf(!fs.existsSync(CHROMIUM))('refresh page in Chromium', () => {
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
    'reviews a refresh’s diff, approves it, shows results waiting for data, and fits a phone',
    { timeout: 180_000 },
    async () => {
      await page.goto(url('/register'));
      await page.getByLabel('Your name').fill('Rae');
      await page.getByLabel('Team or company').fill('Brew Media');
      await page.getByLabel('Email').fill(EMAIL);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL(/\/onboarding/);
      const user = await server.core.tenancy.findUserByEmail(EMAIL);
      const accountId = user!.accountId;
      const site = await server.core.tenancy.addSite({ accountId }, { name: 'Brew Blog' });
      const db = server.core.db;
      const now = new Date().toISOString();
      await db
        .insertInto('publish_destinations')
        .values({
          id: 'dest-r',
          account_id: accountId,
          site_id: site.id,
          kind: 'wordpress',
          name: 'blog',
          config: '{}',
          secret_enc: null,
          status: 'active',
          created_at: now,
          updated_at: now,
        })
        .execute();
      const row = (id: string, status: 'review' | 'published', slug: string) => ({
        id,
        account_id: accountId,
        site_id: site.id,
        destination_id: 'dest-r',
        inventory_id: null,
        content_id: null,
        remote_id: id,
        url: `https://blog.test/${slug}/`,
        slug,
        status,
        options: JSON.stringify({ queries: ['cold brew concentrate'] }),
        run_id: null,
        live_title: `Cold brew ${slug}`,
        live_html: '<p>Cold brew is smooth.</p>',
        live_modified: now,
        live_hash: 'h',
        fetched_at: now,
        draft_title: `Cold brew ${slug}`,
        draft_html:
          '<p>Cold brew is smooth.</p>\n<h2>Cold brew concentrate</h2>\n<p>A concentrate is brewed stronger and diluted to taste.</p>',
        notes: '{}',
        credits: 3,
        publish_intent: null,
        publish_attempts: 0,
        published_at: status === 'published' ? new Date(Date.now() - 5 * 86_400_000).toISOString() : null,
        published_modified: null,
        approved_at: null,
        error: null,
        error_code: null,
        created_at: now,
        updated_at: now,
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
