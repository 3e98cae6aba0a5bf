import type { z } from 'zod';
import type { Db } from '../db/index.js';
import type { AiModel } from '../models/index.js';
import type { PromptVars } from '../prompts/index.js';
import type { Scope } from '../tenancy/scope.js';

export const AI_FUNCTION_NAMES = [
  'auto_cluster',
  'generate_ideas',
  'generate_content',
  'generate_image_prompts',
  'generate_images',
  'optimize_content',
  'suggest_links',
] as const;
export type AiFunctionName = (typeof AI_FUNCTION_NAMES)[number];

/** What a finished call cost and who answered it: handed to the owner's save and stored as provenance. */
export interface AiRunMeta {
  opId: string;
  /** Provider that answered ("sandbox" when igny8 fell back to it). */
  provider: string;
  /** "provider:modelId" of the model that was metered. */
  model: string;
  sandbox: boolean;
  tokensIn: number;
  tokensOut: number;
  tokensCached: number;
  images: number;
  credits: number;
  usd: number;
  promptKey?: string;
  promptVersion?: number;
  promptSource?: 'task' | 'account' | 'default';
  /** True when the first answer was invalid and the repair call fixed it. */
  repaired: boolean;
}

/**
 * The owning module's save of a finished call's result (the writer's article, the planner's
 * clusters…): AI functions return values and never write. The engine runs it when `run()` gets
 * `save: true`, in one transaction after the charge settles and after `beforeSave` (the pipeline's
 * fence), with the scope and the parsed input the call ran with.
 */
export type AiPersist<I = unknown, O = unknown, S = unknown> = (
  trx: Db,
  scope: Scope,
  input: I,
  output: O,
  meta: AiRunMeta,
) => Promise<S>;

/** A file stored under the media folder by content hash. */
export interface StoredMedia {
  /** Relative to the media folder: "<sha256>.<ext>". */
  filePath: string;
  sha256: string;
  mime: string;
  width: number;
  height: number;
  sizeBytes: number;
}

interface AiFunctionCommon<IS extends z.ZodType> {
  name: AiFunctionName;
  /** One line for `igny8 prompts list`, docs and errors. */
  summary: string;
  input: IS;
  /**
   * Placeholders every override of this function's prompt must keep (account or task): without them
   * the model never sees what the validator checks (the outline, the target length), and each answer
   * is rejected after a billed repair. `prompts set` and the run refuse an override that drops one.
   */
  requiredVariables: readonly string[];
  /** The row a usage-log entry points at (a task, a content, an image), when the input names one. */
  object?(input: z.output<IS>): { type: string; id: string } | undefined;
}

/** A function answered by a text model with JSON, validated with zod, repaired once. */
export interface TextAiFunction<IS extends z.ZodType, OS extends z.ZodType, R> extends AiFunctionCommon<IS> {
  kind: 'text';
  promptKey: string;
  /** What the model must return; sent to the provider as JSON Schema. */
  output: OS;
  /** Per-function minimum charge (the seed's: clustering 2, content 3, the others 1). */
  minimumCredits: number;
  /** Values for the prompt template's {{placeholders}}. */
  promptVars(input: z.output<IS>): PromptVars;
  /** The output budget asked of the model (and held in credits). */
  maxOutputTokens(input: z.output<IS>): number;
  /** Problems zod cannot see (answers that ignore the input); any issue triggers the repair call. */
  check?(input: z.output<IS>, output: z.output<OS>): string[];
  /** Last resort after the repair: drop what is still wrong when the rest is usable. */
  fix?(input: z.output<IS>, output: z.output<OS>): z.output<OS>;
  /** Turn the model's answer into the result: sanitize, compute what we never trust the model with. */
  finalize(input: z.output<IS>, output: z.output<OS>): R;
  /** A result known without asking a model (nothing to do): no call, no charge. */
  skip?(input: z.output<IS>): R | undefined;
}

/** A function answered by an image model; the engine stores the bytes by content hash. */
export interface ImageAiFunction<IS extends z.ZodType, R> extends AiFunctionCommon<IS> {
  kind: 'image';
  /** The template that turns the planned prompt into what the image model gets (house style per account). */
  promptKey: string;
  promptVars(input: z.output<IS>): PromptVars;
  imageRequest(
    input: z.output<IS>,
    model: AiModel,
  ): { prompt: string; negativePrompt?: string; width: number; height: number };
  finalize(input: z.output<IS>, stored: StoredMedia, model: AiModel): R;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTextAiFunction = TextAiFunction<z.ZodType, z.ZodType, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyImageAiFunction = ImageAiFunction<z.ZodType, any>;
export type AnyAiFunction = AnyTextAiFunction | AnyImageAiFunction;

/** Identity helpers that keep each function's schema types inferred. */
export function defineTextFunction<IS extends z.ZodType, OS extends z.ZodType, R>(
  def: TextAiFunction<IS, OS, R>,
): TextAiFunction<IS, OS, R> {
  return def;
}

export function defineImageFunction<IS extends z.ZodType, R>(
  def: ImageAiFunction<IS, R>,
): ImageAiFunction<IS, R> {
  return def;
}
