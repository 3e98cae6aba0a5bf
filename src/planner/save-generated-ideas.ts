import type { AiSaver } from '../ai/functions/index.js';
import { Igny8Error } from '../errors/index.js';
import { saveAiIdeas, type SavedIdeas } from './save-ai-ideas.js';

/**
 * The planner's save of a `generate_ideas` result: the ideas are inserted (status new, outline and
 * keywords stored) and the cluster turns planned.
 * @example await core.ai.run(scope, 'generate_ideas', input, { save: true, persist: saveGeneratedIdeas })
 */
export const saveGeneratedIdeas: AiSaver<'generate_ideas', SavedIdeas> = async (
  trx,
  scope,
  input,
  output,
) => {
  if (!input.cluster.id) {
    throw new Igny8Error(
      'VALIDATION_FAILED',
      'generate_ideas: the input cluster has no id, so the ideas cannot be saved',
      {
        hint: 'Pass a cluster row (with id) to save ideas, or use the output without saving.',
      },
    );
  }
  return saveAiIdeas(trx, scope, input.cluster.id, output.ideas);
};
