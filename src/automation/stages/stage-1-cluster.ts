import { createHash } from 'node:crypto';
import { clusterLocal } from '../../planner/index.js';
import type { Stage } from '../stage-context.js';
import type { Db } from '../../db/index.js';
import type { SiteScope } from '../../tenancy/scope.js';
import { siteContext } from './stage-helpers.js';
import { saveGeneratedClusters } from '../../planner/save-generated-clusters.js';

interface BatchData {
  sectorId: string;
  keywordIds: string[];
}

/** Sectors of the run's site (or its one sector) that have keywords waiting to be clustered. */
export async function sectorsWithNewKeywords(db: Db, scope: SiteScope, sectorId?: string): Promise<string[]> {
  let q = db
    .selectFrom('keywords')
    .select('sector_id')
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('status', '=', 'new');
  if (sectorId) q = q.where('sector_id', '=', sectorId);
  const rows = await q.groupBy('sector_id').execute();
  return rows.map((r) => r.sector_id).sort();
}

/** New keywords per sector (stage 1 counts its work in keywords). */
async function newKeywordsBySector(
  db: Db,
  scope: SiteScope,
  sectorId?: string,
): Promise<Map<string, number>> {
  let q = db
    .selectFrom('keywords')
    .select(['sector_id', (eb) => eb.fn.countAll().as('n')])
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('status', '=', 'new');
  if (sectorId) q = q.where('sector_id', '=', sectorId);
  const rows = await q.groupBy('sector_id').execute();
  return new Map(rows.map((r) => [r.sector_id, Number(r.n)]));
}

/**
 * Stage 1, keywords → clusters. Local: one deterministic pass per sector, free. AI: batches of new
 * keywords per sector, one at a time so each batch sees the clusters earlier batches made (merge).
 * Keywords leave status "new" in the same transaction as their cluster, which is the checkpoint.
 */
export const stage1Cluster: Stage = {
  n: 1,
  concurrency: () => 1,
  async select(ctx, limit) {
    const sectors = await sectorsWithNewKeywords(ctx.core.db, ctx.scope, ctx.options.sectorId);
    if (ctx.options.clusterMethod === 'local') {
      // One pass per sector, counted in keywords like the estimate (not as one item per sector).
      const waiting = await newKeywordsBySector(ctx.core.db, ctx.scope, ctx.options.sectorId);
      return sectors.map((s) => ({
        id: `sector:${s}`,
        label: `local clustering of sector ${s}`,
        units: waiting.get(s) ?? 0,
        data: { sectorId: s, keywordIds: [] },
      }));
    }
    const items = [];
    for (const sectorId of sectors) {
      const ids = (
        await ctx.core.db
          .selectFrom('keywords')
          .select('id')
          .where('account_id', '=', ctx.scope.accountId)
          .where('site_id', '=', ctx.scope.siteId)
          .where('sector_id', '=', sectorId)
          .where('status', '=', 'new')
          .orderBy('volume', 'desc')
          .orderBy('id')
          .execute()
      ).map((r) => r.id);
      for (let i = 0; i < ids.length; i += ctx.options.batchSize) {
        const keywordIds = ids.slice(i, i + ctx.options.batchSize);
        items.push({
          id: `batch:${createHash('sha1').update(keywordIds.join(',')).digest('hex').slice(0, 16)}`,
          label: `keywords ${i + 1}–${i + keywordIds.length} of sector ${sectorId}`,
          units: keywordIds.length,
          data: { sectorId, keywordIds } satisfies BatchData,
        });
      }
    }
    return limit === undefined ? items : items.slice(0, limit);
  },
  async process(ctx, item) {
    const { sectorId, keywordIds } = item.data as BatchData;
    const scope = { ...ctx.scope, sectorId };
    if (ctx.options.clusterMethod === 'local') {
      // Early exit only (planning a large sector takes seconds); the fence that counts is the one
      // clusterLocal calls inside its write transaction.
      await ctx.assertOwned(ctx.core.db);
      const report = await clusterLocal(ctx.core.db, scope, {}, { beforeSave: ctx.beforeSave });
      return { credits: 0, created: report.clusters.length };
    }
    const rows = await ctx.core.db
      .selectFrom('keywords')
      .select(['id', 'keyword', 'volume', 'intent'])
      .where('account_id', '=', scope.accountId)
      .where('id', 'in', keywordIds)
      .where('status', '=', 'new')
      .execute();
    if (rows.length === 0) return { credits: 0, created: 0 };
    const existing = await ctx.core.db
      .selectFrom('clusters')
      .select('name')
      .where('account_id', '=', scope.accountId)
      .where('site_id', '=', scope.siteId)
      .where('sector_id', '=', sectorId)
      .orderBy('created_at')
      .limit(300)
      .execute();
    const before = existing.length;
    const res = await ctx.core.ai.run(
      scope,
      'auto_cluster',
      {
        keywords: rows,
        site: await siteContext(ctx, sectorId),
        existingClusters: existing.map((c) => c.name),
      },
      {
        opId: `cluster:${item.id}`,
        item: item.label,
        save: true,
        persist: saveGeneratedClusters,
        beforeSave: ctx.beforeSave,
        model: ctx.options.textModel,
      },
    );
    const after = await ctx.core.db
      .selectFrom('clusters')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('account_id', '=', scope.accountId)
      .where('site_id', '=', scope.siteId)
      .where('sector_id', '=', sectorId)
      .executeTakeFirstOrThrow();
    return { credits: res.credits, created: Number(after.n) - before };
  },
  estimateItem: (ctx) => (ctx.options.clusterMethod === 'ai' ? 10 : 0),
};
