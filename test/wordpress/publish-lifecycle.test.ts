import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/index.js';
import { isIgny8Error, type Igny8Error } from '../../src/errors/index.js';
import { createCore, type Core } from '../../src/core.js';
import { markerKey, wordpressTestResult, writeSeoPlugin } from '../../src/publishing/index.js';
import {
  checkConnection,
  COMPANION_META_KEYS,
  createWordPressClient,
  mediaMarkerSlug,
  type WordPressClient,
} from '../../src/publishing/wordpress/index.js';
import { newId } from '../../src/util/ids.js';
import { seedArticle } from '../helpers/seed-content.js';
import { seedTenant, type SeededTenant } from '../helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';
import { seedImages, uniqueSlugs } from '../publishing/seed-publish.js';
import { startWordPress, wordpressSkipReason, type WpInstance } from './wp-instance.js';

const skip = wordpressSkipReason();
if (skip) console.warn(skip);

/**
 * A stock WordPress (no SEO plugin simulated): WordPress's own image markup, media attached to
 * their post, media deleted on the site repaired, restores from the trash noticed, and the
 * companion SEO plugin carrying all four plugins' fields.
 */
describe.skipIf(skip !== null)('the publish lifecycle on a real WordPress', () => {
  let wp: WpInstance;
  let admin: WordPressClient;
  beforeAll(async () => {
    wp = await startWordPress({ seo: 'none' });
    admin = createWordPressClient(wp.main);
  }, 120_000);
  afterAll(async () => {
    await wp?.stop();
  });

  describe.each(DIALECTS)('on %s', (dialect) => {
    let t: TestDb;
    let core: Core;
    let tenant: SeededTenant;
    let scope: { accountId: string; siteId: string };
    const u = () => newId().slice(0, 8);

    async function setup() {
      t = await createTestDb(dialect);
      tenant = await seedTenant(t.db);
      scope = { accountId: tenant.accountId, siteId: tenant.siteId };
      const config = ConfigSchema.parse({ database: { url: t.url }, media: { dir: 'media' } });
      core = await createCore({ config, baseDir: t.dir, db: t });
      await core.destinations.upsert(scope, {
        kind: 'wordpress',
        name: 'blog',
        config: { url: wp.main.url, user: wp.main.user },
        secret: wp.main.appPassword,
      });
      return path.join(t.dir, 'media');
    }
    afterEach(async () => {
      await core?.close();
      await t?.close();
    });

    it('sends image blocks with attachment ids, attaches the media, and repairs deleted media', async () => {
      const run = u();
      const mediaDir = await setup();
      const id = await seedArticle(t.db, tenant, 11);
      await uniqueSlugs(t.db, [id], run);
      const images = await seedImages(t.db, tenant, id, mediaDir, 2, { width: 1200, height: 675 });
      const [res] = await core.publisher.publish(scope, { when: 'now', status: 'publish' });
      expect(res).toMatchObject({ status: 'published', repairedMedia: [] });
      const post = (await admin.getPost(Number(res!.remoteId)))!;
      const record = await t.db.selectFrom('publish_records').selectAll().executeTakeFirstOrThrow();
      const key = markerKey(record.marker);
      const inline = images.filter((i) => i.role === 'inline');
      for (const img of inline) {
        const [media] = await admin.findMediaBySlug(mediaMarkerSlug(key, `inline-${img.position}`));
        // WordPress made a "large" copy (1024 wide) of the 1200 px file; the block shows that one.
        const large = media!.sizes.large!;
        expect(large.width).toBe(1024);
        expect(post.content).toContain(
          `<!-- wp:image {"id":${media!.id},"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large">` +
            `<img src="${large.url}" alt="${img.alt}" class="wp-image-${media!.id}" width="1024" height="576"/></figure>\n<!-- /wp:image -->`,
        );
        expect(media!.post).toBe(post.id);
      }
      const featured = (await admin.getMedia(post.featuredMedia))!;
      expect(featured.slug).toBe(mediaMarkerSlug(key, 'featured'));
      expect(featured.post).toBe(post.id);

      // Someone deletes the featured image and the first inline image from the media library.
      const [gone] = await admin.findMediaBySlug(mediaMarkerSlug(key, 'inline-1'));
      for (const m of [featured.id, gone!.id])
        await admin.request('DELETE', `/wp/v2/media/${m}`, { query: { force: true } });
      const [again] = await core.publisher.publish(scope, {
        when: 'now',
        status: 'publish',
        republish: true,
      });
      expect(again).toMatchObject({ status: 'published', remoteId: res!.remoteId });
      expect(again!.repairedMedia).toEqual(['featured', 'inline-1']);
      const repaired = (await admin.getPost(post.id))!;
      const newFeatured = (await admin.getMedia(repaired.featuredMedia))!;
      expect(newFeatured.id).not.toBe(featured.id);
      expect(newFeatured.post).toBe(post.id);
      // Every image in the body exists: no broken <img>.
      const srcs = [...repaired.content.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]!);
      expect(srcs).toHaveLength(2);
      for (const src of srcs) expect((await fetch(src)).status).toBe(200);
      expect(repaired.content).not.toContain(`wp-image-${gone!.id}"`);
      const stored = JSON.parse(
        (await t.db.selectFrom('publish_records').select('remote_media').executeTakeFirstOrThrow())
          .remote_media,
      ) as Record<string, { id: string }>;
      expect(stored[images.find((i) => i.role === 'featured')!.id]!.id).toBe(String(newFeatured.id));
      // Nothing missing: a republish repairs nothing.
      const [third] = await core.publisher.publish(scope, {
        when: 'now',
        status: 'publish',
        republish: true,
      });
      expect(third!.repairedMedia).toEqual([]);
    });

    it('notices a post trashed and then restored on the site', async () => {
      const run = u();
      await setup();
      const id = await seedArticle(t.db, tenant, 12);
      await uniqueSlugs(t.db, [id], run);
      const [res] = await core.publisher.publish(scope, { when: 'now', status: 'publish' });
      await admin.request('DELETE', `/wp/v2/posts/${res!.remoteId}`);
      expect((await core.publisher.sync(scope)).changes).toMatchObject([
        { contentId: id, from: 'publish', to: 'trash' },
      ]);
      const row = () =>
        t.db.selectFrom('publish_records').select(['status', 'remote_status']).executeTakeFirstOrThrow();
      expect(await row()).toEqual({ status: 'unpublished', remote_status: 'trash' });
      // Restored from the trash (WordPress restores as a draft).
      await admin.updatePost(Number(res!.remoteId), { status: 'draft' });
      expect((await core.publisher.sync(scope)).changes).toMatchObject([
        { contentId: id, from: 'trash', to: 'draft' },
      ]);
      expect(await row()).toEqual({ status: 'published', remote_status: 'draft' });
      // Deleted for good: recorded as missing, and a plain publish leaves it alone.
      await admin.request('DELETE', `/wp/v2/posts/${res!.remoteId}`, { query: { force: true } });
      expect((await core.publisher.sync(scope)).changes).toMatchObject([
        { contentId: id, from: 'draft', to: 'missing' },
      ]);
      expect(await core.publisher.publish(scope, { when: 'now', status: 'publish' })).toEqual([]);
      expect(await core.publisher.publish(scope, { when: 'now', republish: true })).toEqual([]);
    });

    it('refuses sample content for a site that is not on this machine unless --allow-sample', async () => {
      const run = u();
      await setup();
      const id = await seedArticle(t.db, tenant, 14);
      await uniqueSlugs(t.db, [id], run);
      await t.db
        .updateTable('contents')
        .set({
          provenance: JSON.stringify({ provider: 'sandbox', model: 'sandbox:sandbox-text', sandbox: true }),
        })
        .where('id', '=', id)
        .execute();
      await core.destinations.upsert(scope, {
        kind: 'wordpress',
        name: 'client',
        config: { url: 'https://client-blog.invalid', user: 'editor' },
        secret: 'xxxx xxxx xxxx xxxx',
      });
      const err = await core.publisher
        .publish(scope, { destination: 'client', when: 'now' })
        .catch((e: unknown) => e);
      expect(isIgny8Error(err) && err.code).toBe('SAMPLE_CONTENT');
      expect((err as Igny8Error).hint).toContain('--allow-sample');
      expect((err as Igny8Error).details).toMatchObject({ contentIds: [id], destination: 'client' });
      expect(await t.db.selectFrom('publish_records').select('id').execute()).toEqual([]);
      // Allowed, it gets past the guard (and then meets a site that does not exist).
      const [tried] = await core.publisher.publish(scope, {
        destination: 'client',
        when: 'now',
        allowSample: true,
      });
      expect(tried).toMatchObject({ status: 'failed', code: 'WP_UNREACHABLE' });
      // The WordPress on this machine (loopback) takes sample content without asking.
      const [local] = await core.publisher.publish(scope, {
        destination: 'blog',
        when: 'now',
        status: 'draft',
      });
      expect(local).toMatchObject({ status: 'published' });
    });

    it.skipIf(dialect !== DIALECTS[0])(
      'writes all four SEO plugins’ fields through the companion plugin',
      async () => {
        if (!wp.dir) return; // a site given by the environment: its plugins are not ours to change
        const run = u();
        await setup();
        const before = wordpressTestResult(await checkConnection(admin));
        const missing = before.checks.find((c) => c.name === 'seo-companion')!;
        expect(missing.ok).toBe(false);
        expect(missing.detail).toContain('would unlock SEO title, meta description and focus keyword');
        expect(missing.hint).toContain('igny8 wp plugin --out');

        const file = writeSeoPlugin(path.join(wp.dir, 'www', 'wp-content', 'mu-plugins'));
        try {
          const after = wordpressTestResult(await checkConnection(admin));
          expect(after.checks.find((c) => c.name === 'seo-companion')).toMatchObject({ ok: true });
          expect(after.checks.find((c) => c.name === 'seo-fields')).toMatchObject({ ok: true });

          const id = await seedArticle(t.db, tenant, 13);
          await uniqueSlugs(t.db, [id], run);
          const [res] = await core.publisher.publish(scope, { when: 'now', status: 'publish' });
          expect(res).toMatchObject({ status: 'published', warnings: [] });
          const meta = (await admin.getPost(Number(res!.remoteId)))!.meta;
          const title = 'Cold brew guide 13';
          const description = 'How to make cold brew coffee at home.';
          const keyword = 'cold brew coffee';
          expect(Object.fromEntries(COMPANION_META_KEYS.map((k) => [k, meta[k]]))).toEqual({
            _yoast_wpseo_title: title,
            _yoast_wpseo_metadesc: description,
            _yoast_wpseo_focuskw: keyword,
            rank_math_title: title,
            rank_math_description: description,
            rank_math_focus_keyword: keyword,
            _seopress_titles_title: title,
            _seopress_titles_desc: description,
            _seopress_analysis_target_kw: keyword,
            _aioseo_title: title,
            _aioseo_description: description,
            _aioseo_keywords: keyword,
          });
        } finally {
          fs.rmSync(file, { force: true });
        }
      },
    );
  });
});
