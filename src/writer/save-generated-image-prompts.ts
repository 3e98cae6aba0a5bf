import type { AiSaver } from '../ai/functions/index.js';
import { Igny8Error } from '../errors/index.js';
import { savePlannedImages } from './save-planned-images.js';

export interface SavedImagePrompts {
  imageIds: string[];
}

/**
 * The writer's save of a `generate_image_prompts` result: one pending image row per prompt,
 * replacing the article's earlier unfinished ones.
 * @example await core.ai.run(scope, 'generate_image_prompts', input, { save: true, persist: saveGeneratedImagePrompts })
 */
export const saveGeneratedImagePrompts: AiSaver<'generate_image_prompts', SavedImagePrompts> = async (
  trx,
  scope,
  input,
  output,
) => {
  if (!input.contentId) {
    throw new Igny8Error(
      'VALIDATION_FAILED',
      'generate_image_prompts: the input names no content, so the prompts cannot be saved',
      {
        hint: 'Pass contentId to save image prompts, or use the output without saving.',
      },
    );
  }
  return savePlannedImages(trx, scope, input.contentId, output.images);
};
