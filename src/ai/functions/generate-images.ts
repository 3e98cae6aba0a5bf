import type { AiModel } from '../../models/index.js';
import { defineImageFunction } from '../ai-function.js';
import { GenerateImagesInputSchema } from './generate-images.schema.js';
import { PROMPT_REQUIRED_VARIABLES } from './prompt-variables.js';

const parse = (s: string) => {
  const [w, h] = s.split('x').map(Number);
  return { width: w!, height: h! };
};

/**
 * A size the model supports: an exact "WxH" when listed, else the listed size closest in shape to
 * what was asked (landscape ≈ 16:9, square 1:1, portrait ≈ 9:16).
 */
export function pickImageSize(
  model: Pick<AiModel, 'sizes'>,
  want: string,
): { width: number; height: number } {
  const sizes = model.sizes.length ? model.sizes : ['1024x1024'];
  if (sizes.includes(want)) return parse(want);
  const target =
    want === 'landscape'
      ? 16 / 9
      : want === 'portrait'
        ? 9 / 16
        : want === 'square'
          ? 1
          : (() => {
              const { width, height } = parse(want);
              return width / height;
            })();
  const score = (s: string) => {
    const { width, height } = parse(s);
    return Math.abs(Math.log(width / height / target));
  };
  return parse([...sizes].sort((a, b) => score(a) - score(b) || a.localeCompare(b))[0]!);
}

/** Image prompt → image file under the media folder (by content hash). The writer saves it (saveGeneratedImage). */
export const generateImages = defineImageFunction({
  name: 'generate_images',
  kind: 'image',
  summary: 'Draw an image from a prompt and store it under the media folder by content hash.',
  input: GenerateImagesInputSchema,
  promptKey: 'generate_images',
  requiredVariables: PROMPT_REQUIRED_VARIABLES.generate_images,
  promptVars: (input) => ({ prompt: input.prompt, role: input.role }),
  imageRequest: (input, model) => ({
    prompt: input.prompt,
    negativePrompt: input.negativePrompt ?? undefined,
    ...pickImageSize(model, input.size ?? (input.role === 'featured' ? 'landscape' : 'square')),
  }),
  finalize: (_input, stored, model) => ({ ...stored, model: `${model.provider}:${model.modelId}` }),
  object: (input) => (input.imageId ? { type: 'image', id: input.imageId } : undefined),
});
