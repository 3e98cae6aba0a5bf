import { languageName } from '../../util/language.js';
import type { z } from 'zod';
import { defineTextFunction } from '../ai-function.js';
import { inputJson } from './common.schema.js';
import {
  GenerateImagePromptsInputSchema,
  GenerateImagePromptsOutputSchema,
  type GenerateImagePromptsOutput,
} from './generate-image-prompts.schema.js';
import { PROMPT_REQUIRED_VARIABLES } from './prompt-variables.js';

type Input = z.output<typeof GenerateImagePromptsInputSchema>;

function issues(input: Input, out: GenerateImagePromptsOutput): string[] {
  const featured = out.images.filter((i) => i.role === 'featured');
  const inline = out.images.filter((i) => i.role === 'inline');
  const problems: string[] = [];
  if (featured.length !== 1)
    problems.push(`images: exactly one featured image expected, got ${featured.length}`);
  if (inline.length !== input.maxImages)
    problems.push(`images: exactly ${input.maxImages} inline image(s) expected, got ${inline.length}`);
  const positions = inline.map((i) => i.position).sort((a, b) => a - b);
  if (positions.some((p, i) => p !== i + 1))
    problems.push('images: inline positions must be 1, 2, … in order, without gaps');
  return problems;
}

/** One featured image (position 0) and the first maxImages inline ones, renumbered 1…N. */
function fix(input: Input, out: GenerateImagePromptsOutput): GenerateImagePromptsOutput {
  const featured = out.images.find((i) => i.role === 'featured');
  const inline = out.images
    .filter((i) => i.role === 'inline')
    .sort((a, b) => a.position - b.position)
    .slice(0, input.maxImages)
    .map((i, n) => ({ ...i, position: n + 1 }));
  return { images: featured ? [{ ...featured, position: 0 }, ...inline] : inline };
}

/** Article → 1 featured + N inline image prompts with alt text and a negative prompt. The writer saves them (saveGeneratedImagePrompts). */
export const generateImagePrompts = defineTextFunction({
  name: 'generate_image_prompts',
  kind: 'text',
  summary: 'Write one featured and N inline image prompts with alt text and a negative prompt.',
  promptKey: 'generate_image_prompts',
  requiredVariables: PROMPT_REQUIRED_VARIABLES.generate_image_prompts,
  input: GenerateImagePromptsInputSchema,
  output: GenerateImagePromptsOutputSchema,
  minimumCredits: 1,
  promptVars: (input) => ({
    max_images: input.maxImages,
    style: input.style?.trim() || 'natural, well-lit editorial photography; realistic; no text in the image',
    input_json: inputJson({
      content: input.content,
      maxImages: input.maxImages,
      ...(input.language
        ? {
            language: input.language,
            languageRule: `Write alt and caption in ${languageName(input.language)}; prompts may stay in English.`,
          }
        : {}),
    }),
  }),
  maxOutputTokens: (input) => 300 + (input.maxImages + 1) * 220,
  check: issues,
  fix,
  finalize: (_input, output) => output,
  object: (input) => (input.contentId ? { type: 'content', id: input.contentId } : undefined),
});
