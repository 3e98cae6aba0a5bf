import type { AiSaver } from '../ai/functions/index.js';
import { Igny8Error } from '../errors/index.js';
import { attachImageFile } from './attach-image-file.js';

/**
 * The writer's save of a `generate_images` result: the image row turns done with its file, hash,
 * size and model (or the save fails when the row is gone).
 * @example await core.ai.run(scope, 'generate_images', input, { save: true, persist: saveGeneratedImage })
 */
export const saveGeneratedImage: AiSaver<'generate_images', { imageId: string }> = async (
  trx,
  scope,
  input,
  out,
) => {
  if (!input.imageId) {
    throw new Igny8Error(
      'VALIDATION_FAILED',
      'generate_images: the input names no image row, so the file cannot be attached',
      {
        hint: 'Pass imageId to save, or use the stored file without saving.',
      },
    );
  }
  return attachImageFile(trx, scope, input.imageId, out);
};
