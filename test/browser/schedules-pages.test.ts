import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpReceiver } from '../helpers/loopback-receivers.js';
import { bootDashboard, haveChromium, type BootedDashboard } from './boot-dashboard.js';
import { screenshots, type ConsoleLog, type DashboardServer } from './browser-harness.js';

const EMAIL = 'sam@example.com';

describe.skipIf(!haveChromium)('schedules and notification channels pages in Chromium', () => {
  let d: BootedDashboard;
  let server: DashboardServer;
  let page: Page;
  let consoleLog: ConsoleLog;
  let hook: Awaited<ReturnType<typeof startHttpReceiver>>;

  beforeAll(async () => {
    d = await bootDashboard({ signUp: { name: 'Sam', company: 'Brew Media', email: EMAIL } });
    ({ server, page, consoleLog } = d);
    hook = await startHttpReceiver();
  }, 180_000);

  afterAll(async () => {
    await d?.close();
    await hook?.close();
  });

  const url = (p: string) => `${server.base}${p}`;

  it(
    'adds, pauses and refuses schedules; adds and tests a signed webhook channel',
    { timeout: 180_000 },
    async () => {
      const account = { accountId: d.accountId };
      await server.core.tenancy.addSite(account, { name: 'Brew Blog' });

      // Schedules: a preset with a credit cap, then pause it.
      await page.goto(url('/automation/schedules'));
      await page.getByRole('heading', { name: 'Schedules', level: 1 }).waitFor();
      await page.getByLabel('Name').fill('mornings');
      await page.getByLabel('Max credits per run').fill('500');
      await page.getByRole('button', { name: 'Add schedule' }).click();
      await page.getByRole('button', { name: 'mornings', exact: true }).waitFor();
      const [stored] = await server.core.schedules.list(account);
      expect(stored).toMatchObject({ name: 'mornings', cron: '0 6 * * 1-5', options: { maxCredits: 500 } });
      expect((await screenshots(page, 'automation-schedules')).unnamed).toEqual([]);
      await page.getByRole('button', { name: 'Pause mornings' }).click();
      await page.getByRole('button', { name: 'Resume mornings' }).waitFor();
      expect((await server.core.schedules.get(account, 'mornings')).status).toBe('paused');
      // A cadence that means nothing is refused with the reason, and nothing is stored.
      await page.getByLabel('When').selectOption('custom');
      await page.getByLabel('Cadence').fill('every tuesday');
      await page.getByLabel('Name').fill('bad');
      await page.getByRole('button', { name: 'Add schedule' }).click();
      await page
        .getByText(/every tuesday/)
        .first()
        .waitFor();
      expect(await server.core.schedules.list(account)).toHaveLength(1);
      // The refused request is the only error the browser logged (the 400 itself).
      // (Chromium may report it a moment after the page shows the message.)
      await expect.poll(() => consoleLog.errors.length).toBeGreaterThan(0);
      const refused = consoleLog.errors.splice(0);
      consoleLog.failed.splice(0);
      expect(refused.every((e) => e.includes('status of 400'))).toBe(true);

      // Channels: a webhook (its secret shown once), then a test message that arrives signed.
      await page.goto(url('/settings/notifications'));
      await page.getByLabel('Name').fill('team');
      await page.getByLabel('Webhook URL').fill(hook.url);
      await page.getByRole('button', { name: 'Add channel' }).click();
      await page.getByText('Copy the signing secret now').waitFor();
      const secret = (await page.locator('pre.secret').innerText()).trim();
      expect(secret).toMatch(/^whsec_/);
      await page.getByRole('button', { name: 'Test team' }).click();
      await page.getByText(/Test: sent/).waitFor();
      expect(hook.requests).toHaveLength(1);
      expect(hook.requests[0]!.headers['x-igny8-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
      // Reloaded, the page shows the origin only, never the secret.
      await page.reload();
      await page.getByRole('cell', { name: 'team', exact: true }).waitFor();
      expect(await page.content()).not.toContain(secret);
      expect((await screenshots(page, 'settings-notifications')).unnamed).toEqual([]);
      expect(consoleLog.errors).toEqual([]);
    },
  );
});
