import type { AiSaver } from '../ai/functions/index.js';
import { Igny8Error } from '../errors/index.js';
import { saveRewrite } from './save-rewrite.js';

/**
 * The writer's save of an `optimize_content` result: the article's body and meta are replaced by
 * the optimized version, its SEO score is cleared (the review stage re-scores it) and the changes
 * are noted in its provenance. Status is unchanged.
 * @example await core.ai.run(scope, 'optimize_content', input, { save: true, persist: saveOptimizedContent })
 */
export const saveOptimizedContent: AiSaver<'optimize_content', { contentId: string }> = async (
  trx,
  scope,
  input,
  out,
  meta,
) => {
  if (!input.contentId) {
    throw new Igny8Error(
      'VALIDATION_FAILED',
      'optimize_content: the input names no content, so nothing can be saved',
      {
        hint: 'Pass contentId to save the rewrite, or use the output without saving.',
      },
    );
  }
  return saveRewrite(
    trx,
    scope,
    input.contentId,
    {
      title: out.title,
      html: out.html,
      metaTitle: out.metaTitle,
      metaDescription: out.metaDescription,
      excerpt: out.excerpt,
      wordCount: out.wordCount,
    },
    { model: meta.model, sandbox: meta.sandbox, opId: meta.opId, changes: out.changes },
  );
};
