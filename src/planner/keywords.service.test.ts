import { afterEach, describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/planner/keyword-fixtures.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { Igny8Error } from '../errors/index.js';
import { clusterLocal } from './cluster-local.service.js';
import { listClusters } from './clusters.service.js';
import { importKeywords } from './keyword-import.service.js';
import { deleteKeywords, excludeKeywords, listKeywords, restoreKeywords } from './keywords.service.js';

describe.each(DIALECTS)('keyword listing and bulk actions on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function setup() {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const b = await seedTenant(t.db, 'b');
    const scope = { accountId: a.accountId, siteId: a.siteId, sectorId: a.sectorId };
    await importKeywords(t.db, scope, { file: fixturePath('semrush-coffee.csv') });
    await importKeywords(
      t.db,
      { accountId: b.accountId, siteId: b.siteId, sectorId: b.sectorId },
      {
        file: fixturePath('plain-list.txt'),
      },
    );
    return { scope, other: { accountId: b.accountId } };
  }

  it('filters, searches, sorts and pages inside the account', async () => {
    const { scope } = await setup();
    const all = await listKeywords(t.db, { accountId: scope.accountId }, { limit: 1000 });
    expect(all.total).toBe(80);
    expect(all.items.every((k) => k.siteId === scope.siteId)).toBe(true);
    const vols = all.items.map((k) => k.volume ?? -1);
    expect(vols).toEqual([...vols].sort((x, y) => y - x));

    const grinder = await listKeywords(t.db, scope, { search: 'GRINDER', sort: 'keyword' });
    expect(grinder.items.map((k) => k.normalized)).toEqual(
      all.items
        .map((k) => k.normalized)
        .filter((k) => k.includes('grinder'))
        .sort(),
    );

    const hard = await listKeywords(t.db, scope, {
      minVolume: 10_000,
      maxDifficulty: 40,
      sort: 'difficulty',
    });
    expect(hard.items.length).toBeGreaterThan(0);
    expect(hard.items.every((k) => k.volume! >= 10_000 && k.difficulty! <= 40)).toBe(true);
    expect(hard.total).toBe(all.items.filter((k) => k.volume! >= 10_000 && k.difficulty! <= 40).length);

    const page1 = await listKeywords(t.db, scope, { limit: 30, offset: 0, sort: 'created' });
    const page3 = await listKeywords(t.db, scope, { limit: 30, offset: 60, sort: 'created' });
    expect(page1.items).toHaveLength(30);
    expect(page3.items).toHaveLength(20);
    expect(page3.total).toBe(80);

    const literal = await listKeywords(t.db, scope, { search: '%' });
    expect(literal.total).toBe(0);
  });

  it('excludes, restores and deletes by id, keeping cluster counts right', async () => {
    const { scope } = await setup();
    await clusterLocal(t.db, scope);
    const [cluster] = (await listClusters(t.db, scope, { sort: '-keywords', limit: 1 })).items;
    const members = await listKeywords(t.db, scope, { clusterId: cluster!.id, limit: 100 });
    expect(members.total).toBe(cluster!.keywordCount);
    const [first, second] = members.items;

    const ex = await excludeKeywords(t.db, scope, [first!.id]);
    expect(ex.affected).toBe(1);
    const afterExclude = (await listClusters(t.db, scope, { search: cluster!.name })).items.find(
      (c) => c.id === cluster!.id,
    )!;
    expect(afterExclude.keywordCount).toBe(cluster!.keywordCount - 1);
    expect(afterExclude.volumeSum).toBe(cluster!.volumeSum - (first!.volume ?? 0));
    expect((await listKeywords(t.db, scope, { status: 'excluded' })).items.map((k) => k.id)).toEqual([
      first!.id,
    ]);

    const restored = await restoreKeywords(t.db, scope, [first!.id, second!.id]);
    expect(restored.affected).toBe(1);
    const back = (await listKeywords(t.db, scope, { search: first!.normalized })).items.find(
      (k) => k.id === first!.id,
    )!;
    expect(back).toMatchObject({ status: 'new', clusterId: null });

    const del = await deleteKeywords(t.db, scope, [second!.id]);
    expect(del.affected).toBe(1);
    expect((await listKeywords(t.db, scope)).total).toBe(79);
    const afterDelete = (await listClusters(t.db, scope, { limit: 1000 })).items.find(
      (c) => c.id === cluster!.id,
    )!;
    expect(afterDelete.keywordCount).toBe(cluster!.keywordCount - 2);
  });

  it('changes nothing when an id is unknown or another tenant’s', async () => {
    const { scope, other } = await setup();
    const theirs = (await listKeywords(t.db, other, { limit: 1 })).items[0]!;
    const mine = (await listKeywords(t.db, scope, { limit: 1 })).items[0]!;
    for (const ids of [[mine.id, theirs.id], ['nope']]) {
      const err = await excludeKeywords(t.db, scope, ids).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Igny8Error);
      expect((err as Igny8Error).code).toBe('KEYWORD_NOT_FOUND');
    }
    expect((await listKeywords(t.db, scope, { status: 'excluded' })).total).toBe(0);
    expect((await listKeywords(t.db, other)).items.find((k) => k.id === theirs.id)!.status).toBe('new');
    const bad = await listKeywords(t.db, scope, { limit: 5000 }).catch((e: unknown) => e);
    expect((bad as Igny8Error).code).toBe('VALIDATION_FAILED');
  });
});
