import type { Db } from '../../db/index.js';
import { Igny8Error } from '../../errors/index.js';
import { findCluster } from '../../planner/clusters.repository.js';
import type { Scope } from '../../tenancy/scope.js';
import type { AutoClusterInput } from '../functions/auto-cluster.schema.js';
import type { GenerateIdeasInput } from '../functions/generate-ideas.schema.js';
import { loadSiteContext } from './site-context.js';

/**
 * auto_cluster input for these keywords (only those still "new"), with the names of the AI
 * clusters their sector already has, so a batch reuses them and batches merge.
 */
export async function loadAutoClusterInput(
  db: Db,
  scope: Scope,
  keywordIds: string[],
): Promise<AutoClusterInput> {
  if (keywordIds.length === 0) throw new Igny8Error('VALIDATION_FAILED', 'No keywords to cluster');
  const rows = await db
    .selectFrom('keywords')
    .select(['id', 'keyword', 'volume', 'intent', 'site_id', 'sector_id'])
    .where('account_id', '=', scope.accountId)
    .where('id', 'in', keywordIds)
    .where('status', '=', 'new')
    .orderBy('keyword')
    .execute();
  if (rows.length === 0)
    throw new Igny8Error('KEYWORD_NOT_FOUND', 'None of these keywords is waiting to be clustered');
  const { site_id, sector_id } = rows[0]!;
  const clusters = await db
    .selectFrom('clusters')
    .select('name')
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', site_id)
    .where('sector_id', 'in', [...new Set(rows.map((r) => r.sector_id))])
    .where('method', '=', 'ai')
    .orderBy('name')
    .limit(300)
    .execute();
  const { site } = await loadSiteContext(db, scope, site_id, sector_id);
  return {
    keywords: rows.map((r) => ({ id: r.id, keyword: r.keyword, volume: r.volume, intent: r.intent })),
    existingClusters: clusters.map((c) => c.name),
    site,
  };
}

/** generate_ideas input for a cluster: its keywords by volume, and the site's idea titles to avoid. */
export async function loadGenerateIdeasInput(
  db: Db,
  scope: Scope,
  clusterId: string,
  options: { count?: number } = {},
): Promise<GenerateIdeasInput> {
  const cluster = await findCluster(db, scope, clusterId);
  if (!cluster) throw new Igny8Error('CLUSTER_NOT_FOUND', `Cluster ${clusterId} not found`);
  const keywords = await db
    .selectFrom('keywords')
    .select(['keyword', 'volume'])
    .where('account_id', '=', scope.accountId)
    .where('cluster_id', '=', cluster.id)
    // NULL volumes last on both databases (PostgreSQL sorts them first in DESC).
    .orderBy((eb) => eb.fn.coalesce('volume', eb.lit(-1)), 'desc')
    .orderBy('keyword')
    .limit(100)
    .execute();
  const titles = await db
    .selectFrom('ideas')
    .select('title')
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', cluster.site_id)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  const { site } = await loadSiteContext(db, scope, cluster.site_id, cluster.sector_id);
  return {
    cluster: {
      id: cluster.id,
      name: cluster.name,
      description: cluster.description,
      primaryKeyword: cluster.primary_keyword,
      keywords: keywords.length
        ? keywords
        : [{ keyword: cluster.primary_keyword ?? cluster.name, volume: null }],
    },
    count: options.count ?? 5,
    site,
    existingTitles: titles.map((t) => t.title),
  };
}
