import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/planner/keyword-fixtures.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { clusterLocal } from './cluster-local.service.js';
import { importKeywords } from './keyword-import.service.js';
import { syntheticKeywords } from './synthetic-keywords.js';

describe.each(DIALECTS)('clusterLocal on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function setup() {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    return { accountId: a.accountId, siteId: a.siteId, sectorId: a.sectorId };
  }

  /** Stored clusters agree with their keywords: counts, sums, statuses, one cluster per keyword. */
  async function expectStoredConsistent() {
    const clusters = await t.db.selectFrom('clusters').selectAll().execute();
    for (const c of clusters) {
      const members = await t.db
        .selectFrom('keywords')
        .select(['volume', 'status', 'keyword'])
        .where('cluster_id', '=', c.id)
        .execute();
      expect(members.length).toBe(Number(c.keyword_count));
      expect(Number(c.volume_sum)).toBe(members.reduce((s, k) => s + (k.volume ?? 0), 0));
      expect(members.every((m) => m.status === 'clustered')).toBe(true);
      expect(members.map((m) => m.keyword)).toContain(c.primary_keyword);
      expect(c.method).toBe('local');
    }
    const { rows } = await sql<{
      n: number;
    }>`select count(*) as n from keywords where (status = 'clustered') <> (cluster_id is not null)`.execute(
      t.db,
    );
    expect(Number(rows[0]!.n)).toBe(0);
    return clusters;
  }

  it('clusters the fixture in one transaction, for free, and a re-run finds nothing new', async () => {
    const scope = await setup();
    await importKeywords(t.db, scope, { file: fixturePath('semrush-coffee.csv') });
    const r = await clusterLocal(t.db, scope);
    expect(r).toMatchObject({ method: 'local', dryRun: false, keywords: 80, credits: 0 });
    expect(r.clustered + r.unclustered).toBe(80);
    expect(r.clusters.reduce((s, c) => s + c.keywordCount, 0)).toBe(r.clustered);
    expect(r.unclusteredShare).toBeLessThan(0.1);
    const stored = await expectStoredConsistent();
    expect(stored).toHaveLength(r.clusters.length);
    expect(new Set(stored.map((c) => c.id))).toEqual(new Set(r.clusters.map((c) => c.id)));

    const again = await clusterLocal(t.db, scope);
    expect(again).toMatchObject({ keywords: r.unclustered, clustered: 0, clusters: [] });
  });

  it('a dry run plans the clusters the real run makes, and writes nothing', async () => {
    const scope = await setup();
    await importKeywords(t.db, scope, { file: fixturePath('ahrefs-coffee.csv') });
    const dry = await clusterLocal(t.db, scope, { dryRun: true });
    expect(dry.clusters.every((c) => c.id === null)).toBe(true);
    expect(await t.db.selectFrom('clusters').select('id').execute()).toEqual([]);
    const real = await clusterLocal(t.db, scope);
    expect(real.clusters.map(({ id: _id, ...c }) => c)).toEqual(dry.clusters.map(({ id: _id, ...c }) => c));
  });

  it('clusters a synthetic set and leaves excluded keywords alone', async () => {
    const scope = await setup();
    const lines = [
      'Keyword,Volume',
      ...syntheticKeywords(3000, { seed: 3 }).map((k) => `${k.keyword},${k.volume}`),
    ];
    const imported = await importKeywords(t.db, scope, { bytes: Buffer.from(lines.join('\n')) });
    expect(imported.imported).toBe(3000);
    await t.db
      .updateTable('keywords')
      .set({ status: 'excluded' })
      .where('normalized', 'like', '%repair%')
      .execute();
    const excluded = await t.db
      .selectFrom('keywords')
      .select('id')
      .where('status', '=', 'excluded')
      .execute();
    expect(excluded.length).toBeGreaterThan(0);
    const r = await clusterLocal(t.db, scope, { maxClusterSize: 15 });
    expect(r.keywords).toBe(3000 - excluded.length);
    expect(r.unclusteredShare).toBeLessThan(0.1);
    await expectStoredConsistent();
    const still = await t.db
      .selectFrom('keywords')
      .select('id')
      .where('status', '=', 'excluded')
      .where('cluster_id', 'is', null)
      .execute();
    expect(still).toHaveLength(excluded.length);
  });
});
