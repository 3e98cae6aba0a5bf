import type { AiSavers } from '../ai/functions/index.js';
import { saveGeneratedDraft } from './save-generated-draft.js';
import { saveGeneratedImage } from './save-generated-image.js';
import { saveGeneratedImagePrompts } from './save-generated-image-prompts.js';
import { saveOptimizedContent } from './save-optimized-content.js';
import { saveSuggestedLinks } from './save-suggested-links.js';

/** The AI results the writer saves (it owns contents, tasks and images); the core hands them to the engine. */
export const WRITER_AI_SAVERS = {
  generate_content: saveGeneratedDraft,
  generate_image_prompts: saveGeneratedImagePrompts,
  generate_images: saveGeneratedImage,
  optimize_content: saveOptimizedContent,
  suggest_links: saveSuggestedLinks,
} as const satisfies AiSavers;
