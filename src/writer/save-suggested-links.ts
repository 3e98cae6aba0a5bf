import type { AiSaver } from '../ai/functions/index.js';
import { Igny8Error } from '../errors/index.js';
import { saveLinkSuggestions } from './save-link-suggestions.js';

/**
 * The writer's save of a `suggest_links` result: the proposals are stored on the article for
 * review (applied on approval), replacing earlier ones.
 * @example await core.ai.run(scope, 'suggest_links', input, { save: true, persist: saveSuggestedLinks })
 */
export const saveSuggestedLinks: AiSaver<'suggest_links', { contentId: string }> = async (
  trx,
  scope,
  input,
  out,
) => {
  const id = input.contentId ?? input.article.id;
  if (!id) {
    throw new Igny8Error(
      'VALIDATION_FAILED',
      'suggest_links: the input names no content, so nothing can be saved',
      {
        hint: 'Pass contentId to store the suggestions, or use the output without saving.',
      },
    );
  }
  return saveLinkSuggestions(trx, scope, id, out.links);
};
