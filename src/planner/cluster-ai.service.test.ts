import { afterEach, describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/planner/keyword-fixtures.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import type { AiEngine } from '../ai/index.js';
import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { SectorScope } from '../tenancy/scope.js';
import { clusterAi } from './cluster-ai.service.js';
import { importKeywords } from './keyword-import.service.js';

interface Call {
  keywords: Array<{ id?: string; keyword: string }>;
  existingClusters: string[];
  opId: string | undefined;
  item: string | undefined;
}

/**
 * A stand-in for the engine's auto_cluster: groups a batch by its keywords' last word and saves the
 * way the real function does (clusters in, keywords clustered). `failOn` makes that call throw.
 */
let fakes = 0;
function fakeAi(db: Db, scope: SectorScope, failOn?: number) {
  const calls: Call[] = [];
  const tag = ++fakes;
  const ai: Pick<AiEngine, 'run'> = {
    run: (async (_scope: unknown, _name: string, input: Call, options: { opId?: string; item?: string }) => {
      calls.push({
        keywords: input.keywords,
        existingClusters: [...input.existingClusters],
        opId: options.opId,
        item: options.item,
      });
      if (calls.length === failOn) throw new Igny8Error('PROVIDER_TRANSIENT', 'the provider is down');
      const groups = new Map<string, string[]>();
      for (const k of input.keywords) {
        const head = k.keyword.split(' ').at(-1)!;
        groups.set(head, [...(groups.get(head) ?? []), k.id!]);
      }
      const saved = { clusters: [] as Array<{ id: string; name: string }>, clustered: 0 };
      const now = new Date().toISOString();
      for (const [head, ids] of groups) {
        const id = `c${tag}-${calls.length}-${head}`;
        await db
          .insertInto('clusters')
          .values({
            id,
            account_id: scope.accountId,
            site_id: scope.siteId,
            sector_id: scope.sectorId,
            name: head,
            description: null,
            primary_keyword: null,
            keyword_count: ids.length,
            volume_sum: 0,
            method: 'ai',
            status: 'new',
            created_at: now,
            updated_at: now,
          })
          .execute();
        await db
          .updateTable('keywords')
          .set({ cluster_id: id, status: 'clustered' })
          .where('id', 'in', ids)
          .execute();
        saved.clusters.push({ id, name: head });
        saved.clustered += ids.length;
      }
      return { credits: 2, saved };
    }) as never,
  };
  return { ai, calls };
}

describe.each(DIALECTS)('clusterAi on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function setup(): Promise<SectorScope> {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const scope = { accountId: a.accountId, siteId: a.siteId, sectorId: a.sectorId };
    await importKeywords(t.db, scope, { file: fixturePath('semrush-coffee.csv') });
    return scope;
  }

  it('sends every new keyword once, in batches, with stable operation ids, and adds up', async () => {
    const scope = await setup();
    const { ai, calls } = fakeAi(t.db, scope);
    const r = await clusterAi(t.db, ai, scope, { batchSize: 25 });
    expect(calls).toHaveLength(4);
    expect(calls.map((c) => c.item)).toEqual(['batch 1/4', 'batch 2/4', 'batch 3/4', 'batch 4/4']);
    const sent = calls.flatMap((c) => c.keywords.map((k) => k.id));
    expect(new Set(sent).size).toBe(80);
    expect(sent).toHaveLength(80);
    expect(new Set(calls.map((c) => c.opId)).size).toBe(4);
    // Later batches are told the names earlier ones made, so the model can reuse them.
    expect(calls[3]!.existingClusters.length).toBeGreaterThan(calls[1]!.existingClusters.length);
    expect(r).toMatchObject({
      method: 'ai',
      keywords: 80,
      clustered: 80,
      unclustered: 0,
      credits: 8,
      batches: 4,
    });
    expect(r.clusters.reduce((s, c) => s + c.keywordCount, 0)).toBe(80);

    // Same keywords, same batches: the operation ids repeat, so a re-sent batch is charged once.
    const again = fakeAi(t.db, scope);
    await t.db.updateTable('keywords').set({ status: 'new', cluster_id: null }).execute();
    await clusterAi(t.db, again.ai, scope, { batchSize: 25 });
    expect(again.calls.map((c) => c.opId)).toEqual(calls.map((c) => c.opId));
  });

  it('keeps saved batches when a later one fails, and throws when the first does', async () => {
    const scope = await setup();
    const failing = fakeAi(t.db, scope, 2);
    const r = await clusterAi(t.db, failing.ai, scope, { batchSize: 30 });
    expect(r.failure).toMatchObject({ batch: 'batch 2/3', code: 'PROVIDER_TRANSIENT' });
    expect(r.clustered).toBe(30);
    const left = await t.db.selectFrom('keywords').select('id').where('status', '=', 'new').execute();
    expect(left).toHaveLength(50);

    const first = fakeAi(t.db, scope, 1);
    const err = await clusterAi(t.db, first.ai, scope, { batchSize: 30 }).catch((e: unknown) => e);
    expect((err as Igny8Error).code).toBe('PROVIDER_TRANSIENT');
  });
});
