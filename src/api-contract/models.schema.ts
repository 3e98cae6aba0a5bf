import { z } from 'zod';
import { MODEL_TYPES } from './enum-values.js';

export const ModelTypeSchema = z.enum(MODEL_TYPES);

const usd = z.number().nullable();

export const AiModelSchema = z.object({
  id: z.string(),
  provider: z.string(),
  modelId: z.string(),
  displayName: z.string(),
  type: ModelTypeSchema,
  inputPrice: usd.describe('USD per 1M input tokens.'),
  cachedInputPrice: usd.describe('USD per 1M cached input tokens.'),
  cacheWritePrice: usd
    .optional()
    .describe('USD per 1M input tokens written to the prompt cache (null: the input price).'),
  outputPrice: usd.describe('USD per 1M output tokens.'),
  imagePrice: usd.describe('USD per image.'),
  tokensPerCredit: z.number().nullable(),
  creditsPerImage: z.number().nullable(),
  contextWindow: z.number().nullable(),
  maxOutput: z.number().nullable(),
  sizes: z.array(z.string()),
  capabilities: z.array(z.string()),
  tier: z.string().nullable(),
  active: z.boolean(),
  isDefault: z.boolean(),
});
export type AiModelDto = z.infer<typeof AiModelSchema>;

export const ModelListQuerySchema = z.object({
  type: ModelTypeSchema.optional(),
  provider: z.string().min(1).max(40).optional(),
  includeInactive: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
});

export const ModelRefParamsSchema = z.object({
  modelRef: z.string().min(1).max(200).describe('Model id, "provider:modelId", or a unique "modelId".'),
});

const price = z.number().finite().min(0).nullable().optional();
const positive = z.number().int().positive().nullable().optional();

export const ModelPatchSchema = z.object({
  displayName: z.string().trim().min(1).max(120).optional(),
  inputPrice: price,
  cachedInputPrice: price,
  cacheWritePrice: price,
  outputPrice: price,
  imagePrice: price,
  tokensPerCredit: positive,
  creditsPerImage: z.number().int().min(0).nullable().optional(),
  contextWindow: positive,
  maxOutput: positive,
  sizes: z.array(z.string().max(12)).max(50).optional(),
  capabilities: z.array(z.string().max(40)).max(50).optional(),
  tier: z.string().trim().min(1).max(32).nullable().optional(),
});

export const ModelCreateSchema = ModelPatchSchema.extend({
  provider: z.string().trim().min(1).max(40),
  modelId: z.string().trim().min(1).max(120),
  type: ModelTypeSchema,
  active: z.boolean().optional(),
  isDefault: z.boolean().optional(),
});

export const ModelActiveSchema = z.object({ active: z.boolean() });
