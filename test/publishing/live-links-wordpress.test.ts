import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/index.js';
import { createCore, type Core } from '../../src/core.js';
import { createWordPressClient, type WordPressClient } from '../../src/publishing/wordpress/index.js';
import { newId } from '../../src/util/ids.js';
import { seedArticle } from '../helpers/seed-content.js';
import { seedTenant, type SeededTenant } from '../helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';
import { startWordPress, wordpressSkipReason, type WpInstance } from '../wordpress/wp-instance.js';

const skip = wordpressSkipReason();
if (skip) console.warn(skip);

// Bug fix: on live posts 5 of 7 internal links returned 404, because their targets were drafts or
// still scheduled. A link is now only in a post once its target is live, and earlier posts are
// updated when it goes live (at publish and at sync).
describe.skipIf(skip !== null)('internal links on a real WordPress only point at live pages', () => {
  let wp: WpInstance;
  let admin: WordPressClient;
  beforeAll(async () => {
    wp = await startWordPress();
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

    afterEach(async () => {
      await core?.close();
      await t?.close();
    });

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
    }

    /** Approved articles whose bodies link to each other as `/slug/` (what approving applies). */
    async function articles(names: string[], links: Record<string, string[]>) {
      const run = newId().slice(0, 8);
      const ids: Record<string, string> = {};
      const slugs: Record<string, string> = {};
      for (const [i, name] of names.entries()) {
        ids[name] = await seedArticle(t.db, tenant, i + 1);
        slugs[name] = `${name.toLowerCase()}-guide-${run}`;
      }
      for (const name of names) {
        const body = (links[name] ?? [])
          .map((to) => `<p>Read the <a href="/${slugs[to]}/">${to} guide</a> next.</p>`)
          .join('');
        await t.db
          .updateTable('contents')
          .set({
            slug: slugs[name]!,
            title: `${name} guide`,
            html: `<p>About ${name}.</p>${body}<h2>More</h2><p>End.</p>`,
          })
          .where('id', '=', ids[name]!)
          .execute();
      }
      return { ids, slugs };
    }

    const remoteId = async (contentId: string) =>
      Number(
        (
          await t.db
            .selectFrom('publish_records')
            .select('remote_id')
            .where('content_id', '=', contentId)
            .executeTakeFirstOrThrow()
        ).remote_id,
      );

    /** Every link of every live post that points into the site, fetched: the ones that failed. */
    async function brokenLinksOnLivePosts(postIds: number[]) {
      const broken: string[] = [];
      let checked = 0;
      for (const id of postIds) {
        const post = (await admin.getPost(id))!;
        if (post.status !== 'publish') continue;
        const page = await fetch(post.link);
        expect(page.status).toBe(200);
        const html = (post.content ?? '').toString();
        for (const [, href] of html.matchAll(/<a\b[^>]*\shref="([^"]+)"/g)) {
          if (!href!.startsWith(wp.main.url) && !href!.startsWith('/')) continue;
          checked++;
          const res = await fetch(new URL(href!, wp.main.url));
          if (res.status >= 400) broken.push(`${post.slug} → ${href} (${res.status})`);
        }
      }
      return { broken, checked };
    }

    const hrefsOf = async (id: number) =>
      [...((await admin.getPost(id))!.content ?? '').toString().matchAll(/href="([^"]+)"/g)].map(
        (m) => m[1]!,
      );

    const goLive = (id: number) =>
      admin.updatePost(id, { status: 'publish', dateGmt: new Date(Date.now() - 60_000) });

    const pending = async () =>
      Number(
        (
          await t.db
            .selectFrom('internal_links')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('status', '=', 'pending')
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('a scheduled batch going live in steps never carries a link to a page that is not live', async () => {
      await setup();
      const { ids, slugs } = await articles(['A', 'B', 'C', 'D'], {
        A: ['B', 'C'],
        B: ['C', 'D'],
        C: ['A'],
        D: ['A'],
      });
      const results = await core.publisher.publish(scope, { when: 'schedule' });
      expect(results.map((r) => r.status)).toEqual(['scheduled', 'scheduled', 'scheduled', 'scheduled']);
      const post: Record<string, number> = {};
      for (const n of ['A', 'B', 'C', 'D']) post[n] = await remoteId(ids[n]!);
      const all = Object.values(post);
      // Nothing is live yet: no post carries a link, all six wait.
      for (const id of all) expect(await hrefsOf(id)).toEqual([]);
      expect(await pending()).toBe(6);
      expect((await admin.getPost(post.A!))!.content).toContain('B guide');

      // Step 1: B goes live on the site. A (still scheduled) gets its link to B; B links nothing yet.
      await goLive(post.B!);
      const s1 = await core.publisher.sync(scope);
      expect(s1.linksUpdated.map((u) => u.contentId)).toEqual([ids.A]);
      expect(await hrefsOf(post.A!)).toEqual([`${wp.main.url}/${slugs.B}/`]);
      expect(await hrefsOf(post.B!)).toEqual([]);
      expect(await brokenLinksOnLivePosts(all)).toEqual({ broken: [], checked: 0 });
      expect(await pending()).toBe(5);

      // Step 2: A and C go live. A gains C, B gains C, C and D gain A.
      await goLive(post.A!);
      await goLive(post.C!);
      const s2 = await core.publisher.sync(scope);
      expect(s2.linksUpdated.map((u) => u.contentId).sort()).toEqual([ids.A, ids.B, ids.C, ids.D].sort());
      expect(await hrefsOf(post.A!)).toEqual([`${wp.main.url}/${slugs.B}/`, `${wp.main.url}/${slugs.C}/`]);
      expect(await hrefsOf(post.B!)).toEqual([`${wp.main.url}/${slugs.C}/`]);
      const step2 = await brokenLinksOnLivePosts(all);
      expect(step2.broken).toEqual([]);
      expect(step2.checked).toBe(4); // A→B, A→C, B→C, C→A (D is not live yet)
      expect(await pending()).toBe(1); // B→D

      // Step 3: D goes live; B gets its last link. Every link is live and answers.
      await goLive(post.D!);
      const s3 = await core.publisher.sync(scope);
      expect(s3.linksUpdated.map((u) => u.contentId)).toEqual([ids.B]);
      const step3 = await brokenLinksOnLivePosts(all);
      expect(step3).toEqual({ broken: [], checked: 6 });
      expect(await pending()).toBe(0);
      // A second sync has nothing left to update.
      expect((await core.publisher.sync(scope)).linksUpdated).toEqual([]);
      // Each sync also refreshed the site inventory; our own posts are known as ours there.
      expect(s3.inventory).toEqual({ ok: true });
      const ours = await t.db
        .selectFrom('site_inventory')
        .select(['remote_id', 'content_id'])
        .where('content_id', 'is not', null)
        .orderBy('remote_id')
        .execute();
      expect(new Map(ours.map((r) => [Number(r.remote_id), r.content_id]))).toEqual(
        new Map(['A', 'B', 'C', 'D'].map((n) => [post[n]!, ids[n]!])),
      );
    }, 180_000);

    it('publishing a batch now adds the links of earlier posts at publish time, and a trashed target takes them out again', async () => {
      await setup();
      const { ids, slugs } = await articles(['E', 'F'], { E: ['F'], F: ['E'] });
      const res = await core.publisher.publish(scope, { when: 'now', status: 'publish', concurrency: 1 });
      expect(res.map((r) => r.status)).toEqual(['published', 'published']);
      const e = await remoteId(ids.E!);
      const f = await remoteId(ids.F!);
      expect(await hrefsOf(e)).toEqual([`${wp.main.url}/${slugs.F}/`]);
      expect(await hrefsOf(f)).toEqual([`${wp.main.url}/${slugs.E}/`]);
      expect(await brokenLinksOnLivePosts([e, f])).toEqual({ broken: [], checked: 2 });
      expect(await pending()).toBe(0);

      // F is trashed on the site: the next sync takes the link to it out of E (it waits again).
      await admin.request('DELETE', `/wp/v2/posts/${f}`);
      const synced = await core.publisher.sync(scope);
      expect(synced.linksUpdated.map((u) => u.contentId)).toEqual([ids.E]);
      expect(await hrefsOf(e)).toEqual([]);
      expect(await brokenLinksOnLivePosts([e, f])).toEqual({ broken: [], checked: 0 });
      expect(await pending()).toBe(1);
    }, 120_000);

    it('never re-creates a post deleted on the site to add a link to it', async () => {
      await setup();
      const { ids } = await articles(['G', 'H'], { G: ['H'] });
      const [g] = await core.publisher.publish(scope, {
        when: 'now',
        status: 'publish',
        contentIds: [ids.G!],
      });
      expect(await pending()).toBe(1);
      await admin.request('DELETE', `/wp/v2/posts/${g!.remoteId}`, { query: { force: true } });
      const [h] = await core.publisher.publish(scope, {
        when: 'now',
        status: 'publish',
        contentIds: [ids.H!],
      });
      expect(h!.status).toBe('published');
      expect(await admin.getPost(Number(g!.remoteId))).toBeNull();
      const slug = (
        await t.db.selectFrom('contents').select('slug').where('id', '=', ids.G!).executeTakeFirstOrThrow()
      ).slug;
      expect(await admin.findPostsBySlug(slug)).toEqual([]);
    }, 120_000);
  });
});
