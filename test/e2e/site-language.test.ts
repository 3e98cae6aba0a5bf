import { describe, expect, it } from 'vitest';
import { headings, htmlToText } from '../../src/writer/html-text.js';
import { countWords } from '../../src/writer/html-text.js';
import { createAiKit, insertKeywords, type AiKit } from '../ai/ai-kit.js';
import { DIALECTS } from '../helpers/test-db.js';

const GERMAN = new Set(['der', 'die', 'das', 'und', 'ist', 'mit', 'für', 'sie', 'nicht', 'bei', 'wie', 'zu']);
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

async function writeAll(kit: AiKit, keywords: Array<[string, number]>) {
  await insertKeywords(kit, keywords);
  const site = { accountId: kit.scope.accountId, siteId: kit.scope.siteId };
  const run = await kit.core.automation.start(site, {
    options: { stages: [1, 2, 3, 4, 5], maxItemsPerStage: 3, concurrency: 2 },
  });
  expect(run.status).toBe('completed');
  expect(run.results['4']?.failed ?? 0).toBe(0);
  const list = await kit.core.content.list(site, { limit: 50 });
  expect(list.items.length).toBeGreaterThan(0);
  return Promise.all(list.items.map((i) => kit.core.content.get(site, i.id)));
}

describe.each(DIALECTS)('content in the site language on the sandbox on %s', (dialect) => {
  it('a German site gets German headings, prose, meta and umlaut-spelled slugs', async () => {
    const kit = await createAiKit(dialect, { credits: 100_000 });
    try {
      const updated = await kit.core.tenancy.updateSite(kit.scope, kit.scope.siteId, { language: 'de' });
      expect(updated.language).toBe('de');
      const articles = await writeAll(kit, [
        ['kaffee brühen', 5400],
        ['kaffee brühen anleitung', 880],
        ['kaffee brühen ohne maschine', 590],
        ['kaffee brühen temperatur', 320],
      ]);
      for (const c of articles) {
        const hs = headings(c.html).filter((h) => h.level === 2);
        expect(hs.length).toBeGreaterThanOrEqual(6);
        // German function words in the headings and the body.
        const headingWords = hs.flatMap((h) => h.text.toLowerCase().split(/[^\p{L}]+/u));
        expect(headingWords.filter((w) => GERMAN.has(w)).length).toBeGreaterThanOrEqual(3);
        const words = htmlToText(c.html)
          .toLowerCase()
          .split(/[^\p{L}]+/u);
        expect(words.filter((w) => GERMAN.has(w)).length / words.length).toBeGreaterThan(0.05);
        expect(words).not.toContain('the');
        // The slug spells the umlaut out ("brühen" → "bruehen") and stays ASCII.
        expect(c.slug).toMatch(/^[a-z0-9-]+$/);
        expect(c.slug).toContain('kaffee-bruehen');
        expect(c.metaDescription).toMatch(/ und | mit | für /);
        expect(c.images!.length).toBeGreaterThan(0);
        for (const img of c.images!) expect(img.alt).toMatch(/ bei | eine /);
        const seo = c.seoReport!;
        expect(seo.checks.find((x) => x.id === 'readability')?.detail).toMatch(/^skipped: .* de$/);
        expect(seo.checks.find((x) => x.id === 'slug')?.passed).toBe(true);
      }
    } finally {
      await kit.close();
    }
  }, 300_000);

  it('a Japanese sector of an English site gets Japanese headings, Unicode slugs and segmented word counts', async () => {
    const kit = await createAiKit(dialect, { credits: 100_000 });
    try {
      const sector = await kit.core.tenancy.updateSector(kit.scope, kit.scope.siteId, kit.scope.sectorId, {
        language: 'ja',
      });
      expect(sector.language).toBe('ja');
      expect((await kit.core.tenancy.getSite(kit.scope, kit.scope.siteId)).language).toBe('en');
      const articles = await writeAll(kit, [
        ['コーヒー 淹れ方', 9900],
        ['コーヒー 淹れ方 初心者', 1300],
        ['コーヒー 淹れ方 ハンドドリップ', 720],
      ]);
      for (const c of articles) {
        const hs = headings(c.html).filter((h) => h.level === 2);
        expect(hs.length).toBeGreaterThanOrEqual(6);
        for (const h of hs) expect(h.text).toMatch(JAPANESE);
        expect(c.title).toMatch(JAPANESE);
        expect(c.metaTitle).toMatch(JAPANESE);
        expect(c.images!.length).toBeGreaterThan(0);
        for (const img of c.images!) expect(img.alt).toMatch(JAPANESE);
        // A Unicode slug WordPress stores percent-encoded: Japanese letters and hyphens only.
        expect(c.slug).toMatch(JAPANESE);
        expect(c.slug).toMatch(/^[\p{L}\p{N}-]+$/u);
        expect(encodeURIComponent(c.slug).length).toBeLessThanOrEqual(200);
        // Words are segmented: a Japanese article of ~1,000+ words, not one "word" per clause.
        const text = htmlToText(c.html);
        const naive = (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
        expect(c.wordCount).toBe(countWords(text, 'ja'));
        expect(c.wordCount).toBeGreaterThan(naive * 3);
        expect(c.wordCount).toBeGreaterThan(500);
        expect(c.wordCount).toBeLessThan(text.length);
        expect(c.seoReport!.wordCount).toBe(c.wordCount);
        expect(c.seoReport!.checks.find((x) => x.id === 'readability')?.detail).toMatch(/skipped/);
      }
    } finally {
      await kit.close();
    }
  }, 300_000);
});
