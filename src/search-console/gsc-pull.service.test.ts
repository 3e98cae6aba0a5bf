import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { createSecretBox } from '../secrets/index.js';
import {
  createFakeSearchConsole,
  fakeServiceAccount,
  type FakeGscRow,
  type FakeSearchConsole,
} from '../testing/fake-search-console/index.js';
import { pageQueryTotals } from './gsc-reads.repository.js';
import { createSearchConsoleService, type SearchConsoleService } from './search-console.service.js';

const sa = fakeServiceAccount();
const PROPERTY = 'sc-domain:example.com';
// 26,000 rows on one day (two API pages), a few on the others.
const rows: FakeGscRow[] = [
  ...Array.from({ length: 26_000 }, (_, i) => ({
    date: '2026-03-02',
    page: `https://example.com/p${i % 50}`,
    query: `query ${i}`,
    clicks: i % 7,
    impressions: 10 + (i % 7),
    position: 1 + (i % 30),
  })),
  {
    date: '2026-03-01',
    page: 'https://example.com/kettles',
    query: 'best kettle',
    clicks: 4,
    impressions: 10,
    position: 2,
  },
  {
    date: '2026-03-01',
    page: 'https://example.com/kettles',
    query: 'kettle',
    clicks: 1,
    impressions: 30,
    position: 6,
  },
  {
    date: '2026-03-03',
    page: 'https://example.com/kettles',
    query: 'best kettle',
    clicks: 2,
    impressions: 20,
    position: 3,
  },
];

let gsc: FakeSearchConsole;
beforeAll(async () => {
  gsc = await createFakeSearchConsole({
    clientEmail: sa.clientEmail,
    publicKey: sa.publicKey,
    properties: { [PROPERTY]: rows },
  });
});
afterAll(async () => gsc.close());

describe.each(DIALECTS)('Search Console pull on %s', (dialect) => {
  let t: TestDb;
  let svc: SearchConsoleService;
  let scope: { accountId: string; siteId: string };
  afterEach(async () => t?.close());

  async function setup() {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    await t.db.updateTable('sites').set({ domain: 'example.com' }).where('id', '=', a.siteId).execute();
    scope = { accountId: a.accountId, siteId: a.siteId };
    svc = createSearchConsoleService({
      db: t.db,
      secrets: createSecretBox(Buffer.alloc(32, 7)),
      api: { apiBaseUrl: gsc.apiBaseUrl, tokenUrl: gsc.tokenUrl, retries: 3, retryBaseMs: 1 },
    });
  }

  it('pulls through google-auth-library, pages by startRow, then pulls incrementally and charts', async () => {
    await setup();
    const conn = await svc.connect(scope, { property: PROPERTY, key: sa.json });
    expect(conn).toMatchObject({ property: PROPERTY, clientEmail: sa.clientEmail });
    const stored = await t.db
      .selectFrom('search_console_connections')
      .select('key_enc')
      .executeTakeFirstOrThrow();
    expect(stored.key_enc).not.toContain('PRIVATE KEY');
    gsc.stats.queries.length = 0;
    const progress: number[] = [];
    const r = await svc.pull(scope, {
      from: '2026-03-01',
      to: '2026-03-03',
      onProgress: (p) => progress.push(p.done),
    });
    expect(r).toMatchObject({
      dateFrom: '2026-03-01',
      dateTo: '2026-03-03',
      days: 3,
      fetched: 26_003,
      stored: 26_003,
      replaced: 0,
    });
    expect(progress).toEqual([1, 2, 3]);
    const day2 = gsc.stats.queries.filter((q) => q.body.startDate === '2026-03-02');
    expect(day2.map((q) => q.body.startRow)).toEqual([0, 25_000]);
    expect(gsc.stats.queries.every((q) => q.body.dataState === 'final' && q.body.rowLimit === 25_000)).toBe(
      true,
    );

    // Incremental: the last day held is 03-03, so the pull starts 3 days back (revised days) to yesterday.
    gsc.stats.queries.length = 0;
    const again = await svc.pull(scope, { today: '2026-03-05' });
    expect([again.dateFrom, again.dateTo]).toEqual(['2026-03-01', '2026-03-04']);
    expect(again.replaced).toBe(26_003);
    expect(again.stored).toBe(26_003);

    const series = await svc.series(scope, {
      page: 'https://example.com/kettles',
      from: '2026-03-01',
      to: '2026-03-03',
    });
    expect(series.days.map((d) => [d.date, d.clicks, d.impressions, d.position])).toEqual([
      ['2026-03-01', 5, 40, 5], // (2·10 + 6·30) / 40
      ['2026-03-03', 2, 20, 3],
    ]);
    expect(series.totals).toEqual({ clicks: 7, impressions: 60, position: (200 + 60) / 60 });
    const q = await svc.series(scope, { query: 'best kettle', from: '2026-03-01', to: '2026-03-03' });
    expect(q.totals).toMatchObject({ clicks: 6, impressions: 30 });
    const top = await svc.topPages(scope, { limit: 5, offset: 0, from: '2026-03-01', to: '2026-03-03' });
    expect(top.total).toBe(51);
    expect(top.items).toHaveLength(5);
    expect(top.items[0]!.clicks).toBeGreaterThanOrEqual(top.items[1]!.clicks);
    const last = await svc.topPages(scope, { limit: 5, offset: 50, from: '2026-03-01', to: '2026-03-03' });
    expect(last.items).toHaveLength(1);
    const queries = await svc.topQueries(scope, { limit: 3, offset: 0, search: 'KETTLE' });
    expect(queries.items.map((i) => i.key)).toEqual(['best kettle', 'kettle']);
    const pairs = await pageQueryTotals(
      t.db,
      scope,
      { from: '2026-03-01', to: '2026-03-03' },
      { limit: 2, offset: 0, minImpressions: 25 },
    );
    expect(pairs[0]).toEqual({
      page: 'https://example.com/kettles',
      query: 'best kettle',
      clicks: 6,
      impressions: 30,
      position: 8 / 3,
    });
    expect(pairs[1]).toMatchObject({ page: 'https://example.com/kettles', query: 'kettle', impressions: 30 });
    const status = await svc.status(scope);
    expect(status.syncs.map((s) => s.source)).toEqual(['api', 'api']);
    expect(JSON.stringify(status)).not.toContain('PRIVATE');
  });

  it('rides out 429, 500 and a revoked token; explains 403 and a foreign key', async () => {
    await setup();
    await svc.connect(scope, { property: PROPERTY, key: sa.json });
    const tokensBefore = gsc.stats.tokens;
    gsc.inject([429, 500, 401]);
    const r = await svc.pull(scope, { from: '2026-03-03', to: '2026-03-03' });
    expect(r.stored).toBe(1);
    expect(gsc.stats.tokens - tokensBefore).toBe(2);

    await svc.connect(scope, { property: 'sc-domain:not-shared.com', key: sa.json });
    const forbidden = await svc.pull(scope, { from: '2026-03-03', to: '2026-03-03' }).catch((e) => e);
    expect(forbidden.code).toBe('GSC_FORBIDDEN');
    expect(forbidden.hint).toContain(sa.clientEmail);

    await svc.connect(scope, { property: PROPERTY, key: fakeServiceAccount(sa.clientEmail).json });
    const refused = await svc.pull(scope, { from: '2026-03-03', to: '2026-03-03' }).catch((e) => e);
    expect(refused.code).toBe('GSC_AUTH_FAILED');
    expect(refused.message).toMatch(/invalid_grant/);
    expect(refused.message).not.toContain('PRIVATE');

    gsc.inject([500, 500, 500, 500]);
    await svc.connect(scope, { property: PROPERTY, key: sa.json });
    const down = await svc.pull(scope, { from: '2026-03-03', to: '2026-03-03' }).catch((e) => e);
    expect(down.code).toBe('GSC_API_FAILED');
    // Failed pulls wrote nothing beyond the first one.
    expect(await t.db.selectFrom('search_console_syncs').selectAll().execute()).toHaveLength(1);

    const code = (p: Promise<unknown>) => p.catch((e: { code: string }) => e.code);
    expect(await code(svc.connect(scope, { property: PROPERTY, key: '{}' }))).toBe('VALIDATION_FAILED');
    expect(await code(svc.connect(scope, { property: 'example.com', key: sa.json }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await code(svc.connect(scope, { property: PROPERTY, key: '{"type":"service_account"}' }))).toBe(
      'GSC_KEY_INVALID',
    );
    expect(
      await svc
        .connect(scope, {
          property: PROPERTY,
          key: JSON.stringify({ type: 'user', client_email: 'a@b.co', x: 'y'.repeat(20) }),
        })
        .catch((e) => e.code),
    ).toBe('GSC_KEY_INVALID');
    expect(await svc.disconnect(scope)).toEqual({ removed: true });
    expect(await svc.pull(scope).catch((e) => e.code)).toBe('GSC_NOT_CONFIGURED');
  });
});
