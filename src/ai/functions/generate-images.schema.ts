import { z } from 'zod';

export const GenerateImagesInputSchema = z.object({
  /** images.id — needed to save. */
  imageId: z.string().optional(),
  prompt: z.string().trim().min(3).max(4000),
  negativePrompt: z.string().max(1000).nullable().optional(),
  role: z.enum(['featured', 'inline']).default('inline'),
  /**
   * "WIDTHxHEIGHT" or an orientation. Default: featured images landscape, inline images square,
   * always one of the model's sizes.
   */
  size: z
    .union([z.enum(['landscape', 'square', 'portrait']), z.string().regex(/^\d{2,5}x\d{2,5}$/)])
    .optional(),
});
export type GenerateImagesInput = z.input<typeof GenerateImagesInputSchema>;

/** The stored file, relative to config.media.dir, and the model that drew it. */
export interface GeneratedImage {
  filePath: string;
  sha256: string;
  mime: string;
  width: number;
  height: number;
  sizeBytes: number;
  /** "provider:modelId". */
  model: string;
}
