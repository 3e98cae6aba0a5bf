import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/index.js';
import { createCore, type Core } from '../../src/core.js';
import { wordpressTestResult, writeSeoPlugin } from '../../src/publishing/index.js';
import {
  checkConnection,
  createWordPressClient,
  JSONLD_META_KEY,
  JSONLD_STRIPPED_WARNING,
  type WordPressClient,
} from '../../src/publishing/wordpress/index.js';
import { newId } from '../../src/util/ids.js';
import { seedArticle } from '../helpers/seed-content.js';
import { seedTenant, type SeededTenant } from '../helpers/seed-tenant.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { ArticleLd, LdItem, ldOf } from '../publishing/schema-org-shapes.js';
import { uniqueSlugs } from '../publishing/seed-publish.js';
import { startWordPress, wordpressSkipReason, type WpInstance } from './wp-instance.js';

const skip = wordpressSkipReason();
if (skip) console.warn(skip);

const HTML = [
  '<p>Cold brew coffee is smooth and easy.</p>',
  '<h2>Step 1: Grind the Beans</h2><p>Grind coarse.</p>',
  '<h2>Step 2: Steep Overnight</h2><p>Leave it 12 hours.</p>',
  '<h2>Frequently Asked Questions</h2><h3>How long does it keep?</h3><p>Two weeks.</p>',
].join('');

const head = (page: string) => page.slice(0, page.indexOf('</head>'));

/**
 * An Editor WordPress strips <script> for (no unfiltered_html, as on a multisite): without the
 * companion plugin the post goes out without JSON-LD and says so; with it the JSON-LD travels as
 * post meta and the plugin prints it in the page head. One SQLite run: no dialect reaches this.
 * (An administrator's script in the content: structured-data-wordpress.test.ts.)
 */
describe.skipIf(skip !== null)('JSON-LD for an editor without unfiltered_html on a real WordPress', () => {
  let wp: WpInstance;
  let t: TestDb;
  let core: Core;
  let tenant: SeededTenant;
  let editor: WordPressClient;
  let scope: { accountId: string; siteId: string };
  let contentId: string;
  beforeAll(async () => {
    wp = await startWordPress({ seo: 'none' });
    if (!wp.editor || !wp.dir) return;
    editor = createWordPressClient(wp.editor);
    t = await createTestDb('sqlite');
    tenant = await seedTenant(t.db);
    scope = { accountId: tenant.accountId, siteId: tenant.siteId };
    core = await createCore({
      config: ConfigSchema.parse({ database: { url: t.url }, media: { dir: 'media' } }),
      baseDir: t.dir,
      db: t,
    });
    await core.destinations.upsert(scope, {
      kind: 'wordpress',
      name: 'blog',
      config: { url: wp.editor.url, user: wp.editor.user },
      secret: wp.editor.appPassword,
    });
    contentId = await seedArticle(t.db, tenant, 1);
    await uniqueSlugs(t.db, [contentId], newId().slice(0, 8));
    await t.db
      .updateTable('contents')
      .set({ html: HTML, provenance: JSON.stringify({ structure: 'how-to' }) })
      .where('id', '=', contentId)
      .execute();
  }, 120_000);
  afterAll(async () => {
    await core?.close();
    await t?.close();
    await wp?.stop();
  });

  it('without the plugin: published without JSON-LD, with the warning, and no JSON shown as text', async (ctx) => {
    if (!wp.editor || !wp.dir) return ctx.skip();
    const check = wordpressTestResult(await checkConnection(editor)).checks.find((c) => c.name === 'json-ld');
    expect(check).toMatchObject({ ok: false, detail: JSONLD_STRIPPED_WARNING });
    expect(check?.hint).toContain('igny8 wp plugin --out');

    const [res] = await core.publisher.publish(scope, { when: 'now', status: 'publish' });
    expect(res).toMatchObject({ contentId, status: 'published' });
    expect(res!.warnings).toContain(`${JSONLD_STRIPPED_WARNING}; the post was published without it`);
    const post = (await editor.getPost(Number(res!.remoteId)))!;
    expect(post.content).not.toContain('schema.org');
    const page = await (await fetch(res!.remoteUrl!)).text();
    expect(page).toContain('Grind coarse.');
    expect(page).not.toContain('application/ld+json');
    expect(page).not.toContain('"@context"');
  }, 60_000);

  it('with the plugin: the head carries the Article, FAQPage and HowTo, updated in place on republish', async (ctx) => {
    if (!wp.editor || !wp.dir) return ctx.skip();
    const file = writeSeoPlugin(path.join(wp.dir, 'www', 'wp-content', 'mu-plugins'));
    try {
      const check = wordpressTestResult(await checkConnection(editor)).checks.find(
        (c) => c.name === 'json-ld',
      );
      expect(check).toMatchObject({ ok: true, detail: 'printed in the page head by igny8-seo-fields.php' });

      await t.db
        .updateTable('contents')
        .set({ title: 'Cold brew, revised' })
        .where('id', '=', contentId)
        .execute();
      const [res] = await core.publisher.publish(scope, { when: 'now', status: 'publish', republish: true });
      expect(res).toMatchObject({ contentId, status: 'published', warnings: [] });
      const records = await t.db.selectFrom('publish_records').select('remote_id').execute();
      expect(records).toEqual([{ remote_id: res!.remoteId }]);

      const post = (await editor.getPost(Number(res!.remoteId)))!;
      expect(post.content).not.toContain('application/ld+json');
      expect(JSON.parse(String(post.meta[JSONLD_META_KEY]))).toHaveLength(3);
      const page = await (await fetch(res!.remoteUrl!)).text();
      const items = ldOf(page).map((i) => LdItem.parse(i));
      expect(items.map((i) => i['@type'])).toEqual(['Article', 'FAQPage', 'HowTo']);
      expect(ArticleLd.parse(items[0])).toMatchObject({ headline: 'Cold brew, revised' });
      expect(ldOf(head(page))).toHaveLength(3);

      // The meta takes JSON only, and no value can close the script it is printed in.
      const bad = await editor
        .updatePost(post.id, { meta: { [JSONLD_META_KEY]: 'not json' } })
        .catch((e: unknown) => e);
      expect(bad).toMatchObject({
        code: 'WP_REQUEST_REJECTED',
        details: expect.objectContaining({ status: 400, wpCode: 'igny8_jsonld_invalid' }),
      });
      const evil = {
        '@context': 'https://schema.org',
        '@type': 'Thing',
        name: '</script><script>x()</script>',
      };
      await editor.updatePost(post.id, { meta: { [JSONLD_META_KEY]: JSON.stringify(evil) } });
      const after = await (await fetch(res!.remoteUrl!)).text();
      expect(head(after)).not.toContain('<script>x()');
      expect(ldOf(head(after))).toEqual([evil]);
    } finally {
      fs.rmSync(file, { force: true });
    }
  }, 60_000);
});
