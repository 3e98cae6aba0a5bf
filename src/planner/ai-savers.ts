import type { AiSavers } from '../ai/functions/index.js';
import { saveGeneratedClusters } from './save-generated-clusters.js';
import { saveGeneratedIdeas } from './save-generated-ideas.js';

/** The AI results the planner saves (it owns keywords, clusters and ideas); the core hands them to the engine. */
export const PLANNER_AI_SAVERS = {
  auto_cluster: saveGeneratedClusters,
  generate_ideas: saveGeneratedIdeas,
} as const satisfies AiSavers;
