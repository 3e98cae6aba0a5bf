import { z } from 'zod';

export const MODEL_TYPES = ['text', 'image', 'embedding'] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

/** A registry model as the rest of igny8 sees it. Prices are USD: text per 1M tokens, images per image. */
export interface AiModel {
  id: string;
  provider: string;
  modelId: string;
  displayName: string;
  type: ModelType;
  inputPrice: number | null;
  cachedInputPrice: number | null;
  /** USD per 1M input tokens written to the prompt cache; null = billed at the input price. */
  cacheWritePrice?: number | null;
  outputPrice: number | null;
  imagePrice: number | null;
  tokensPerCredit: number | null;
  creditsPerImage: number | null;
  contextWindow: number | null;
  maxOutput: number | null;
  /** Valid image sizes, "WIDTHxHEIGHT". */
  sizes: string[];
  /** e.g. "json_schema", "vision", "streaming". */
  capabilities: string[];
  tier: string | null;
  active: boolean;
  isDefault: boolean;
}

const price = (what: string) =>
  z
    .number()
    .finite()
    .min(0, { message: `${what} must be ≥ 0 (USD)` })
    .nullable()
    .optional()
    .describe(what);

const positiveInt = (what: string) =>
  z
    .number()
    .int()
    .positive({ message: `${what} must be a whole number > 0` })
    .nullable()
    .optional();

export const ModelSizeSchema = z
  .string()
  .regex(/^[1-9]\d{1,4}x[1-9]\d{1,4}$/, { message: 'expected a size like "1024x1024" (WIDTHxHEIGHT)' });

const TokenSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, { message: 'expected lowercase letters, digits, "_", "-" or "."' });

/** A provider name: a PROVIDERS id (src/providers/providers.ts), sandbox, or a configured compatible endpoint. */
export const ProviderNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z][a-z0-9_-]*$/, {
    message: 'expected a lowercase provider name such as "openai" or "gemini"',
  });

/** The fields a user may change on an existing model (identity — provider, model id, type — is fixed). */
const ModelFieldsSchema = z.object({
  displayName: z.string().trim().min(1).max(120).optional(),
  inputPrice: price('input price per 1M tokens'),
  cachedInputPrice: price('cached input price per 1M tokens'),
  cacheWritePrice: price('cache write price per 1M tokens'),
  outputPrice: price('output price per 1M tokens'),
  imagePrice: price('price per image'),
  tokensPerCredit: positiveInt('tokensPerCredit'),
  creditsPerImage: z
    .number()
    .int()
    .min(0, { message: 'creditsPerImage must be a whole number ≥ 0' })
    .nullable()
    .optional(),
  contextWindow: positiveInt('contextWindow'),
  maxOutput: positiveInt('maxOutput'),
  sizes: z.array(ModelSizeSchema).max(50).optional(),
  capabilities: z.array(TokenSchema).max(50).optional(),
  tier: z.string().trim().min(1).max(32).nullable().optional(),
});

/** Rules that tie fields to the model type: what a text or image model needs to be metered. */
function checkTypeRules(
  m: { type: ModelType; tokensPerCredit?: number | null; creditsPerImage?: number | null; sizes?: string[] },
  ctx: z.RefinementCtx,
): void {
  if (m.type !== 'image' && (m.tokensPerCredit === undefined || m.tokensPerCredit === null)) {
    ctx.addIssue({
      code: 'custom',
      path: ['tokensPerCredit'],
      message: `a ${m.type} model needs tokensPerCredit (tokens billed as one credit)`,
    });
  }
  if (m.type === 'image') {
    if (m.creditsPerImage === undefined || m.creditsPerImage === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['creditsPerImage'],
        message: 'an image model needs creditsPerImage',
      });
    }
    if (!m.sizes || m.sizes.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['sizes'],
        message: 'an image model needs at least one size like "1024x1024"',
      });
    }
  }
}

export const AddModelInputSchema = ModelFieldsSchema.extend({
  provider: ProviderNameSchema,
  modelId: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[^\s]+$/, { message: 'expected the provider model id without spaces, e.g. "gpt-4o-mini"' }),
  type: z.enum(MODEL_TYPES),
  active: z.boolean().default(true),
  isDefault: z.boolean().default(false),
}).superRefine(checkTypeRules);
export type AddModelInput = z.input<typeof AddModelInputSchema>;

export const UpdateModelInputSchema = ModelFieldsSchema.strict().refine((p) => Object.keys(p).length > 0, {
  message: 'nothing to update: give at least one field',
});
export type UpdateModelInput = z.input<typeof UpdateModelInputSchema>;

export const ModelListFilterSchema = z.object({
  type: z.enum(MODEL_TYPES).optional(),
  provider: z.string().trim().min(1).optional(),
  includeInactive: z.boolean().optional(),
});

/** The type rules alone, re-checked after an update merges a patch into a model. */
export const ModelTypeRulesSchema = z
  .object({
    type: z.enum(MODEL_TYPES),
    tokensPerCredit: z.number().nullable().optional(),
    creditsPerImage: z.number().nullable().optional(),
    sizes: z.array(z.string()).optional(),
  })
  .superRefine(checkTypeRules);

/** templates/models.json: the seed registry. */
export const ModelTemplatesFileSchema = z.object({
  $comment: z.string().optional(),
  models: z.array(AddModelInputSchema).min(1),
});
