import { z } from 'zod';
import type { Db } from '../db/index.js';
import { parseInput } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { listClusterRows, type ClusterRow } from './clusters.repository.js';

export interface Cluster {
  id: string;
  siteId: string;
  sectorId: string;
  name: string;
  description: string | null;
  primaryKeyword: string | null;
  keywordCount: number;
  volumeSum: number;
  method: ClusterRow['method'];
  status: ClusterRow['status'];
  createdAt: string;
  updatedAt: string;
}

export const CLUSTER_SORTS = [
  'volume',
  '-volume',
  'keywords',
  '-keywords',
  'name',
  '-name',
  'created',
  '-created',
] as const;

export const ListClustersSchema = z.object({
  status: z.enum(['new', 'planned']).optional().describe('Only clusters with this status.'),
  method: z.enum(['ai', 'local', 'manual']).optional().describe('Only clusters made this way.'),
  search: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Name contains this text (case-insensitive).'),
  sort: z.enum(CLUSTER_SORTS).default('-volume').describe('Sort column; a leading "-" sorts descending.'),
  limit: z.number().int().min(1).max(1000).default(50).describe('Page size (1–1000).'),
  offset: z.number().int().min(0).default(0).describe('Rows to skip.'),
});
export type ListClustersInput = z.input<typeof ListClustersSchema>;

export function toCluster(r: ClusterRow): Cluster {
  return {
    id: r.id,
    siteId: r.site_id,
    sectorId: r.sector_id,
    name: r.name,
    description: r.description,
    primaryKeyword: r.primary_keyword,
    keywordCount: Number(r.keyword_count),
    volumeSum: Number(r.volume_sum),
    method: r.method,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * One page of clusters in the account (narrowed by site and sector when scoped), biggest search
 * volume first by default.
 * @example await listClusters(db, { accountId, siteId }, { status: 'new' })
 */
export async function listClusters(
  db: Db,
  scope: Scope,
  input: ListClustersInput = {},
): Promise<{ items: Cluster[]; total: number }> {
  const v = parseInput(ListClustersSchema, input, 'cluster list');
  const { rows, total } = await listClusterRows(db, scope, v, v);
  return { items: rows.map(toCluster), total };
}
