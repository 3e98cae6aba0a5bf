import type { AiSaver } from '../ai/functions/index.js';
import { normalizeKeyword } from '../ai/functions/common.schema.js';
import { Igny8Error } from '../errors/index.js';
import { saveAiClusters, type SavedClusters } from './save-ai-clusters.js';

/**
 * The planner's save of an `auto_cluster` result: each cluster is inserted (or merged into a
 * same-named AI cluster of the sector, so batches add up), its keywords point at it and turn
 * clustered, and keyword_count and volume_sum are recounted. Keywords already clustered stay where
 * they are. The answer names keywords by text; the input's rows give their ids.
 * @example await core.ai.run(scope, 'auto_cluster', input, { save: true, persist: saveGeneratedClusters })
 */
export const saveGeneratedClusters: AiSaver<'auto_cluster', SavedClusters> = async (
  trx,
  scope,
  input,
  output,
) => {
  const byText = new Map(input.keywords.filter((k) => k.id).map((k) => [normalizeKeyword(k.keyword), k.id!]));
  if (byText.size === 0) {
    throw new Igny8Error(
      'VALIDATION_FAILED',
      'auto_cluster: the input keywords carry no ids, so nothing can be saved',
      {
        hint: 'Pass keyword rows (with id) to save clusters, or use the output without saving.',
      },
    );
  }
  return saveAiClusters(
    trx,
    scope,
    output.clusters.map((c) => ({
      name: c.name,
      description: c.description,
      primaryKeyword: c.primaryKeyword,
      keywordIds: c.keywords
        .map((k) => byText.get(normalizeKeyword(k)))
        .filter((id): id is string => Boolean(id)),
    })),
  );
};
