import type { Db } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import { findAiClusterNamed, insertClusterRows, updateCluster } from './clusters.repository.js';
import { clusterTotals, moveKeywordsToCluster, newKeywordsAmong } from './keywords.repository.js';

/** A cluster a model proposed, its members already resolved to keyword ids. */
export interface ProposedCluster {
  name: string;
  description: string;
  primaryKeyword: string;
  keywordIds: string[];
}

export interface SavedClusters {
  clusters: Array<{ id: string; name: string; keywordCount: number; merged: boolean }>;
  /** Keywords moved from "new" to "clustered". */
  clustered: number;
}

/**
 * Insert each cluster (or merge into a same-named AI cluster of the sector, so batches add up),
 * point its keywords at it and mark them clustered, then recount keyword_count and volume_sum.
 * Keywords already clustered are left where they are.
 */
export async function saveAiClusters(
  trx: Db,
  scope: Scope,
  proposed: ProposedCluster[],
): Promise<SavedClusters> {
  const result: SavedClusters = { clusters: [], clustered: 0 };
  const now = nowIso();
  for (const c of proposed) {
    const ids = c.keywordIds;
    if (ids.length === 0) continue;
    const rows = await newKeywordsAmong(trx, scope, ids);
    // A batch may mix sectors: each sector gets its own cluster of that name.
    const bySector = new Map<string, typeof rows>();
    for (const r of rows)
      bySector.set(`${r.site_id}|${r.sector_id}`, [
        ...(bySector.get(`${r.site_id}|${r.sector_id}`) ?? []),
        r,
      ]);
    for (const members of bySector.values()) {
      const { site_id, sector_id } = members[0]!;
      const existing = await findAiClusterNamed(trx, scope, {
        siteId: site_id,
        sectorId: sector_id,
        name: c.name,
      });
      const clusterId = existing?.id ?? newId();
      if (!existing) {
        await insertClusterRows(trx, [
          {
            id: clusterId,
            account_id: scope.accountId,
            site_id,
            sector_id,
            name: c.name,
            description: c.description,
            primary_keyword: c.primaryKeyword,
            keyword_count: 0,
            volume_sum: 0,
            method: 'ai',
            status: 'new',
            created_at: now,
            updated_at: now,
          },
        ]);
      }
      await moveKeywordsToCluster(
        trx,
        scope,
        members.map((m) => m.id),
        clusterId,
        now,
      );
      const totals = await clusterTotals(trx, scope, clusterId);
      const keywordCount = Number(totals?.n ?? 0);
      await updateCluster(trx, scope, clusterId, {
        keyword_count: keywordCount,
        volume_sum: Number(totals?.v ?? 0),
        updated_at: now,
      });
      result.clusters.push({ id: clusterId, name: c.name, keywordCount, merged: Boolean(existing) });
      result.clustered += members.length;
    }
  }
  return result;
}
