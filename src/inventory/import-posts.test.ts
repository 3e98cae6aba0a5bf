import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { fakeWordPress, json } from '../../test/wordpress/fake-wordpress.js';
import { newId } from '../util/ids.js';
import { createInventoryService } from './inventory.service.js';
import { inventoryLinkCandidates, inventoryRivals } from './inventory-matches.js';

const POSTS = 5_000;
const BASE = Date.parse('2026-01-01T00:00:00Z');

/** A WordPress with 5,000 published posts and 3 pages, answering the REST list routes with paging. */
function bigSite() {
  const posts = Array.from({ length: POSTS }, (_, i) => ({
    id: i + 1,
    link: `https://wp.test/post-${i + 1}/`,
    slug: `post-${i + 1}`,
    modified_gmt: new Date(BASE + i * 60_000).toISOString().slice(0, 19),
    title: { raw: `Post ${i + 1} about topic ${i % 500}` },
    excerpt: { raw: `Excerpt ${i + 1}` },
    categories: [1 + (i % 5)],
    tags: [100 + (i % 500)],
    meta: { _yoast_wpseo_focuskw: `topic ${i % 500} guide ${i}` },
  }));
  const pages = [1, 2, 3].map((n) => ({
    id: 90_000 + n,
    link: `https://wp.test/page-${n}/`,
    slug: `page-${n}`,
    modified_gmt: new Date(BASE).toISOString().slice(0, 19),
    title: { raw: `Page ${n}` },
    excerpt: { raw: '' },
    meta: {},
  }));
  const list = (items: Array<{ modified_gmt: string }>, url: URL) => {
    const after = url.searchParams.get('modified_after');
    const per = Number(url.searchParams.get('per_page'));
    const page = Number(url.searchParams.get('page'));
    const matching = after
      ? items.filter((p) => `${p.modified_gmt}Z` > after.replace(/\.\d+Z$/, 'Z'))
      : items;
    const pagesTotal = Math.max(1, Math.ceil(matching.length / per));
    return json(matching.slice((page - 1) * per, page * per), 200, {
      'x-wp-total': String(matching.length),
      'x-wp-totalpages': String(pagesTotal),
    });
  };
  const terms = (url: URL, name: (id: number) => string) =>
    json(
      (url.searchParams.get('include') ?? '')
        .split(',')
        .filter(Boolean)
        .map((id) => ({ id: Number(id), name: name(Number(id)) })),
    );
  const site = fakeWordPress((call) => {
    const p = call.url.pathname;
    if (p === '/wp-json/wp/v2/posts') return list(posts, call.url);
    if (p === '/wp-json/wp/v2/pages') return list(pages, call.url);
    if (p === '/wp-json/wp/v2/categories') return terms(call.url, (id) => `Category ${id}`);
    if (p === '/wp-json/wp/v2/tags') return terms(call.url, (id) => `Tag ${id - 100}`);
    return undefined;
  });
  return { ...site, posts };
}

describe.each(DIALECTS)('wp import-posts at 5,000 posts (%s)', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('imports every post in pages of 100, then only what changed, and finds them by keyword', async () => {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    const scope = { accountId: tenant.accountId, siteId: tenant.siteId };
    const destId = newId();
    await t.db
      .insertInto('publish_destinations')
      .values({
        id: destId,
        account_id: scope.accountId,
        site_id: scope.siteId,
        kind: 'wordpress',
        name: 'blog',
        config: JSON.stringify({ url: 'https://wp.test', user: 'editor' }),
        secret_enc: 'x',
        status: 'active',
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .execute();
    const site = bigSite();
    const inventory = createInventoryService({
      db: t.db,
      destinations: {
        getRow: async () => t.db.selectFrom('publish_destinations').selectAll().executeTakeFirstOrThrow(),
        secretOf: () => 'app password',
      },
      fetch: site.fetch,
    });

    const started = performance.now();
    const [first] = await inventory.importPosts(scope);
    const ms = performance.now() - started;
    console.log(JSON.stringify({ dialect, posts: POSTS, importMs: Math.round(ms) }));
    expect(first).toMatchObject({
      since: null,
      read: POSTS + 3,
      added: POSTS + 3,
      updated: 0,
      total: POSTS + 3,
    });
    // Paged: 50 post pages + 1 page of pages + 1 category + 5 tag requests (+ the REST index).
    const listCalls = site.calls.filter((c) => c.url.pathname !== '/wp-json/');
    expect(listCalls.length).toBe(50 + 1 + 1 + 5);

    const page = await inventory.list(scope, { limit: 2 });
    expect(page.total).toBe(POSTS + 3);
    expect(page.items[0]).toMatchObject({
      remoteId: String(POSTS),
      kind: 'post',
      url: `https://wp.test/post-${POSTS}/`,
      categories: [`Category ${1 + ((POSTS - 1) % 5)}`],
      tags: [`Tag ${(POSTS - 1) % 500}`],
      focusKeyword: `topic ${(POSTS - 1) % 500} guide ${POSTS - 1}`,
      modifiedAt: new Date(BASE + (POSTS - 1) * 60_000).toISOString(),
    });

    // Two posts change on the site: the next import asks only for recent changes (a day of overlap).
    site.posts[10]!.title.raw = 'Renamed';
    site.posts[10]!.modified_gmt = new Date(BASE + POSTS * 60_000).toISOString().slice(0, 19);
    const before = site.calls.length;
    const [second] = await inventory.importPosts(scope);
    expect(second!.since).toBe(new Date(BASE + (POSTS - 1) * 60_000 - 86_400_000).toISOString());
    expect(second).toMatchObject({ added: 0, updated: 1, removed: 0, total: POSTS + 3 });
    expect(second!.read).toBeLessThan(1_500);
    expect(site.calls.length - before).toBeLessThan(30);
    expect((await inventory.list(scope, { search: 'Renamed' })).items.map((i) => i.remoteId)).toEqual(['11']);

    // Found by an index lookup on their keywords (a tag) and by their focus keyword.
    const targets = await inventoryLinkCandidates(t.db, scope, ['Tag 42'], 50);
    expect(targets.length).toBe(10); // posts 43, 543, …: every 500th shares tag 42
    expect(targets.every((c) => c.id.startsWith('inventory:') && c.url.startsWith('https://wp.test/'))).toBe(
      true,
    );
    expect(await inventoryRivals(t.db, scope, 'TOPIC 7 guide 507')).toEqual([
      { title: 'Post 508 about topic 7', url: 'https://wp.test/post-508/' },
    ]);
  }, 120_000);
});
