import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AiEngine, AiProgressListener } from '../ai/index.js';
import type { Db } from '../db/index.js';
import { isIgny8Error, parseInput } from '../errors/index.js';
import { assertModuleEnabled } from '../tenancy/modules.js';
import type { SectorScope } from '../tenancy/scope.js';
import type { ClusterRunReport } from './cluster-local.service.js';
import { chunks, newKeywordRows } from './keywords.repository.js';
import { planLocalClusters } from './plan-local-clusters.js';
import { assertSectorScope } from './sector-scope.js';
import { saveGeneratedClusters } from './save-generated-clusters.js';

export const ClusterAiInputSchema = z.object({
  batchSize: z.number().int().min(1).max(500).default(50).describe('Keywords per auto_cluster call.'),
  maxBatches: z.number().int().min(1).optional().describe('Stop after this many calls (the rest stay new).'),
});
export type ClusterAiInput = z.input<typeof ClusterAiInputSchema>;

export interface ClusterAiReport extends ClusterRunReport {
  batches: number;
  /** The batch that failed and stopped the run (earlier batches stay saved). */
  failure?: { batch: string; code: string; message: string };
}

/** The names earlier batches (and runs) made, so the model reuses them and batches merge. */
const MAX_EXISTING_NAMES = 300;

/**
 * Cluster a site+sector's new keywords with the AI engine's `auto_cluster`, in batches. Keywords are
 * ordered by the local clustering first, so related keywords share a batch; each batch is metered,
 * saved in its own transaction (a checkpoint: a re-run only sends what is still new), and charged
 * under an operation id derived from its keywords, so a repeated batch is never charged twice.
 * A failing batch stops the run; it throws only when no batch was saved.
 * @example await clusterAi(db, core.ai, scope, { batchSize: 50 }) // { clusters: [...], credits: 12 }
 */
export async function clusterAi(
  db: Db,
  ai: Pick<AiEngine, 'run'>,
  scope: SectorScope,
  input: ClusterAiInput = {},
  options: { onProgress?: AiProgressListener; signal?: AbortSignal } = {},
): Promise<ClusterAiReport> {
  const v = parseInput(ClusterAiInputSchema, input, 'cluster options');
  await assertModuleEnabled(db, scope, 'planner');
  await assertSectorScope(db, scope);
  const rows = await newKeywordRows(db, scope);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const plan = planLocalClusters(rows);
  const ordered = [...plan.clusters.flatMap((c) => c.keywordIds), ...plan.unclusteredIds].map((id) =>
    byId.get(id)!,
  );
  const batches = chunks(ordered, v.batchSize).slice(0, v.maxBatches);
  const names = await existingAiClusterNames(db, scope);
  const touched = new Set<string>();
  let credits = 0;
  let clustered = 0;
  let failure: ClusterAiReport['failure'];
  for (const [i, batch] of batches.entries()) {
    const label = `batch ${i + 1}/${batches.length}`;
    try {
      const res = await ai.run(
        scope,
        'auto_cluster',
        {
          keywords: batch.map((k) => ({ id: k.id, keyword: k.keyword, volume: k.volume, intent: k.intent })),
          existingClusters: names.slice(-MAX_EXISTING_NAMES),
        },
        { save: true, persist: saveGeneratedClusters, item: label, opId: batchOpId(batch), ...options },
      );
      credits += res.credits;
      const saved = res.saved as
        { clusters?: Array<{ id: string; name: string }>; clustered?: number } | undefined;
      clustered += saved?.clustered ?? 0;
      for (const c of saved?.clusters ?? []) {
        touched.add(c.id);
        if (!names.includes(c.name)) names.push(c.name);
      }
    } catch (err) {
      if (i === 0) throw err;
      failure = {
        batch: label,
        code: isIgny8Error(err) ? err.code : 'INTERNAL',
        message: (err as Error).message,
      };
      break;
    }
  }
  const clusters = await clusterSummaries(db, scope, [...touched]);
  return {
    method: 'ai',
    dryRun: false,
    keywords: rows.length,
    clustered,
    unclustered: rows.length - clustered,
    unclusteredShare:
      rows.length === 0 ? 0 : Math.round(((rows.length - clustered) / rows.length) * 10_000) / 10_000,
    clusters,
    credits,
    batches: batches.length,
    ...(failure ? { failure } : {}),
  };
}

/** Same keywords, same operation id: a crashed run's batch is settled once, whatever happens. */
function batchOpId(batch: Array<{ id: string }>): string {
  const ids = batch.map((k) => k.id).sort();
  return `auto_cluster:${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 32)}`;
}

async function existingAiClusterNames(db: Db, scope: SectorScope): Promise<string[]> {
  const rows = await db
    .selectFrom('clusters')
    .select('name')
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('sector_id', '=', scope.sectorId)
    .where('method', '=', 'ai')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(MAX_EXISTING_NAMES)
    .execute();
  return rows.map((r) => r.name).reverse();
}

async function clusterSummaries(
  db: Db,
  scope: SectorScope,
  ids: string[],
): Promise<ClusterRunReport['clusters']> {
  const out: ClusterRunReport['clusters'] = [];
  for (const part of chunks(ids, 500)) {
    const rows = await db
      .selectFrom('clusters')
      .select(['id', 'name', 'description', 'primary_keyword', 'keyword_count', 'volume_sum'])
      .where('account_id', '=', scope.accountId)
      .where('id', 'in', part)
      .execute();
    for (const r of rows)
      out.push({
        id: r.id,
        name: r.name,
        description: r.description ?? '',
        primaryKeyword: r.primary_keyword ?? '',
        keywordCount: Number(r.keyword_count),
        volumeSum: Number(r.volume_sum),
      });
  }
  return out.sort((a, b) => b.volumeSum - a.volumeSum || (a.name < b.name ? -1 : 1));
}
