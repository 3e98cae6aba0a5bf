import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/index.js';
import { createCore } from '../../src/core.js';
import { createWordPressDestination, type PublishJob } from '../../src/publishing/index.js';
import {
  renderArticle,
  structuredData,
  withTableOfContents,
  type ContentView,
} from '../../src/writer/index.js';
import { seedArticle } from '../helpers/seed-content.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';
import { fakeWordPress, json, post, type FakeCall } from '../wordpress/fake-wordpress.js';
import { ArticleLd, FaqLd, HowToLd, LdItem, ldOf } from './schema-org-shapes.js';

const HOW_TO = [
  '<p>Cold brew takes a night and no skill.</p>',
  '<h2>What You Need Before You Start</h2><ul><li>Coarse coffee</li><li>A jar</li></ul>',
  '<h2>Step 1: Grind the Beans</h2><p>Grind coarse, like sea salt.</p>',
  '<h2>Step 2: Steep Overnight</h2><p>Cover and leave it 12 to 18 hours.</p>',
  '<h2>Step 3: Strain and Serve</h2><p>Strain twice and dilute 1:1.</p>',
  '<h2>Frequently Asked Questions</h2>',
  '<h3>How long does cold brew keep?</h3><p>About two weeks in the fridge.</p>',
  '<h3>Can I use fine coffee?</h3><p>It turns muddy; use coarse.</p>',
].join('');

function article(extra: Partial<ContentView> = {}): ContentView {
  return {
    id: 'c1',
    siteId: 's1',
    sectorId: 'x1',
    taskId: null,
    ideaId: null,
    clusterId: null,
    title: 'How to Make Cold Brew at Home',
    slug: 'cold-brew',
    html: HOW_TO,
    excerpt: 'Cold brew in three steps.',
    metaTitle: 'Cold brew at home',
    metaDescription: 'Make smooth cold brew at home in three steps with coarse coffee and a jar.',
    focusKeyword: 'cold brew',
    keywords: ['cold brew', 'iced coffee'],
    wordCount: 60,
    seoScore: 80,
    seoReport: null,
    linkSuggestions: null,
    provenance: { structure: 'how-to' },
    status: 'approved',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    images: [],
    ...extra,
  };
}

const SITE = { name: 'Coffee Blog', url: 'https://coffee.test', toc: true };

describe('structured data', () => {
  it('builds Article, FAQPage and HowTo that match the schema.org shapes', () => {
    const items = structuredData(article(), { site: SITE, datePublished: '2026-01-03T09:00:00.000Z' });
    const parsed = items.map((i) => LdItem.parse(i));
    expect(parsed.map((p) => p['@type'])).toEqual(['Article', 'FAQPage', 'HowTo']);
    const faq = FaqLd.parse(items[1]);
    expect(faq.mainEntity.map((q) => q.name)).toEqual([
      'How long does cold brew keep?',
      'Can I use fine coffee?',
    ]);
    expect(faq.mainEntity[0]!.acceptedAnswer.text).toBe('About two weeks in the fridge.');
    const howTo = HowToLd.parse(items[2]);
    expect(howTo.step.map((s) => s.name)).toEqual(['Grind the Beans', 'Steep Overnight', 'Strain and Serve']);
    expect(ArticleLd.parse(items[0]).author.name).toBe('Coffee Blog');
  });

  it('adds no FAQPage without a FAQ, no HowTo for other structures, and refuses a broken shape', () => {
    const guide = article({
      html: '<p>Intro</p><h2>Beans</h2><p>Pick.</p>',
      provenance: { structure: 'guide' },
    });
    const items = structuredData(guide, { site: SITE, datePublished: '2026-01-03T09:00:00.000Z' });
    expect(items.map((i) => i['@type'])).toEqual(['Article']);
    // The shape check can fail: an Article without author is refused.
    const { author: _, ...noAuthor } = items[0]!;
    expect(ArticleLd.safeParse(noAuthor).success).toBe(false);
  });

  it('puts a table of contents after the intro, linking to ids on every H2', () => {
    const html = withTableOfContents(HOW_TO);
    expect(html.indexOf('<nav class="igny8-toc"')).toBe(HOW_TO.indexOf('<h2'));
    const links = [...html.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]);
    const ids = [...html.matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(ids);
    expect(ids).toContain('step-1-grind-the-beans');
    expect(withTableOfContents('<p>a</p><h2>One</h2><h2>Two</h2>')).toBe('<p>a</p><h2>One</h2><h2>Two</h2>');
  });

  it('exports Markdown and HTML with the JSON-LD and the contents when the site asks for them', () => {
    for (const format of ['md', 'html'] as const) {
      const doc = renderArticle(article(), format, () => null, { site: SITE }).body;
      const items = ldOf(doc).map((i) => LdItem.parse(i));
      expect(items.map((i) => i['@type'])).toEqual(['Article', 'FAQPage', 'HowTo']);
      expect(doc).toContain('Grind the Beans');
      expect(doc).toMatch(
        format === 'md' ? /\[Step 1: Grind the Beans\]\(#step-1-grind-the-beans\)/ : /igny8-toc/,
      );
    }
    const noToc = renderArticle(article(), 'html', () => null, { site: { ...SITE, toc: false } }).body;
    expect(noToc).not.toContain('igny8-toc');
    expect(ldOf(noToc)).toHaveLength(3);
  });
});

describe('structured data in WordPress content (fake site)', () => {
  it('publishes the JSON-LD script and the contents inside the post content', async () => {
    const route = (c: FakeCall) => `${c.method} ${c.url.pathname.replace(/^\/wp-json/, '')}`;
    const site = fakeWordPress((c) => {
      const r = route(c);
      if (r === 'OPTIONS /wp/v2/posts') return json({ schema: { properties: { meta: { properties: {} } } } });
      if (r === 'GET /wp/v2/posts' || r === 'GET /wp/v2/tags' || r === 'GET /wp/v2/categories')
        return json([]);
      if (r === 'POST /wp/v2/tags') return json({ id: 6, name: JSON.parse(c.body).name }, 201);
      if (r === 'POST /wp/v2/posts')
        return json(post(11, { status: 'publish', link: 'https://wp.test/cold-brew/' }), 201);
      return undefined;
    });
    const ctx = { mediaDir: os.tmpdir(), config: ConfigSchema.parse({}) };
    const dest = createWordPressDestination({ url: 'https://wp.test', user: 'admin' }, 'pw', ctx, {
      retry: { maxAttempts: 1 },
      fetch: site.fetch,
    });
    const job: PublishJob = {
      recordId: 'r1',
      marker: 'igny8-0123456789abcdef',
      content: article(),
      site: { name: 'Coffee Blog', toc: true },
      clusterName: null,
      images: [],
      status: 'publish',
      scheduledAt: null,
      remoteId: null,
      remoteMedia: {},
      saveMedia: async () => {},
      saveRemoteId: async () => {},
    };
    await dest.publish(job);
    const body = JSON.parse(site.calls.find((c) => route(c) === 'POST /wp/v2/posts')!.body);
    const items = ldOf(body.content).map((i) => LdItem.parse(i));
    expect(items.map((i) => i['@type'])).toEqual(['Article', 'FAQPage', 'HowTo']);
    expect(ArticleLd.parse(items[0]).publisher).toMatchObject({ name: 'Coffee Blog' });
    expect(body.content).toContain('<nav class="igny8-toc"');
    // One line: WordPress's auto-paragraphs would break a script spread over lines.
    expect(body.content).toMatch(/<script type="application\/ld\+json">[^\n]*<\/script>/);
  });
});

describe.each(DIALECTS)('content export with structured data on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('writes the site as the JSON-LD author into every exported file', async () => {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    const core = await createCore({
      config: ConfigSchema.parse({ database: { url: t.url } }),
      baseDir: t.dir,
      db: t,
    });
    try {
      const scope = { accountId: tenant.accountId };
      await seedArticle(t.db, tenant, 1);
      const site = await core.tenancy.getSite(scope, tenant.siteId);
      const [file] = await core.content.exportTo(scope, { dir: path.join(t.dir, 'out'), format: 'md' });
      const items = ldOf(fs.readFileSync(file!.file, 'utf8')).map((i) => LdItem.parse(i));
      expect(items.map((i) => i['@type'])).toEqual(['Article']);
      expect(ArticleLd.parse(items[0]).author.name).toBe(site.name);
    } finally {
      await core.close();
    }
  });
});
