import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedArticle } from '../helpers/seed-content.js';
import { bootDashboard, haveChromium, type BootedDashboard } from './boot-dashboard.js';
import { PHONE, screenshots } from './browser-harness.js';

const AI_HTML =
  "<p>In today's fast-paced world, cold brew coffee is a game-changer. Moreover, it is cheap.</p>" +
  '<h2>Steep</h2><p>Steep the grounds for 12 hours in the fridge, then filter them twice.</p>';

/** Issue 18's dashboard pages: voice guide, languages, a task's prompt override, the de-AI pass. */
describe.skipIf(!haveChromium)('voice, language, task prompt and optimizer pages in Chromium', () => {
  let d: BootedDashboard;
  let page: Page;
  let scope: { accountId: string; siteId: string; sectorId: string };
  let contentId: string;
  let taskId: string;

  beforeAll(async () => {
    d = await bootDashboard({ signUp: { name: 'Vera', company: 'Brew Media', email: 'vera@example.com' } });
    page = d.page;
    const core = d.server.core;
    const site = await core.tenancy.addSite({ accountId: d.accountId }, { name: 'Brew Blog' });
    const sector = await core.tenancy.addSector({ accountId: d.accountId }, site.id, { name: 'Espresso' });
    scope = { accountId: d.accountId, siteId: site.id, sectorId: sector.id };
    contentId = await seedArticle(core.db, { ...scope, planId: 'free' }, 1, 'review');
    await core.db.updateTable('contents').set({ html: AI_HTML }).where('id', '=', contentId).execute();
    const row = await core.db
      .selectFrom('contents')
      .select('task_id')
      .where('id', '=', contentId)
      .executeTakeFirstOrThrow();
    taskId = row.task_id!;
  }, 240_000);

  afterAll(async () => d?.close());

  /** Console errors of the step, less the refusals the step expects (each a 400 the page explains). */
  const expectConsole = (expected400s: number) => {
    const errors = d.consoleLog.errors.splice(0);
    d.consoleLog.failed.splice(0);
    expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    expect(errors.length).toBeLessThanOrEqual(expected400s);
  };
  afterEach(() => {
    if (!d) return;
    // Emptied here too, so one step's failure does not fail the next step's console check.
    const errors = d.consoleLog.errors.splice(0);
    d.consoleLog.failed.splice(0);
    expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
  });

  /** At 390 px nothing scrolls sideways and every control has a name. */
  const fitsPhone = async (name: string) => {
    await page.setViewportSize(PHONE);
    expect(await d.overflow(), `${name}: horizontal overflow at 390 px`).toBeLessThanOrEqual(0);
    expect((await screenshots(page, name)).unnamed).toEqual([]);
  };

  it('edits, refuses and clears the site voice guide in site settings', { timeout: 120_000 }, async () => {
    await page.goto(d.url('/settings/sites'));
    const voice = page.getByRole('form', { name: 'Voice and style guide' });
    await voice.getByLabel('Tone').fill('warm, expert, no hype');
    await voice.getByLabel('Person').selectOption('second');
    await voice.getByLabel('Banned phrases').fill('game-changer\nsynergy');
    await voice.getByLabel('Preferred terms').fill('refrigerator: fridge, icebox');
    await voice.getByRole('button', { name: 'Save voice guide' }).click();
    await page.getByText('Voice guide saved').waitFor();
    const stored = await d.server.core.siteVoice.show(scope, scope.siteId);
    expect(stored.guide).toMatchObject({
      tone: 'warm, expert, no hype',
      person: 'second',
      bannedPhrases: ['game-changer', 'synergy'],
      preferredTerms: [{ term: 'refrigerator', insteadOf: ['fridge', 'icebox'] }],
    });
    // What the writing prompts get is on the page.
    await voice.getByText('What the writing prompts get').click();
    await voice
      .getByText(/game-changer/)
      .first()
      .waitFor();

    // A reading level out of range is named on its field; nothing stored changes.
    await voice.getByLabel('Reading level').fill('40');
    await voice.getByRole('button', { name: 'Save voice guide' }).click();
    await voice.locator('.field-error').first().waitFor();
    expect(await voice.getByLabel('Reading level').getAttribute('aria-invalid')).toBe('true');
    expect((await d.server.core.siteVoice.show(scope, scope.siteId)).guide?.readingLevel).toBeUndefined();
    await voice.getByLabel('Reading level').fill('8');
    await voice.getByRole('button', { name: 'Save voice guide' }).click();
    await expect
      .poll(async () => (await d.server.core.siteVoice.show(scope, scope.siteId)).guide?.readingLevel)
      .toBe(8);
    await fitsPhone('settings-sites-voice');
    expectConsole(1);
  });

  it(
    'sets the site language and a sector language, refuses a bad tag, and lets the sector inherit again',
    {
      timeout: 120_000,
    },
    async () => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(d.url('/settings/sites'));
      await page.getByLabel('Brew Blog language').fill('DE');
      await page.getByRole('button', { name: 'Save Brew Blog language' }).click();
      await expect
        .poll(async () => (await d.server.core.tenancy.getSite(scope, scope.siteId)).language)
        .toBe('de');

      const sectorLanguage = page.getByLabel('Espresso language');
      await sectorLanguage.fill('not a tag!');
      await page.getByRole('button', { name: 'Save Espresso language' }).click();
      await page.getByText('expected a BCP 47 tag').first().waitFor();
      // The list's refetch after this save is slow (as on a busy server): a person who blanks the
      // field at once must still be able to save, and what they typed must not be overwritten.
      const sectorList = /\/sites\/[^/]+\/sectors(\?|$)/;
      let slowed = 0;
      await page.route(sectorList, async (route) => {
        if (route.request().method() === 'GET') {
          slowed++;
          await new Promise((r) => setTimeout(r, 1_500));
        }
        // Unrouting while one waits lets Playwright continue it first.
        await route.continue().catch(() => undefined);
      });
      await sectorLanguage.fill('ja');
      await page.getByRole('button', { name: 'Save Espresso language' }).click();
      const sectorLang = async () =>
        (await d.server.core.tenancy.getSector(scope, scope.siteId, scope.sectorId)).language;
      await expect.poll(sectorLang).toBe('ja');
      // Blank: the sector inherits the site's language again.
      await sectorLanguage.fill('');
      await page.getByRole('button', { name: 'Save Espresso language' }).click({ timeout: 1_000 });
      await expect.poll(sectorLang).toBeNull();
      await page.unroute(sectorList);
      expect(slowed).toBeGreaterThan(0);
      await expect.poll(() => sectorLanguage.inputValue()).toBe('');
      await fitsPhone('settings-sites-language');
      expectConsole(1);
    },
  );

  it(
    "overrides a task's prompt on its own page: missing variables shown on the field, then a valid one, then cleared",
    {
      timeout: 120_000,
    },
    async () => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(d.url('/writer/tasks'));
      await page.getByRole('link', { name: 'Prompt of Idea 1' }).click();
      await page.waitForURL(/\/writer\/tasks\/[^/]+$/);
      const template = page.getByLabel('Writing prompt template');
      const original = await template.inputValue();
      expect(original).toContain('{{input_json}}');

      await template.fill('Write about {{title}}.');
      await page.getByRole('button', { name: 'Save task override' }).click();
      const error = page.locator('.field-error');
      await error.waitFor();
      for (const name of ['{{focus_keyword}}', '{{target_words}}', '{{input_json}}'])
        expect(await error.innerText()).toContain(name);
      expect(await template.getAttribute('aria-invalid')).toBe('true');
      expect((await d.server.core.tasks.prompt.show(scope, taskId)).source).not.toBe('task');

      const body = 'Own prompt: {{title}} {{focus_keyword}} {{target_words}}\n{{input_json}}';
      await template.fill(body);
      await page.getByRole('button', { name: 'Save task override' }).click();
      await page.getByText('Prompt override saved for this task').waitFor();
      expect(await d.server.core.tasks.prompt.show(scope, taskId)).toMatchObject({ source: 'task', body });
      await fitsPhone('writer-task-prompt');

      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByRole('button', { name: 'Clear task override' }).click();
      await page.getByText('Task prompt override removed').waitFor();
      expect((await d.server.core.tasks.prompt.show(scope, taskId)).source).not.toBe('task');
      expectConsole(1);
    },
  );

  it(
    'previews and saves the de-AI pass on the article view, with a word diff that fits a phone',
    {
      timeout: 120_000,
    },
    async () => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(d.url(`/writer/content/${contentId}`));
      const card = page.getByRole('region', { name: 'De-AI pass' });
      await card.getByText('Not optimized yet.').waitFor();
      const html = async () => (await d.server.core.content.get(scope, contentId)).html;

      await card.getByRole('button', { name: 'Preview changes' }).click();
      const preview = card.getByRole('group', { name: 'Changes of this pass' });
      await preview.waitFor();
      expect(await preview.locator('del').allInnerTexts()).toEqual(
        expect.arrayContaining([expect.stringMatching(/game-changer/)]),
      );
      expect(await preview.locator('ins').count()).toBeGreaterThan(0);
      await card.getByText('Preview (not saved)').waitFor();
      expect(await html()).toBe(AI_HTML);

      await card.getByRole('button', { name: 'Optimize' }).click();
      await page.getByText('Optimized', { exact: true }).waitFor();
      await expect.poll(html).not.toMatch(/game-changer|fast-paced/);
      // The voice guide's preferred term replaced "fridge".
      expect(await html()).toContain('refrigerator');

      // Reloaded, the last pass's diff comes from GET …/optimize/diff.
      await page.reload();
      await card.getByText(/Changes of the last pass/).click();
      const last = card.getByRole('group', { name: 'Changes of the last pass' });
      expect(await last.locator('del').allInnerTexts()).toEqual(
        expect.arrayContaining([expect.stringMatching(/game-changer/)]),
      );
      await fitsPhone('writer-optimize-diff');
      expectConsole(0);
    },
  );

  it('clears the voice guide', { timeout: 60_000 }, async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(d.url('/settings/sites'));
    await page.getByRole('button', { name: 'Clear voice guide' }).click();
    await page.getByText('Voice guide removed').waitFor();
    expect((await d.server.core.siteVoice.show(scope, scope.siteId)).guide).toBeNull();
    await expect.poll(() => page.getByLabel('Tone').inputValue()).toBe('');
    expectConsole(0);
  });
});
