/** Planner: keyword import, keyword listing and bulk actions, local clustering, clusters, ideas. */
export { createPlannerService, type PlannerDeps, type PlannerService } from './planner.service.js';
export {
  ClusterAiInputSchema,
  clusterAi,
  type ClusterAiInput,
  type ClusterAiReport,
} from './cluster-ai.service.js';
export {
  ImportKeywordsInputSchema,
  importKeywords,
  type ImportKeywordsInput,
  type ImportReport,
} from './keyword-import.service.js';
export {
  KEYWORD_SORTS,
  ListKeywordsSchema,
  deleteKeywords,
  excludeKeywords,
  listKeywords,
  restoreKeywords,
  type BulkResult,
  type Keyword,
  type ListKeywordsInput,
} from './keywords.service.js';
export {
  ClusterLocalInputSchema,
  clusterLocal,
  type ClusterLocalInput,
  type ClusterRunReport,
  type ClusterSummary,
} from './cluster-local.service.js';
export {
  CLUSTER_SORTS,
  ListClustersSchema,
  listClusters,
  type Cluster,
  type ListClustersInput,
} from './clusters.service.js';
export {
  ListIdeasSchema,
  getIdea,
  listIdeas,
  toIdeaView,
  type IdeaOutlineSection,
  type IdeaView,
  type ListIdeasInput,
} from './ideas.service.js';
export {
  LocalClusterOptionsSchema,
  planLocalClusters,
  type LocalClusterOptions,
  type LocalClusterPlan,
  type LocalKeyword,
  type PlannedCluster,
} from './plan-local-clusters.js';
export {
  parseKeywordFile,
  type DuplicateRow,
  type ParsedKeyword,
  type ParsedKeywordFile,
  type RejectedRow,
} from './parse-keyword-file.js';
export { KEYWORD_FORMATS, type KeywordFormat } from './keyword-columns.js';
export type { TextEncodingName } from './decode-text.js';
export { cleanKeyword, MAX_KEYWORD_LENGTH } from './normalize-keyword.js';
export { parseCpc, parseDifficulty, parseIntent, parseVolume } from './parse-metrics.js';
export { syntheticKeywords, type SyntheticKeyword } from './synthetic-keywords.js';
export { markIdeaQueued, sampleIdeaRows } from './ideas.repository.js';
export { saveAiClusters, type ProposedCluster, type SavedClusters } from './save-ai-clusters.js';
export { saveAiIdeas, type PlannedIdea, type SavedIdeas } from './save-ai-ideas.js';
