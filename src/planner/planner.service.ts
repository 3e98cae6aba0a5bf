import type { AiEngine, AiProgressListener } from '../ai/index.js';
import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { Scope, SectorScope } from '../tenancy/scope.js';
import { clusterAi, type ClusterAiInput } from './cluster-ai.service.js';
import type { ClusterLocalInput } from './cluster-local.service.js';
import { listClusters, type ListClustersInput } from './clusters.service.js';
import type { ListIdeasInput } from './ideas.service.js';
import type { ImportKeywordsInput } from './keyword-import.service.js';
import {
  deleteKeywords,
  excludeKeywords,
  listKeywords,
  restoreKeywords,
  type ListKeywordsInput,
} from './keywords.service.js';

export interface PlannerDeps {
  /** The AI engine, for `clusterAi` (auto_cluster in batches). */
  ai?: Pick<AiEngine, 'run'>;
  /** Default keywords per auto_cluster call (config.pipeline.batchSize). */
  batchSize?: number;
}

/**
 * The planner bound to a database: keyword import, listing and bulk actions, local and AI
 * clustering, cluster and idea listing. Each call takes the tenant scope first.
 * @example await core.planner.importKeywords({ accountId, siteId, sectorId }, { file: 'semrush.csv' })
 */
export function createPlannerService(db: Db, deps: PlannerDeps = {}) {
  // Import, local clustering and ideas load on their first call (P11): `keywords list` and the
  // other reads need none of their parsers, decoders, worker or schemas.
  const actions = () => import('./planner-actions.js');
  return {
    importKeywords: async (scope: SectorScope, input: ImportKeywordsInput) =>
      (await actions()).importKeywords(db, scope, input),
    listKeywords: (scope: Scope, input?: ListKeywordsInput) => listKeywords(db, scope, input),
    excludeKeywords: (scope: Scope, ids: string[]) => excludeKeywords(db, scope, ids),
    restoreKeywords: (scope: Scope, ids: string[]) => restoreKeywords(db, scope, ids),
    deleteKeywords: (scope: Scope, ids: string[]) => deleteKeywords(db, scope, ids),
    clusterLocal: async (scope: SectorScope, input?: ClusterLocalInput) =>
      (await actions()).clusterLocal(db, scope, input),
    clusterAi: (
      scope: SectorScope,
      input: ClusterAiInput = {},
      options: { onProgress?: AiProgressListener; signal?: AbortSignal } = {},
    ) => {
      if (!deps.ai) {
        throw new Igny8Error('INTERNAL', 'The planner was built without the AI engine', {
          hint: 'Use core.planner from createCore(), or pass { ai } to createPlannerService.',
        });
      }
      return clusterAi(
        db,
        deps.ai,
        scope,
        { ...input, batchSize: input.batchSize ?? deps.batchSize },
        options,
      );
    },
    listClusters: (scope: Scope, input?: ListClustersInput) => listClusters(db, scope, input),
    listIdeas: async (scope: Scope, input?: ListIdeasInput) => (await actions()).listIdeas(db, scope, input),
    getIdea: async (scope: Scope, id: string) => (await actions()).getIdea(db, scope, id),
  };
}

export type PlannerService = ReturnType<typeof createPlannerService>;
