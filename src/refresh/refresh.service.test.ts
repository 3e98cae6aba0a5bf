import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { inventoryRow, seedWordPressDestination } from '../../test/helpers/seed-refresh.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { fakeWordPress, json } from '../../test/wordpress/fake-wordpress.js';
import { createAutomationService } from '../automation/index.js';
import { PIPELINE_STAGES } from '../automation/stages/index.js';
import { ConfigSchema } from '../config/index.js';
import { createCore, type Core } from '../core.js';
import { isIgny8Error } from '../errors/index.js';
import { createRefreshService, type RefreshService } from './refresh.service.js';
import { processRefresh } from './refresh-process.js';
import { planInPlaceUpdate } from './refresh-publish.js';
import { keepPublishMarkers } from './refresh-rewrite.js';
import { contentHash } from './refresh-wordpress.js';

const LIVE_HTML =
  '<p>Cold brew is coffee steeped in cold water for many hours. It tastes smooth and sweet.</p>\n<h2>How to make cold brew</h2>\n<p>Mix ground coffee with water, wait, then filter. Many people enjoy a cold brew ratio guide before they start.</p>';

/** A WordPress with post 42 (the one refreshed) that keeps revisions as WordPress does. */
function site() {
  const state = {
    post: {
      id: 42,
      slug: 'cold-brew',
      link: 'https://wp.test/cold-brew/',
      status: 'publish',
      modified_gmt: '2026-03-01T10:00:00',
      title: 'Cold brew at home',
      content: LIVE_HTML,
    },
    revisions: 1,
  };
  const body = () => ({
    ...state.post,
    title: { raw: state.post.title },
    content: { raw: state.post.content },
  });
  let minute = 0;
  const wp = fakeWordPress((call) => {
    const p = call.url.pathname;
    if (p === '/wp-json/wp/v2/posts/42' && call.method === 'GET') return json(body());
    if (p === '/wp-json/wp/v2/posts/42' && call.method === 'POST') {
      const patch = JSON.parse(call.body) as { content?: string; title?: string };
      const changed = (patch.content ?? state.post.content) !== state.post.content;
      Object.assign(state.post, patch);
      state.post.modified_gmt = `2026-03-02T10:${String(++minute).padStart(2, '0')}:00`;
      if (changed) state.revisions += 1;
      return json(body());
    }
    return undefined;
  });
  return { ...wp, state };
}

describe.each(DIALECTS)('refresh an existing post in place (%s)', (dialect) => {
  let t: TestDb;
  let core: Core;
  afterEach(async () => {
    await core?.close();
    await t?.close();
  });

  async function setup() {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    const scope = { accountId: tenant.accountId, siteId: tenant.siteId };
    core = await createCore({ config: ConfigSchema.parse({ database: { url: t.url } }), db: t });
    await core.models.seed();
    await core.credits.grant(scope, { opId: 'g', amount: 10_000, pool: 'plan' });
    const dest = { id: 'dest-1', url: 'https://wp.test' };
    await seedWordPressDestination(t.db, scope, dest);
    const inv = (id: string, remoteId: string, title: string, slug: string) =>
      inventoryRow(scope, dest, {
        id,
        remoteId,
        title,
        slug,
        tags: ['cold brew'],
        focusKeyword: 'cold brew',
      });
    await t.db
      .insertInto('site_inventory')
      .values([
        inv('inv-42', '42', 'Cold brew at home', 'cold-brew'),
        inv('inv-43', '43', 'Cold brew ratio guide', 'cold-brew-ratio'),
      ])
      .execute();
    await t.db
      .insertInto('site_inventory_keywords')
      .values([
        { inventory_id: 'inv-42', site_id: scope.siteId, keyword: 'cold brew' },
        { inventory_id: 'inv-43', site_id: scope.siteId, keyword: 'cold brew' },
      ])
      .execute();
    const wp = site();
    const destinations = {
      getRow: async () => t.db.selectFrom('publish_destinations').selectAll().executeTakeFirstOrThrow(),
      secretOf: () => 'app password',
    };
    const automation = createAutomationService(
      {
        db: t.db,
        ai: core.ai,
        credits: core.credits,
        planner: core.planner,
        content: core.content,
        publisher: core.publisher,
        refreshWorker: {
          process: (s, id, run) =>
            processRefresh({ db: t.db, ai: core.ai, destinations, fetch: wp.fetch }, s, id, run),
        },
      },
      async () => PIPELINE_STAGES,
    );
    const refresh: RefreshService = createRefreshService({ db: t.db, automation });
    return { scope, wp, refresh, automation };
  }

  const posts = (wp: ReturnType<typeof site>) =>
    wp.calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname);

  it('rewrites the live post into a draft (query section, links, metered), then updates the same post once', async () => {
    const { scope, wp, refresh } = await setup();
    const { refresh: r, run } = await refresh.run(scope, {
      post: 'https://wp.test/cold-brew',
      queries: ['cold brew concentrate'],
    });
    expect(run.status).toBe('completed');
    expect(run.options.stages).toEqual([8]);
    expect(r.status).toBe('review');
    expect(r.post).toMatchObject({ remoteId: '42', slug: 'cold-brew', inventoryId: 'inv-42' });
    expect(r.title).toBe('Cold brew at home');
    expect(r.notes!.queries).toEqual([{ query: 'cold brew concentrate', covered: true }]);
    expect(r.notes!.sectionsAdded).toContain('Cold brew concentrate');
    expect(r.notes!.links.map((l) => l.href)).toEqual(['https://wp.test/cold-brew-ratio/']);
    expect(r.credits).toBeGreaterThan(0);
    expect(run.creditsUsed).toBe(r.credits);
    // The rewrite fetched the raw content (context=edit) and sent nothing to the site.
    const get = wp.calls.find((c) => c.url.pathname === '/wp-json/wp/v2/posts/42')!;
    expect(get.url.searchParams.get('context')).toBe('edit');
    expect(posts(wp)).toEqual([]);

    const shown = await refresh.show(scope, r.id);
    expect(shown.changes.some((c) => c.added.includes('Cold brew concentrate'))).toBe(true);
    expect(shown.diff).toContain('+Cold brew concentrate');

    await expect(refresh.publish(scope, r.id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await refresh.approve(scope, r.id)).status).toBe('approved');
    const { refresh: done } = await refresh.publish(scope, r.id);
    expect(done.status).toBe('published');
    expect(posts(wp)).toEqual(['/wp-json/wp/v2/posts/42']);
    expect(wp.state.revisions).toBe(2);
    expect(wp.state.post.slug).toBe('cold-brew');
    expect(wp.state.post.title).toBe('Cold brew at home');
    expect(wp.state.post.content).toContain('<h2>Cold brew concentrate</h2>');
    await expect(refresh.publish(scope, r.id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(posts(wp)).toHaveLength(1);
  });

  it("without queries, adds the page's uncovered striking-distance queries from Search Console", async () => {
    const { scope, refresh } = await setup();
    const row = (date: string, query: string, impressions: number, position: number) => ({
      account_id: scope.accountId,
      site_id: scope.siteId,
      date,
      page: 'https://wp.test/cold-brew/',
      query,
      clicks: 1,
      impressions,
      position,
    });
    await t.db
      .insertInto('search_console_rows')
      .values([
        // Striking distance, not covered by the post's title or keywords: added.
        row('2026-11-20', 'cold brew concentrate', 300, 11),
        row('2026-11-21', 'cold brew concentrate', 200, 13),
        // Striking distance but covered (the title says "cold brew"): not added.
        row('2026-11-21', 'cold brew', 400, 9),
        // Uncovered but on page one already: not striking distance.
        row('2026-11-21', 'nitro cold brew', 400, 3),
      ])
      .execute();
    const { refresh: r } = await refresh.run(scope, { post: 'https://wp.test/cold-brew' });
    expect(r.queriesFrom).toBe('search-console');
    expect(r.queries).toEqual(['cold brew concentrate']);
    expect(r.notes!.sectionsAdded).toContain('Cold brew concentrate');
  });

  it('with queries given as [], adds none even when Search Console has some', async () => {
    const { scope, refresh } = await setup();
    await t.db
      .insertInto('search_console_rows')
      .values({
        account_id: scope.accountId,
        site_id: scope.siteId,
        date: '2026-11-21',
        page: 'https://wp.test/cold-brew/',
        query: 'cold brew concentrate',
        clicks: 1,
        impressions: 500,
        position: 12,
      })
      .execute();
    const { refresh: r } = await refresh.run(scope, { post: 'https://wp.test/cold-brew', queries: [] });
    expect(r.queriesFrom).toBe('given');
    expect(r.queries).toEqual([]);
  });

  it('refuses to publish when the live post was edited since the fetch, and sends nothing', async () => {
    const { scope, wp, refresh } = await setup();
    const { refresh: r } = await refresh.run(scope, { post: 'cold-brew', queries: ['iced coffee'] });
    await refresh.approve(scope, r.id);
    wp.state.post.content = `${LIVE_HTML}<p>An editor's late addition.</p>`;
    wp.state.post.modified_gmt = '2026-03-05T09:00:00';
    const err = await refresh.publish(scope, r.id).catch((e: unknown) => e);
    expect(isIgny8Error(err) && err.code).toBe('REFRESH_LIVE_CHANGED');
    expect((err as Error).message).toMatch(/edited on the site/);
    expect(posts(wp)).toEqual([]);
    expect(wp.state.post.content).toContain("An editor's late addition.");
    expect((await refresh.get(scope, r.id)).status).toBe('stale');
  });

  it('a publish resumed after its update landed records it without sending it again', async () => {
    const { scope, wp, refresh } = await setup();
    const { refresh: r } = await refresh.run(scope, { post: 'inv-42', queries: ['cold brew caffeine'] });
    await refresh.approve(scope, r.id);
    // The killed attempt: intent written, the update reached WordPress, nothing recorded after.
    const row = await t.db
      .selectFrom('content_refreshes')
      .selectAll()
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('content_refreshes')
      .set({ status: 'publishing', publish_intent: '{}' })
      .where('id', '=', r.id)
      .execute();
    wp.state.post.content = row.draft_html!;
    wp.state.post.modified_gmt = '2026-03-02T11:00:00';
    wp.state.revisions += 1;
    const { refresh: done } = await refresh.publish(scope, r.id);
    expect(done.status).toBe('published');
    expect(posts(wp)).toEqual([]);
    expect(wp.state.revisions).toBe(2);
  });

  it('a rewrite run again after a lost save is not charged twice', async () => {
    const { scope, refresh } = await setup();
    const { refresh: r } = await refresh.run(scope, { post: 'inv-42', queries: ['cold brew caffeine'] });
    // As if the process died after the charge, before the draft was saved.
    await t.db
      .updateTable('content_refreshes')
      .set({ status: 'queued', fetched_at: null })
      .where('id', '=', r.id)
      .execute();
    const again = await refresh.run(scope, { post: 'inv-42', queries: ['cold brew caffeine'] });
    expect(again.refresh.id).toBe(r.id);
    expect(again.refresh.status).toBe('review');
    const charges = await t.db
      .selectFrom('credit_transactions')
      .select(['op_id'])
      .where('kind', '=', 'charge')
      .where('op_id', 'like', `refresh:${r.id}:%`)
      .execute();
    expect(charges.map((c) => c.op_id).sort()).toEqual([`refresh:${r.id}:links`, `refresh:${r.id}:rewrite`]);
  });

  it('names unknown posts and an open refresh clearly', async () => {
    const { scope, refresh } = await setup();
    await expect(refresh.run(scope, { post: 'https://wp.test/nope/' })).rejects.toMatchObject({
      code: 'REFRESH_POST_NOT_FOUND',
    });
    const { refresh: r } = await refresh.run(scope, { post: 'cold-brew' });
    await expect(refresh.run(scope, { post: 'cold-brew' })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { refreshId: r.id },
    });
    expect(await t.db.selectFrom('content_refreshes').select('id').execute()).toHaveLength(1);
  });
});

describe('keepPublishMarkers', () => {
  it("puts back igny8's publish marker when the rewrite dropped it, once", () => {
    const live = '<p>old</p>\n<!-- igny8:abc123def -->';
    expect(keepPublishMarkers(live, '<p>new</p>\n')).toBe('<p>new</p>\n<!-- igny8:abc123def -->');
    expect(keepPublishMarkers(live, `<p>new</p>\n<!-- igny8:abc123def -->`)).toBe(
      '<p>new</p>\n<!-- igny8:abc123def -->',
    );
    expect(keepPublishMarkers('<p>old</p>', '<p>new</p>')).toBe('<p>new</p>');
  });
});

describe('planInPlaceUpdate', () => {
  const refresh = { live_modified: 'm1', live_hash: contentHash('<p>old</p>'), draft_html: '<p>new</p>' };
  it('updates an unchanged post, recognizes a landed update, refuses an edited post', () => {
    expect(
      planInPlaceUpdate(refresh, { modified: 'm1', hash: contentHash('<p>old</p>'), html: '<p>old</p>' }),
    ).toBe('update');
    expect(
      planInPlaceUpdate(refresh, { modified: 'm2', hash: contentHash('<p>new</p>'), html: '<p>new</p>' }),
    ).toBe('landed');
    // WordPress reformatted our HTML: the text is still ours.
    expect(planInPlaceUpdate(refresh, { modified: 'm2', hash: 'x', html: '<p>\n  new\n</p>' })).toBe(
      'landed',
    );
    expect(planInPlaceUpdate(refresh, { modified: 'm2', hash: 'y', html: '<p>old, edited</p>' })).toBe(
      'changed',
    );
  });
});
