import { afterEach, describe, expect, it } from 'vitest';
import { seedArticle } from '../../test/helpers/seed-content.js';
import { seedTenant, type SeededTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import type { Db } from '../db/index.js';
import { newId, nowIso } from '../util/ids.js';
import { rankCandidates } from './candidates-rank.js';
import { mergePlan } from './cannibal-merge.service.js';
import { renderRedirects } from './cannibal-redirects.js';

const H = 'https://blog.test';
const A = `${H}/grinder-guide/`; // decays by clicks; striking for "grinder settings espresso"
const B = `${H}/best-grinders/`; // decays by position; competes with A for "coffee grinder"
const C = `${H}/tiny-page/`; // a tiny share of "coffee grinder", strong on "grinder cleaning"
const D = `${H}/lonely-post/`; // no data, no links
const ART = `${H}/cold-brew-guide-1/`; // our article: striking for "iced coffee recipe" only

type Row = [date: string, page: string, query: string, clicks: number, impressions: number, position: number];

// Current window: 2026-03-01 … 2026-03-28 (the last day with data); previous: 2026-02-01 … 2026-02-28.
const ROWS: Row[] = [
  // A: page totals 200 → 90 clicks (−110, −55%); a row before both windows must not count.
  ['2026-01-10', A, '', 9999, 99999, 1],
  ['2026-02-15', A, '', 200, 4000, 4],
  ['2026-03-20', A, '', 50, 2000, 4],
  ['2026-03-28', A, '', 40, 1800, 5],
  ['2026-03-20', A, 'coffee grinder', 40, 1000, 6],
  ['2026-03-21', A, 'grinder settings espresso', 2, 400, 14],
  ['2026-03-21', A, 'burr grinder', 3, 200, 15], // covered: the excerpt says "burr grinder"
  ['2026-03-22', A, 'grinder cleaning', 0, 40, 15],
  // B: clicks steady (50 → 48), position 5 → 9 on 1,000 impressions each.
  ['2026-02-10', B, '', 50, 1000, 5],
  ['2026-03-10', B, '', 48, 1000, 9],
  ['2026-03-10', B, 'coffee grinder', 10, 600, 8], // in the band, but the title covers it
  // C: 30 of 1,630 "coffee grinder" impressions (1.8%); owns "grinder cleaning".
  ['2026-03-11', C, 'coffee grinder', 0, 30, 30],
  ['2026-03-11', C, 'grinder cleaning', 60, 900, 3],
  // Our article: one uncovered striking query, two covered ones.
  ['2026-03-12', ART, 'iced coffee recipe', 5, 800, 11],
  ['2026-03-12', ART, 'cold brew ratio', 4, 500, 12],
  ['2026-03-13', ART, 'cold brew coffee', 3, 300, 9],
  // Noise: 2 → 1 clicks is not decay.
  ['2026-02-12', `${H}/small/`, '', 2, 20, 7],
  ['2026-03-12', `${H}/small/`, '', 1, 18, 8],
];

async function seedSite(db: Db, t: SeededTenant) {
  const now = nowIso();
  const destId = newId();
  await db
    .insertInto('publish_destinations')
    .values({
      id: destId,
      account_id: t.accountId,
      site_id: t.siteId,
      kind: 'wordpress',
      name: 'blog',
      config: JSON.stringify({ url: H, user: 'editor' }),
      secret_enc: 'x',
      status: 'active',
      created_at: now,
      updated_at: now,
    })
    .execute();
  const posts: Array<[string, string, string | null, string[]]> = [
    [A, 'Coffee grinder guide', 'How to choose a burr grinder for every brew.', ['grinders']],
    [B, 'Best coffee grinders 2026', null, []],
    [C, 'Grinder cleaning', null, []],
    [D, 'Lonely post', null, []],
  ];
  const inventoryIds: string[] = [];
  for (const [i, [url, title, excerpt, tags]] of posts.entries()) {
    const id = newId();
    inventoryIds.push(id);
    await db
      .insertInto('site_inventory')
      .values({
        id,
        account_id: t.accountId,
        site_id: t.siteId,
        destination_id: destId,
        remote_id: String(i + 1),
        kind: 'post',
        title,
        url,
        slug: new URL(url).pathname.replaceAll('/', ''),
        excerpt,
        categories: '[]',
        tags: JSON.stringify(tags),
        focus_keyword: null,
        remote_modified_at: now,
        content_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  // Our article, live on the site; its body links to A. A second (unpublished) article links to it.
  const article = await seedArticle(db, t, 1);
  const other = await seedArticle(db, t, 2);
  await db
    .updateTable('contents')
    .set({
      html:
        '<p>Cold brew coffee is smooth.</p><h2>Beans</h2><p>The cold brew ratio is 1:8.</p>' +
        `<p>Grind coarse (see <a href="${H}/grinder-guide/">our grinder guide</a>) or <a href="https://else.test/b/">elsewhere</a>.</p>`,
    })
    .where('id', '=', article)
    .execute();
  await db
    .insertInto('publish_records')
    .values({
      id: newId(),
      account_id: t.accountId,
      site_id: t.siteId,
      content_id: article,
      destination_id: destId,
      status: 'published',
      intent: null,
      marker: 'm1',
      remote_id: '99',
      remote_url: ART,
      remote_status: 'publish',
      remote_media: '{}',
      scheduled_at: null,
      published_at: now,
      attempts: 1,
      error: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('internal_links')
    .values({
      id: newId(),
      account_id: t.accountId,
      site_id: t.siteId,
      destination_id: destId,
      source_content_id: other,
      target_content_id: article,
      anchor: 'cold brew',
      status: 'live',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('search_console_rows')
    .values(
      ROWS.map(([date, page, query, clicks, impressions, position]) => ({
        account_id: t.accountId,
        site_id: t.siteId,
        date,
        page,
        query,
        clicks,
        impressions,
        position,
      })),
    )
    .execute();
  return { article, inventoryIds };
}

describe.each(DIALECTS)('refresh candidates on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function setup() {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const b = await seedTenant(t.db, 'b');
    const seeded = await seedSite(t.db, a);
    return {
      a: { accountId: a.accountId, siteId: a.siteId },
      b: { accountId: b.accountId, siteId: b.siteId },
      ...seeded,
    };
  }

  it('ranks decay, striking distance, cannibalization and orphans with their figures, best first', async () => {
    const { a, article, inventoryIds } = await setup();
    const r = await rankCandidates(t.db, a, { limit: 100 });
    expect(r.window).toEqual({
      days: 28,
      from: '2026-03-01',
      to: '2026-03-28',
      previousFrom: '2026-02-01',
      previousTo: '2026-02-28',
    });
    expect(r.hint).toBeNull();
    expect(r.candidates.map((c) => [c.kind, c.page.url, c.queries[0] ?? null, c.score])).toEqual([
      ['decay', A, 'coffee grinder', 110],
      ['striking', ART, 'iced coffee recipe', 70.4],
      ['striking', A, 'grinder settings espresso', 36.4],
      ['decay', B, 'coffee grinder', 30],
      ['cannibal', A, 'coffee grinder', 24],
      ['orphan', C, null, 7],
      ['orphan', B, null, 5.8],
      ['orphan', D, null, 1],
    ]);
    expect(r.counts).toEqual({ decay: 2, striking: 2, cannibal: 1, orphan: 3 });
    expect(r.total).toBe(8);

    const [decayA, strikeArt, strikeA, decayB, cannibal] = r.candidates;
    expect(decayA!.page).toEqual({
      url: A,
      title: 'Coffee grinder guide',
      inventoryId: inventoryIds[0],
      contentId: null,
    });
    expect(decayA!.metrics).toMatchObject({
      clicks: 90,
      previousClicks: 200,
      clicksLost: 110,
      clickLossPct: 55,
    });
    expect(decayA!.reason).toBe(
      'Clicks fell 55% (200 → 90, −110) in the last 28 days (2026-03-01 – 2026-03-28) against the 28 before.',
    );
    expect(decayB!.metrics).toMatchObject({
      clicks: 48,
      previousClicks: 50,
      position: 9,
      previousPosition: 5,
    });
    expect(decayB!.reason).toContain('Average position slipped 5.0 → 9.0');

    expect(strikeArt!.page.contentId).toBe(article);
    expect(strikeArt!.metrics).toMatchObject({ impressions: 800, clicks: 5, position: 11 });
    expect(strikeArt!.reason).toContain("checked the article's title, headings and body");
    expect(strikeA!.reason).toContain("checked the post's title, excerpt");
    // Covered queries are not striking: "cold brew ratio" (body phrase), "cold brew coffee" (body),
    // "burr grinder" (the excerpt), "coffee grinder" on B (title words).
    const striking = r.candidates.filter((c) => c.kind === 'striking').map((c) => c.queries[0]);
    expect(striking).not.toContain('cold brew ratio');
    expect(striking).not.toContain('burr grinder');

    // C's 1.8% of "coffee grinder" is not competing; "grinder cleaning" (A has 4%) is no cannibalization.
    expect(cannibal!.pages!.map((p) => [p.url, p.share, p.clicks])).toEqual([
      [A, 0.61, 40],
      [B, 0.37, 10],
    ]);
    expect(cannibal!.reason).toContain('2 pages split the 1,630 impressions for "coffee grinder"');
    expect(cannibal!.reason).toContain('(1 page with a share under 10% ignored)');
    expect(r.candidates.filter((c) => c.kind === 'cannibal').map((c) => c.queries[0])).toEqual([
      'coffee grinder',
    ]);

    // Orphans: A is linked from our article's body, our article from a stored live link.
    const orphans = r.candidates.filter((c) => c.kind === 'orphan');
    expect(orphans.map((c) => c.page.url)).not.toContain(A);
    expect(orphans.map((c) => c.page.url)).not.toContain(ART);
    expect(orphans[0]!.reason).toContain(
      'checked 1 live internal link igny8 recorded and the links in 1 published igny8 article body',
    );
  });

  it('filters by kind, limits, and ranks the same way every time', async () => {
    const { a } = await setup();
    const once = await rankCandidates(t.db, a, { kinds: ['orphan'], limit: 2 });
    expect(once.candidates.map((c) => c.page.url)).toEqual([C, B]);
    expect(once.total).toBe(3);
    expect(once.counts).toEqual({ orphan: 3 });
    expect(await rankCandidates(t.db, a, { kinds: ['orphan'], limit: 2 })).toEqual(once);
    // Stricter thresholds are options: a 60% loss floor leaves A's 55% out.
    const strict = await rankCandidates(t.db, a, { kinds: ['decay'], decay: { minClickLossPct: 60 } });
    expect(strict.candidates.map((c) => c.page.url)).toEqual([B]);
    // One page's candidates (what a refresh run of that post works from), whatever the URL's spelling.
    const forB = await rankCandidates(t.db, a, { page: 'http://www.blog.test/best-grinders' });
    expect(forB.candidates.map((c) => [c.kind, c.queries[0] ?? null])).toEqual([
      ['decay', 'coffee grinder'],
      ['cannibal', 'coffee grinder'],
      ['orphan', null],
    ]);
  });

  it('gives an empty list with a hint, not an error, for a site with no data (and sees no other tenant)', async () => {
    const { b } = await setup();
    const r = await rankCandidates(t.db, b);
    expect(r).toMatchObject({ window: null, candidates: [], total: 0 });
    expect(r.hint).toMatch(/No Search Console data for this site yet/);
    await expect(rankCandidates(t.db, b, { windowDays: 3 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('plans a merge for a query: keeps the page with the most clicks, redirects the other, leaves the tiny one', async () => {
    const { a } = await setup();
    const plan = await mergePlan(t.db, a, { query: 'coffee grinder' });
    expect(plan.keep).toMatchObject({ url: A, clicks: 40, inboundLinks: 1 });
    expect(plan.why).toBe(
      `${A} is kept: it has the most clicks (40 against 10 for the next page). 1 page with a tiny share of the impressions is left out.`,
    );
    expect(plan.ignored.map((p) => p.url)).toEqual([C]);
    expect(plan.redirects).toEqual([{ from: '/best-grinders/', fromUrl: B, to: A, code: 301 }]);
    expect(renderRedirects(plan, 'csv')).toBe(`source,target,regex,code\n/best-grinders/,${A},0,301\n`);
    expect(renderRedirects(plan, 'nginx')).toContain(
      `location ~ "^/best-grinders/?$" {\n    return 301 ${A};\n}`,
    );

    const byUrls = await mergePlan(t.db, a, { pageUrls: [D, `${H}/best-grinders`] });
    expect(byUrls.keep?.url).toBe(`${H}/best-grinders`);
    expect(byUrls.redirects).toEqual([
      { from: '/lonely-post/', fromUrl: D, to: `${H}/best-grinders`, code: 301 },
    ]);

    const none = await mergePlan(t.db, a, { query: 'nobody searches this' });
    expect(none).toMatchObject({ keep: null, redirects: [] });
    await expect(mergePlan(t.db, a, {})).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
