/** AI functions and the engine that runs them with metering, validation, one repair and progress events. */
export {
  AI_FUNCTION_NAMES,
  defineImageFunction,
  defineTextFunction,
  type AiFunctionName,
  type AiRunMeta,
  type AnyAiFunction,
  type ImageAiFunction,
  type StoredMedia,
  type TextAiFunction,
} from './ai-function.js';
export { createAiEngine } from './ai-engine.js';
export { observeHolds, type HoldGuard, type HoldObserver } from './hold-observer.js';
export type { AiEngine, AiEngineDeps, AiEstimate, AiRunOptions, AiRunResult } from './engine.types.js';
export {
  AI_FUNCTIONS,
  requiredPromptVariables,
  getAiFunction,
  isAiFunctionName,
  type AiFunctions,
  type AiInput,
  type AiOutput,
} from './functions/index.js';
export { createProgress, type AiPhase, type AiProgressEvent, type AiProgressListener } from './progress.js';
export { storeMedia } from './media-store.js';
export { ensureLocalMedia } from './media-blobs.js';
export { saveMediaBlob } from './media-blobs.repository.js';
export { findAiPhrases, scrubAiPhrasing } from './ai-phrases.js';
export { extractJson, parseOutput, repairMessage } from './parse-output.js';
export { providerJsonSchema } from './provider-schema.js';
export { estimateTextCredits, SYSTEM_PROMPT } from './run-text.js';
export {
  ArticleStructureSchema,
  getStructure,
  loadStructures,
  structureGuide,
  structuresSummary,
  type ArticleStructure,
} from './structures.js';
export {
  CONTENT_TYPES,
  OutlineSchema,
  OutlineSectionSchema,
  SiteContextSchema,
  STRUCTURE_KEYS,
  type ContentType,
  type Outline,
  type OutlineSection,
  type SiteContext,
  type StructureKey,
} from './functions/common.schema.js';
export {
  AutoClusterInputSchema,
  AutoClusterOutputSchema,
  type AutoClusterInput,
  type AutoClusterOutput,
} from './functions/auto-cluster.schema.js';
export {
  GenerateIdeasInputSchema,
  GenerateIdeasOutputSchema,
  IdeaSchema,
  type GenerateIdeasInput,
  type GenerateIdeasOutput,
  type Idea,
} from './functions/generate-ideas.schema.js';
export {
  GenerateContentInputSchema,
  GenerateContentOutputSchema,
  type GenerateContentInput,
  type GenerateContentOutput,
  type GeneratedContent,
} from './functions/generate-content.schema.js';
export {
  GenerateImagePromptsInputSchema,
  GenerateImagePromptsOutputSchema,
  type GenerateImagePromptsInput,
  type GenerateImagePromptsOutput,
  type ImagePrompt,
} from './functions/generate-image-prompts.schema.js';
export {
  GenerateImagesInputSchema,
  type GenerateImagesInput,
  type GeneratedImage,
} from './functions/generate-images.schema.js';
export {
  OptimizeContentInputSchema,
  OptimizeContentOutputSchema,
  type OptimizeContentInput,
  type OptimizeContentOutput,
  type OptimizedContent,
} from './functions/optimize-content.schema.js';
export {
  SuggestLinksInputSchema,
  SuggestLinksOutputSchema,
  type LinkCandidate,
  type SuggestedLink,
  type SuggestLinksInput,
  type SuggestLinksOutput,
} from './functions/suggest-links.schema.js';
export { pickImageSize } from './functions/generate-images.js';
export { anchorInText, relatedCandidates } from './functions/suggest-links.js';
export { loadAutoClusterInput, loadGenerateIdeasInput } from './inputs/planner-inputs.js';
export {
  loadGenerateContentInput,
  loadGenerateImagesInput,
  loadImagePromptsInput,
  loadOptimizeInput,
  loadSuggestLinksInput,
} from './inputs/writer-inputs.js';
export { loadSiteContext } from './inputs/site-context.js';
export { withBatchItem, currentBatchItem } from './batch/batch-context.js';
export {
  createStageBatcher,
  customIdFor,
  type BatchProgress,
  type StageBatcher,
} from './batch/stage-batcher.js';
