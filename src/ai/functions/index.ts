import type { z } from 'zod';
import { Igny8Error } from '../../errors/index.js';
import {
  AI_FUNCTION_NAMES,
  type AiFunctionName,
  type AiPersist,
  type AnyAiFunction,
} from '../ai-function.js';
import { autoCluster } from './auto-cluster.js';
import { generateContent } from './generate-content.js';
import { generateImagePrompts } from './generate-image-prompts.js';
import { generateImages } from './generate-images.js';
import { generateIdeas } from './generate-ideas.js';
import { optimizeContent } from './optimize-content.js';
import { suggestLinks } from './suggest-links.js';

/** The AI function registry: one module per function (src/ai/functions/<name>.ts). */
export const AI_FUNCTIONS = {
  auto_cluster: autoCluster,
  generate_ideas: generateIdeas,
  generate_content: generateContent,
  generate_image_prompts: generateImagePrompts,
  generate_images: generateImages,
  optimize_content: optimizeContent,
  suggest_links: suggestLinks,
} as const satisfies Record<AiFunctionName, AnyAiFunction>;

export type AiFunctions = typeof AI_FUNCTIONS;
/** What run(name, input) accepts (defaults applied by the input schema). */
export type AiInput<N extends AiFunctionName> = z.input<AiFunctions[N]['input']>;
/** What run(name, …) returns as `output`. */
export type AiOutput<N extends AiFunctionName> = ReturnType<AiFunctions[N]['finalize']>;
/** The input as the function (and the owner's save) sees it: parsed, defaults applied. */
export type AiParsedInput<N extends AiFunctionName> = z.output<AiFunctions[N]['input']>;
/** The owner's save of function N's result (see AiPersist); `S` is what it returns as `saved`. */
export type AiSaver<N extends AiFunctionName, S = unknown> = AiPersist<AiParsedInput<N>, AiOutput<N>, S>;
/** Each function's default save, declared by the module that owns its rows (wired by the core). */
export type AiSavers = { [N in AiFunctionName]?: AiSaver<N> };

export function isAiFunctionName(name: string): name is AiFunctionName {
  return (AI_FUNCTION_NAMES as readonly string[]).includes(name);
}

/** The function named `name`, or VALIDATION_FAILED listing the known ones. */
export function getAiFunction(name: string): AnyAiFunction {
  if (!isAiFunctionName(name)) {
    throw new Igny8Error('VALIDATION_FAILED', `Unknown AI function "${name}"`, {
      hint: `Known functions: ${AI_FUNCTION_NAMES.join(', ')}.`,
    });
  }
  return AI_FUNCTIONS[name] as AnyAiFunction;
}

export { requiredPromptVariables } from './prompt-variables.js';
