export {
  AddModelInputSchema,
  MODEL_TYPES,
  ModelTemplatesFileSchema,
  ModelSizeSchema,
  UpdateModelInputSchema,
  type AddModelInput,
  type AiModel,
  type ModelType,
  type UpdateModelInput,
} from './ai-model.schema.js';
export { findTemplatesDir } from './find-templates-dir.js';
export {
  createModelRegistry,
  type ModelListFilter,
  type ModelRegistry,
  type ModelRegistryOptions,
} from './model-registry.service.js';
export { loadModelTemplates, type ModelTemplate } from './model-templates.js';
export { imageCredits, textCredits, usageCredits, usageUsd } from './pricing.js';
