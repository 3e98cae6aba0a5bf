import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPublishingSettings } from '../../src/publishing/index.js';
import { seedArticle } from '../helpers/seed-content.js';
import { bootDashboard, haveChromium, type BootedDashboard } from './boot-dashboard.js';

/** The dashboard's query cache serves data younger than this without a refetch (ui/src/api/queries.ts). */
const STALE_MS = 10_000;

/**
 * A team on one article, each in a tab: what a person types is never lost to a refetch, and a save
 * never silently overwrites a teammate's — it is refused, the draft stays, and the page offers the
 * teammate's version.
 */
describe.skipIf(!haveChromium)('two tabs editing one article', () => {
  let d: BootedDashboard;
  let contentId: string;
  let scope: { accountId: string; siteId: string; sectorId: string };

  beforeAll(async () => {
    d = await bootDashboard({ signUp: { name: 'Tess', company: 'Two Tabs', email: 'tess@example.com' } });
    const core = d.server.core;
    const site = await core.tenancy.addSite({ accountId: d.accountId }, { name: 'Brew Blog' });
    const sector = await core.tenancy.addSector({ accountId: d.accountId }, site.id, { name: 'Espresso' });
    scope = { accountId: d.accountId, siteId: site.id, sectorId: sector.id };
    contentId = await seedArticle(core.db, { ...scope, planId: 'free' }, 1, 'review');
  }, 240_000);

  afterAll(async () => d?.close());

  const stored = () => d.server.core.content.get(scope, contentId);
  const editor = (tab: Page) => tab.getByRole('form', { name: 'Edit article' });
  const save = (form: Locator) => form.getByRole('button', { name: 'Save', exact: true }).click();
  /** Resolves when this tab's next GET of the article has been answered. */
  const nextFetch = (tab: Page) =>
    tab.waitForResponse(
      (r) => r.request().method() === 'GET' && r.url().endsWith(`/api/v1/content/${contentId}`),
    );

  it(
    "a stale save is refused with the draft kept; a refetch while typing keeps the typing and takes the teammate's other fields",
    { timeout: 90_000 },
    async () => {
      const a = d.page;
      const b = await d.context.newPage();
      b.setDefaultTimeout(20_000);
      const url = d.url(`/writer/content/${contentId}`);
      await a.goto(url);
      await b.goto(url);
      const formA = editor(a);
      const formB = editor(b);
      await formA.getByLabel('Title', { exact: true }).waitFor();
      await formB.getByLabel('Title', { exact: true }).waitFor();

      // B starts typing a title; A saves another one first.
      await formB.getByLabel('Title', { exact: true }).fill('Cold brew, as B wrote it');
      await formA.getByLabel('Title', { exact: true }).fill('Cold brew, as A wrote it');
      await save(formA);
      await expect.poll(async () => (await stored()).title).toBe('Cold brew, as A wrote it');

      // B saves: refused, told why, draft intact, A's title still stored.
      await save(formB);
      const notice = formB.getByRole('alert').filter({ hasText: 'Your draft is kept' });
      await notice.getByText(/Not saved: someone else saved this since you started editing/).waitFor();
      // The refetch that follows names the field both changed.
      await notice.getByText('(Title)', { exact: false }).waitFor();
      expect(await formB.getByLabel('Title', { exact: true }).inputValue()).toBe('Cold brew, as B wrote it');
      expect((await stored()).title).toBe('Cold brew, as A wrote it');

      // B loads A's version: the notice goes, the field shows A's title.
      await notice.getByRole('button', { name: 'Load their version' }).click();
      await expect
        .poll(() => formB.getByLabel('Title', { exact: true }).inputValue())
        .toBe('Cold brew, as A wrote it');
      await notice.waitFor({ state: 'detached' });
      const loadedAt = Date.now();

      // B types an excerpt; A saves its own excerpt and a focus keyword B never touched.
      await formB.getByLabel('Excerpt').fill('B: steep it overnight');
      await formA.getByLabel('Excerpt').fill('A: steep it for 12 hours');
      await formA.getByLabel('Focus keyword').fill('cold brew ratio');
      await save(formA);
      await expect.poll(async () => (await stored()).focusKeyword).toBe('cold brew ratio');

      // B's tab comes back into focus once its copy is stale: the refetch lands while B is typing.
      await b.waitForTimeout(Math.max(0, loadedAt + STALE_MS + 500 - Date.now()));
      const refetched = nextFetch(b);
      await b.bringToFront();
      await b.evaluate(`document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))`);
      await refetched;
      await expect.poll(() => formB.getByLabel('Focus keyword').inputValue()).toBe('cold brew ratio');
      expect(await formB.getByLabel('Excerpt').inputValue()).toBe('B: steep it overnight');
      await formB.getByLabel('Excerpt').press('End');
      await formB.getByLabel('Excerpt').pressSequentially(', then filter');
      await notice.getByText(/Changed by someone else since you started editing \(Excerpt\)/).waitFor();

      // B keeps its excerpt knowingly: saved over A's, A's focus keyword stays.
      await notice.getByRole('button', { name: 'Save mine over theirs' }).click();
      await expect.poll(async () => (await stored()).excerpt).toBe('B: steep it overnight, then filter');
      expect(await stored()).toMatchObject({
        title: 'Cold brew, as A wrote it',
        focusKeyword: 'cold brew ratio',
      });
      await notice.waitFor({ state: 'detached' });

      const errors = d.consoleLog.errors.splice(0);
      expect(errors.filter((e) => !e.includes('status of 409'))).toEqual([]);
      expect(errors.length).toBe(1);
      await b.close();
    },
  );

  it(
    "the publishing schedule: a slow refetch after a save neither holds Save nor wipes what is typed meanwhile; a teammate's change lands in untouched fields",
    { timeout: 60_000 },
    async () => {
      const a = d.page;
      const b = await d.context.newPage();
      b.setDefaultTimeout(20_000);
      await a.goto(d.url('/settings/publishing'));
      await b.goto(d.url('/settings/publishing'));
      const field = (tab: Page, label: string) => tab.getByLabel(label, { exact: true });
      await field(b, 'Posts per day at most').waitFor();
      const limits = async () => (await getPublishingSettings(d.server.core.db, scope)).publishing.limits;
      // A teammate raises the monthly limit.
      await field(a, 'Posts per month at most').fill('99');
      await a.getByRole('button', { name: 'Save schedule' }).click();
      await a.getByText('Publishing schedule saved', { exact: true }).waitFor();

      // B's refetches are slow, as on a busy server.
      const schedule = new RegExp(`/api/v1/sites/${scope.siteId}/publishing$`);
      let slowed = 0;
      await b.route(schedule, async (route) => {
        if (route.request().method() === 'GET') {
          slowed++;
          await new Promise((r) => setTimeout(r, 2_000));
        }
        await route.continue().catch(() => undefined);
      });
      await field(b, 'Posts per day at most').fill('7');
      const save = b.getByRole('button', { name: 'Save schedule' });
      await save.click();
      await b.getByText('Publishing schedule saved', { exact: true }).waitFor();
      // B goes on typing while the refetch is under way, and can save again at once.
      const refetched = b.waitForResponse((r) => schedule.test(r.url()) && r.request().method() === 'GET');
      // Awaited below; this only keeps a failure before that from also reporting an unhandled rejection.
      refetched.catch(() => undefined);
      await field(b, 'Posts per week at most').fill('33');
      await expect.poll(() => save.isEnabled(), { timeout: 1_000 }).toBe(true);
      await refetched;
      expect(slowed).toBeGreaterThan(0);
      expect(await field(b, 'Posts per week at most').inputValue()).toBe('33');
      expect(await field(b, 'Posts per day at most').inputValue()).toBe('7');
      expect(await field(b, 'Posts per month at most').inputValue()).toBe('99');
      await save.click();
      await expect.poll(limits).toMatchObject({
        daily: 7,
        weekly: 33,
        monthly: 99,
      });
      await b.unroute(schedule);
      expect(d.consoleLog.errors.splice(0)).toEqual([]);
      await b.close();
    },
  );
});
