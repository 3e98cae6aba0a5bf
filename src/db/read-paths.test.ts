import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { seedTenant, type SeededTenant } from '../../test/helpers/seed-tenant.js';
import { listUsage } from '../credits/usage.repository.js';
import { listClusterRows } from '../planner/clusters.repository.js';
import { listIdeaRows } from '../planner/ideas.repository.js';
import { listKeywordRows } from '../planner/keywords.repository.js';
import { searchTable } from '../search/search.repository.js';
import { listContentRows } from '../writer/contents.repository.js';
import { listTasks } from '../writer/tasks.service.js';
import { MIGRATION_NAMES, migrateDown, migrateUp } from './migrate.js';
import { nearerEnd } from './nearer-end.js';
import type { Db } from './transaction.js';

// The lists read ids first from the nearer end and search through text indexes (0010-read-paths):
// every page and every search must give exactly what the plain ordered scan gives.

const N = 47;
const TITLES = ['Cold brew guide', 'Best running shoes', '100% cotton shirts', 'Über café tips', 'pour_over'];
/** Few distinct timestamps, so ties are broken by id as the lists promise. */
const stamp = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i % 7)).toISOString();

async function seed(db: Db, t: SeededTenant, other: SeededTenant) {
  for (let i = 0; i < N; i++) {
    const tenant = i % 9 === 8 ? other : t;
    const id = `x${String((i * 37) % 101).padStart(3, '0')}`;
    const title = `${TITLES[i % TITLES.length]} ${i}`;
    await db
      .insertInto('ideas')
      .values({
        id: `i-${id}`,
        account_id: tenant.accountId,
        site_id: tenant.siteId,
        sector_id: tenant.sectorId,
        cluster_id: null,
        title,
        brief: i % 4 === 0 ? null : `brief about espresso ${i}`,
        outline: '{"sections":[]}',
        primary_keywords: '[]',
        secondary_keywords: '[]',
        target_words: 800,
        content_type: 'post',
        structure: 'guide',
        source: 'ai',
        status: i % 3 === 0 ? 'queued' : 'new',
        created_at: stamp(i),
        updated_at: stamp(i),
      })
      .execute();
    await db
      .insertInto('clusters')
      .values({
        id: `cl-${id}`,
        account_id: tenant.accountId,
        site_id: tenant.siteId,
        sector_id: tenant.sectorId,
        name: `${TITLES[i % TITLES.length]} ${i % 11}`,
        description: null,
        primary_keyword: null,
        keyword_count: i % 4,
        volume_sum: (i % 6) * 100,
        method: 'local',
        status: 'new',
        created_at: stamp(i),
        updated_at: stamp(i),
      })
      .execute();
    await db
      .insertInto('keywords')
      .values({
        id: `k-${id}`,
        account_id: tenant.accountId,
        site_id: tenant.siteId,
        sector_id: tenant.sectorId,
        keyword: `${TITLES[i % TITLES.length]} ${i}`,
        normalized: `${TITLES[i % TITLES.length]} ${i}`.toLowerCase(),
        volume: i % 5 === 0 ? null : (i % 4) * 10,
        difficulty: i % 3 === 0 ? null : i % 7,
        cpc: null,
        intent: null,
        source: 'test',
        cluster_id: null,
        status: 'new',
        created_at: stamp(i),
        updated_at: stamp(i),
      })
      .execute();
    await db
      .insertInto('tasks')
      .values({
        id: `t-${id}`,
        account_id: tenant.accountId,
        site_id: tenant.siteId,
        sector_id: tenant.sectorId,
        idea_id: `i-${id}`,
        prompt_override: null,
        attempts: 0,
        error: null,
        status: i % 2 ? 'queued' : 'done',
        created_at: stamp(i),
        updated_at: stamp(i),
      })
      .execute();
    await db
      .insertInto('contents')
      .values({
        id: `c-${id}`,
        account_id: tenant.accountId,
        site_id: tenant.siteId,
        sector_id: tenant.sectorId,
        task_id: null,
        idea_id: null,
        cluster_id: null,
        title,
        slug: `s-${id}`,
        html: `<p>${'body '.repeat(50)}</p>`,
        excerpt: null,
        meta_title: null,
        meta_description: null,
        focus_keyword: i % 5 === 0 ? null : i % 2 ? 'cold brew coffee' : 'Trail Running',
        keywords: '[]',
        word_count: 50,
        seo_score: 70,
        seo_report: '{"score":70,"wordCount":50,"readingEase":60,"checks":[]}',
        link_suggestions: null,
        provenance: '{}',
        status: i % 4 === 0 ? 'approved' : 'review',
        created_at: stamp(i),
        updated_at: stamp(i),
      })
      .execute();
    await db
      .insertInto('usage_log')
      .values({
        id: `u-${id}`,
        account_id: tenant.accountId,
        site_id: i % 6 === 0 ? null : tenant.siteId,
        op_id: `op-${id}`,
        operation: 'write',
        provider: 'sandbox',
        model: 'm',
        tokens_in: 1,
        tokens_out: 1,
        tokens_cached: 0,
        images: 0,
        credits: 1,
        usd: 0,
        object_type: null,
        object_id: null,
        status: 'ok',
        error: null,
        created_at: stamp(i),
      })
      .execute();
  }
}

/** Every page of `size` through a lister equals the same slice of the reference order. */
async function pagesMatch<R extends { id: string }>(
  list: (p: { limit: number; offset: number }) => Promise<{ rows: R[]; total: number }>,
  reference: string[],
  size: number,
) {
  for (let offset = 0; offset <= reference.length + size; offset += size) {
    const page = await list({ limit: size, offset });
    expect(page.total).toBe(reference.length);
    expect(page.rows.map((r) => r.id)).toEqual(reference.slice(offset, offset + size));
  }
}

const byNewest = (a: { created_at: string; id: string }, b: { created_at: string; id: string }) =>
  a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

describe('nearerEnd', () => {
  it('reads the far half backwards and never past the end', () => {
    expect(nearerEnd(100, 10, 0)).toEqual({ limit: 10, offset: 0, reversed: false });
    expect(nearerEnd(100, 10, 90)).toEqual({ limit: 10, offset: 0, reversed: true });
    expect(nearerEnd(100, 30, 80)).toEqual({ limit: 20, offset: 0, reversed: true });
    expect(nearerEnd(100, 10, 60)).toEqual({ limit: 10, offset: 30, reversed: true });
    expect(nearerEnd(100, 10, 45)).toEqual({ limit: 10, offset: 45, reversed: false });
    expect(nearerEnd(100, 10, 100).limit).toBe(0);
    expect(nearerEnd(0, 10, 0).limit).toBe(0);
  });
});

describe.each(DIALECTS)('read paths (0010) on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('pages contents, ideas and usage exactly like the ordered scan, from both ends', async () => {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const b = await seedTenant(t.db, 'b');
    await seed(t.db, a, b);
    const scope = { accountId: a.accountId };

    const contents = await t.db
      .selectFrom('contents')
      .selectAll()
      .where('account_id', '=', a.accountId)
      .execute();
    const newest = [...contents].sort(byNewest);
    for (const size of [1, 4, 10]) {
      await pagesMatch(
        (p) => listContentRows(t.db, scope, {}, p),
        newest.map((r) => r.id),
        size,
      );
    }
    await pagesMatch(
      (p) => listContentRows(t.db, scope, { siteId: a.siteId, status: 'review' }, p),
      newest.filter((r) => r.status === 'review').map((r) => r.id),
      3,
    );
    const page = await listContentRows(t.db, scope, {}, { limit: 5, offset: 0 });
    expect(page.rows[0]).not.toHaveProperty('html');
    expect(page.rows[0]).not.toHaveProperty('seo_report');

    const ideas = await t.db.selectFrom('ideas').selectAll().where('account_id', '=', a.accountId).execute();
    const ideasNewest = [...ideas].sort(byNewest);
    await pagesMatch(
      (p) => listIdeaRows(t.db, scope, {}, p),
      ideasNewest.map((r) => r.id),
      4,
    );
    await pagesMatch(
      (p) => listIdeaRows(t.db, scope, { status: 'queued' }, p),
      ideasNewest.filter((r) => r.status === 'queued').map((r) => r.id),
      2,
    );

    // Keywords: nulls last in either direction, ties by id.
    const kws = await t.db.selectFrom('keywords').selectAll().where('account_id', '=', a.accountId).execute();
    const nullsLast =
      (col: 'volume' | 'difficulty', dir: 1 | -1) => (x: (typeof kws)[number], y: (typeof kws)[number]) => {
        const u = x[col];
        const v = y[col];
        if (u !== v) {
          if (u === null) return 1;
          if (v === null) return -1;
          return (u - v) * dir;
        }
        return x.id < y.id ? -1 : 1;
      };
    for (const [sort, cmpFn] of [
      ['-volume', nullsLast('volume', -1)],
      ['volume', nullsLast('volume', 1)],
      ['-difficulty', nullsLast('difficulty', -1)],
    ] as const) {
      await pagesMatch(
        (p) => listKeywordRows(t.db, { accountId: a.accountId, siteId: a.siteId }, {}, { ...p, sort }),
        [...kws].sort(cmpFn).map((r) => r.id),
        4,
      );
    }
    // Clusters: every sort, both directions, ties by id.
    const cls = await t.db.selectFrom('clusters').selectAll().where('account_id', '=', a.accountId).execute();
    for (const [sort, col] of [
      ['-volume', 'volume_sum'],
      ['volume', 'volume_sum'],
      ['name', 'name'],
      ['-keywords', 'keyword_count'],
      ['created', 'created_at'],
    ] as const) {
      const dir = sort.startsWith('-') ? -1 : 1;
      const ref = [...cls]
        .sort((x, y) => (x[col] < y[col] ? -dir : x[col] > y[col] ? dir : x.id < y.id ? -1 : 1))
        .map((r) => r.id);
      await pagesMatch(
        (p) => listClusterRows(t.db, { accountId: a.accountId, siteId: a.siteId }, {}, { ...p, sort }),
        ref,
        5,
      );
    }

    const tasks = await t.db.selectFrom('tasks').selectAll().where('account_id', '=', a.accountId).execute();
    const tasksNewest = [...tasks].sort(byNewest);
    await pagesMatch(
      async (p) => {
        const r = await listTasks(t.db, { accountId: a.accountId, siteId: a.siteId }, p);
        return { rows: r.items, total: r.total };
      },
      tasksNewest.map((r) => r.id),
      6,
    );

    const usage = await t.db
      .selectFrom('usage_log')
      .selectAll()
      .where('account_id', '=', a.accountId)
      .execute();
    // Newest first, then id descending.
    const usageNewest = [...usage].sort((x, y) =>
      x.created_at === y.created_at ? (x.id < y.id ? 1 : -1) : x.created_at < y.created_at ? 1 : -1,
    );
    await pagesMatch(
      (p) => listUsage(t.db, scope, p),
      usageNewest.map((r) => r.id),
      5,
    );
    await pagesMatch(
      (p) => listUsage(t.db, scope, { ...p, siteId: a.siteId, since: stamp(2) }),
      usageNewest.filter((r) => r.site_id === a.siteId && r.created_at >= stamp(2)).map((r) => r.id),
      3,
    );
  });

  it('searches by substring through the text index, same results as LIKE, kept in sync on writes', async () => {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const b = await seedTenant(t.db, 'b');
    await seed(t.db, a, b);
    const scope = { accountId: a.accountId };
    const contents = await t.db
      .selectFrom('contents')
      .selectAll()
      .where('account_id', '=', a.accountId)
      .execute();
    const like = (s: string | null, q: string) => (s ?? '').toLowerCase().includes(q.toLowerCase());
    // Case-insensitive, in title or focus keyword, wildcards literal, short texts too.
    for (const q of ['RUNNING', 'cold brew', '100%', 'pour_', 'ur_o', 'caf', 'é', 'zz', 'nothing like it']) {
      const expected = contents
        .filter((r) => like(r.title, q) || like(r.focus_keyword, q))
        .sort(byNewest)
        .map((r) => r.id);
      const got = await listContentRows(t.db, scope, { search: q }, { limit: 100, offset: 0 });
      expect(
        got.rows.map((r) => r.id),
        q,
      ).toEqual(expected);
      expect(got.total, q).toBe(expected.length);
    }
    const ideas = await t.db.selectFrom('ideas').selectAll().where('account_id', '=', a.accountId).execute();
    for (const q of ['espresso 1', 'Shoes', 'x']) {
      const expected = ideas
        .filter((r) => like(r.title, q) || like(r.brief, q))
        .sort(byNewest)
        .map((r) => r.id);
      const got = await listIdeaRows(t.db, scope, { search: q }, { limit: 100, offset: 0 });
      expect(
        got.rows.map((r) => r.id),
        q,
      ).toEqual(expected);
    }

    // Writes reach the index: a new title is found, the old one no longer, a deleted row is gone.
    const target = contents.find((r) => r.title.startsWith('Best running'))!;
    await t.db
      .updateTable('contents')
      .set({ title: 'Kayak paddles compared' })
      .where('id', '=', target.id)
      .execute();
    const found = await searchTable(t.db, scope, 'contents', 'kayak paddle', 10);
    expect(found.map((r) => r.id)).toEqual([target.id]);
    const old = await listContentRows(t.db, scope, { search: target.title }, { limit: 10, offset: 0 });
    expect(old.rows).toEqual([]);
    await t.db.deleteFrom('contents').where('id', '=', target.id).execute();
    expect(await searchTable(t.db, scope, 'contents', 'kayak paddle', 10)).toEqual([]);
    // Another account's rows never come back.
    const otherTitle = (
      await t.db
        .selectFrom('contents')
        .select('title')
        .where('account_id', '=', b.accountId)
        .executeTakeFirstOrThrow()
    ).title;
    expect((await searchTable(t.db, scope, 'contents', otherTitle, 10)).length).toBe(0);
  });

  it('migrates down and up again', async () => {
    t = await createTestDb(dialect);
    // Later migrations come off first (as in 0002's test), so this keeps testing 0010 itself.
    const later = MIGRATION_NAMES.slice(MIGRATION_NAMES.indexOf('0010-read-paths') + 1);
    for (const _ of later) await migrateDown(t.db);
    expect(await migrateDown(t.db)).toEqual(['0010-read-paths']);
    expect(await migrateUp(t.db)).toEqual(['0010-read-paths', ...later]);
  });
});
