import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootDashboard, haveChromium, MAIN_PAGES, PASSWORD, type BootedDashboard } from './boot-dashboard.js';
import type { DashboardServer } from './browser-harness.js';

const EMAIL = 'tabs@example.com';
const PAGES = MAIN_PAGES;

/** Sessions as people use them (issue 13): tabs opened together, a minute of brisk browsing. */
describe.skipIf(!haveChromium)('sessions in Chromium, with the default rate limits', () => {
  let d: BootedDashboard;
  let server: DashboardServer;
  let context: BrowserContext;
  const statuses: Array<{ url: string; status: number }> = [];

  beforeAll(async () => {
    // The limits `igny8 serve` starts with: normal use must never meet them.
    d = await bootDashboard({ rateLimits: 'defaults' });
    ({ server, context } = d);
    const owner = await server.core.tenancy.registerOwner({
      accountName: 'Tabs',
      email: EMAIL,
      password: PASSWORD,
    });
    await server.core.tenancy.addSite({ accountId: owner.accountId }, { name: 'Tab Blog' });
    context.on('response', (res) => {
      if (res.url().includes('/api/v1/')) statuses.push({ url: res.url(), status: res.status() });
    });
  }, 180_000);

  afterAll(async () => d?.close());

  const url = (p: string) => `${server.base}${p}`;
  const signedIn = async (page: Page) => {
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 20_000 });
    return !new URL(page.url()).pathname.startsWith('/login');
  };

  it('five tabs opened at once are all signed in, and stay signed in after reloading together', async () => {
    const first = context.pages()[0] ?? (await context.newPage());
    await first.goto(url('/login'));
    await first.getByLabel('Email').fill(EMAIL);
    await first.getByLabel('Password').fill(PASSWORD);
    await first.getByRole('button', { name: 'Sign in' }).click();
    await first.getByRole('navigation', { name: 'Main' }).waitFor();
    // The refresh token is out of reach of page scripts.
    expect(await first.evaluate<string>('JSON.stringify(localStorage)')).not.toContain('igr_');
    expect(await first.evaluate<string>('document.cookie')).not.toContain('igny8_refresh');

    // Five tabs, each refreshing the same cookie at the same moment.
    const tabs = await Promise.all(Array.from({ length: 5 }, () => context.newPage()));
    await Promise.all(tabs.map((t, i) => t.goto(url(PAGES[i + 1]!))));
    expect(await Promise.all(tabs.map(signedIn))).toEqual([true, true, true, true, true]);
    // And again, all at once: the cookie each of them got is still good.
    await Promise.all(tabs.map((t) => t.reload()));
    expect(await Promise.all(tabs.map(signedIn))).toEqual([true, true, true, true, true]);
    await first.reload();
    expect(await signedIn(first)).toBe(true);
    const refreshes = statuses.filter((s) => s.url.endsWith('/auth/refresh'));
    expect(refreshes.length).toBeGreaterThanOrEqual(10);
    expect(refreshes.filter((s) => s.status !== 200)).toEqual([]);
    for (const t of tabs) await t.close();
  }, 120_000);

  it('60 page loads in a minute meet no 429 and no sign-out', async () => {
    const page = context.pages()[0]!;
    statuses.length = 0;
    for (let i = 0; i < 60; i++) {
      await page.goto(url(PAGES[i % PAGES.length]!));
      expect(await signedIn(page), `load ${i + 1}: ${page.url()}`).toBe(true);
    }
    expect(statuses.length).toBeGreaterThan(120);
    expect(statuses.filter((s) => s.status === 429)).toEqual([]);
    expect(statuses.filter((s) => s.status === 401)).toEqual([]);
  }, 180_000);
});
