import { z } from 'zod';
import { transaction, type Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import { assertModuleEnabled } from '../tenancy/modules.js';
import type { SectorScope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import { assignKeywords, insertClusterRows } from './clusters.repository.js';
import { newKeywordRows } from './keywords.repository.js';
import { LocalClusterOptionsSchema, planLocalClusters } from './plan-local-clusters.js';
import { assertSectorScope } from './sector-scope.js';

export const ClusterLocalInputSchema = LocalClusterOptionsSchema.extend({
  dryRun: z.boolean().default(false).describe('Plan the clusters and report them, write nothing.'),
});
export type ClusterLocalInput = z.input<typeof ClusterLocalInputSchema>;

export interface ClusterSummary {
  /** null on a dry run (nothing stored). */
  id: string | null;
  name: string;
  description: string;
  primaryKeyword: string;
  keywordCount: number;
  volumeSum: number;
}

export interface ClusterRunReport {
  method: 'local' | 'ai';
  dryRun: boolean;
  /** Keywords that were waiting (status new) when the run started. */
  keywords: number;
  clustered: number;
  unclustered: number;
  unclusteredShare: number;
  clusters: ClusterSummary[];
  credits: number;
}

/** The volume_sum column is a 32-bit integer on PostgreSQL. */
const MAX_INT = 2_147_483_647;

export interface ClusterLocalHooks {
  /**
   * Called first inside the write transaction (not on a dry run). An automation run passes its
   * fence here, so a process that lost the run cannot save clusters planned on a stale lease.
   */
  beforeSave?: (trx: Db) => Promise<void>;
}

/**
 * Cluster a site+sector's new keywords locally: deterministic, no AI, no credits. Clusters are
 * written and keywords moved to `clustered` in one transaction; keywords that fit nowhere stay new.
 * @example await clusterLocal(db, scope) // { clusters: [...], unclusteredShare: 0.04, credits: 0 }
 */
export async function clusterLocal(
  db: Db,
  scope: SectorScope,
  input: ClusterLocalInput = {},
  hooks: ClusterLocalHooks = {},
): Promise<ClusterRunReport> {
  const v = parseInput(ClusterLocalInputSchema, input, 'cluster options');
  await assertModuleEnabled(db, scope, 'planner');
  await assertSectorScope(db, scope);
  // Plan outside the transaction: at a million keywords planning takes seconds, and a transaction
  // left idle that long is ended by PostgreSQL's idle-in-transaction limit. The write below checks
  // that every planned keyword was still new (CONFLICT otherwise), so nothing stale is saved.
  const keywords = await newKeywordRows(db, scope);
  const plan = planLocalClusters(keywords, v);
  const run = async (trx: Db): Promise<ClusterRunReport> => {
    if (!v.dryRun) await hooks.beforeSave?.(trx);
    const now = nowIso();
    const rows = plan.clusters.map((c) => ({
      id: v.dryRun ? null : newId(),
      ...c,
    }));
    if (!v.dryRun && rows.length > 0) {
      await insertClusterRows(
        trx,
        rows.map((c) => ({
          id: c.id!,
          account_id: scope.accountId,
          site_id: scope.siteId,
          sector_id: scope.sectorId,
          name: c.name,
          description: c.description,
          primary_keyword: c.primaryKeyword,
          keyword_count: c.keywordCount,
          volume_sum: Math.min(c.volumeSum, MAX_INT),
          method: 'local' as const,
          status: 'new' as const,
          created_at: now,
          updated_at: now,
        })),
      );
      const pairs = rows.flatMap((c) => c.keywordIds.map((keywordId) => ({ keywordId, clusterId: c.id! })));
      const moved = await assignKeywords(trx, scope, pairs, now);
      if (moved !== pairs.length) {
        throw new Igny8Error('CONFLICT', 'Keywords changed while they were being clustered', {
          hint: 'Nothing was saved. Run the clustering again.',
        });
      }
    }
    return {
      method: 'local',
      dryRun: v.dryRun,
      keywords: plan.stats.keywords,
      clustered: plan.stats.clustered,
      unclustered: plan.stats.unclustered,
      unclusteredShare: plan.stats.unclusteredShare,
      clusters: rows.map((c) => ({
        id: c.id,
        name: c.name,
        description: c.description,
        primaryKeyword: c.primaryKeyword,
        keywordCount: c.keywordCount,
        volumeSum: c.volumeSum,
      })),
      credits: 0,
    };
  };
  return v.dryRun ? run(db) : transaction(db, run);
}
