import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { IdeasTable } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import { toJson } from '../util/json.js';
import { findCluster, updateCluster } from './clusters.repository.js';
import { insertIdea } from './ideas.repository.js';

/** An article idea a model planned for a cluster. */
export interface PlannedIdea {
  title: string;
  brief: string;
  outline: unknown;
  primaryKeywords: string[];
  secondaryKeywords: string[];
  targetWords: number;
  contentType: IdeasTable['content_type'];
  structure: IdeasTable['structure'];
}

export interface SavedIdeas {
  ideaIds: string[];
}

/** Insert the ideas (status new, outline and keywords stored, source ai) and mark the cluster planned. */
export async function saveAiIdeas(
  trx: Db,
  scope: Scope,
  clusterId: string,
  ideas: PlannedIdea[],
): Promise<SavedIdeas> {
  const cluster = await findCluster(trx, scope, clusterId);
  if (!cluster) throw new Igny8Error('CLUSTER_NOT_FOUND', `Cluster ${clusterId} not found`);
  const now = nowIso();
  const ideaIds: string[] = [];
  for (const idea of ideas) {
    const id = newId();
    ideaIds.push(id);
    await insertIdea(trx, {
      id,
      account_id: scope.accountId,
      site_id: cluster.site_id,
      sector_id: cluster.sector_id,
      cluster_id: cluster.id,
      title: idea.title,
      brief: idea.brief,
      outline: toJson(idea.outline),
      primary_keywords: toJson(idea.primaryKeywords),
      secondary_keywords: toJson(idea.secondaryKeywords),
      target_words: idea.targetWords,
      content_type: idea.contentType,
      structure: idea.structure,
      source: 'ai',
      status: 'new',
      created_at: now,
      updated_at: now,
    });
  }
  await updateCluster(trx, scope, cluster.id, { status: 'planned', updated_at: now });
  return { ideaIds };
}
