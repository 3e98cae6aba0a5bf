import { z } from 'zod';

// `igny8 compare` and POST /automation/compare: what is asked and what comes back.

const Id = z.string().min(1).max(100);

const ProfileKey = z.enum(['economy', 'standard', 'premium']);

/** `igny8 compare` and POST /automation/compare: the same sample of ideas written under each profile. */
export const CompareRequestSchema = z.object({
  siteId: Id,
  profiles: z
    .array(ProfileKey)
    .min(1)
    .max(3)
    .refine((p) => new Set(p).size === p.length, { message: 'name each profile once' })
    .describe('Cost profiles to compare, e.g. ["economy", "standard"].'),
  sample: z
    .number()
    .int()
    .min(1)
    .max(20)
    .default(5)
    .describe("Ideas written under each profile (the site's oldest)."),
  sectorId: Id.optional().describe('Sample ideas of one sector only.'),
});

const ComparedArticleSchema = z.object({
  ideaId: z.string(),
  title: z.string(),
  words: z.number().optional(),
  targetWords: z.number().optional(),
  lengthRatio: z.number().optional(),
  outline: z.object({ sections: z.number(), h2: z.number(), followed: z.boolean() }).optional(),
  seoScore: z.number().optional(),
  readingEase: z.number().optional(),
  aiPhrases: z.array(z.string()).optional(),
  duplicateShare: z
    .number()
    .optional()
    .describe('Share of its 8-word passages found in another article of the profile.'),
  credits: z.number(),
  usd: z.number(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

const PriceRowSchema = z.object({
  model: z.string().describe('"provider:modelId".'),
  inputPrice: z.number().nullable(),
  cachedInputPrice: z.number().nullable(),
  cacheWritePrice: z.number().nullable(),
  outputPrice: z.number().nullable(),
  imagePrice: z.number().nullable(),
  tokensPerCredit: z.number().nullable(),
  creditsPerImage: z.number().nullable(),
});

export const ComparisonSchema = z.object({
  id: z.string().describe('Usage log and ledger op ids start with compare:<id>:.'),
  inputs: z
    .object({
      siteId: z.string(),
      sectorId: z.string().optional(),
      profiles: z.array(ProfileKey),
      sample: z.number(),
    })
    .describe('What was asked (after defaults), so a stored result can be read and reproduced on its own.'),
  prices: z
    .object({
      version: z
        .string()
        .describe('A digest of the rows: two results with the same version were priced alike.'),
      models: z.array(PriceRowSchema),
    })
    .describe(
      'Registry prices (USD per 1M tokens, per image) of the models that answered and priced images.',
    ),
  sample: z.array(z.object({ ideaId: z.string(), title: z.string() })),
  profiles: z.array(
    z.object({
      profile: ProfileKey,
      textModel: z.string(),
      imageModel: z.string(),
      maxImages: z.number(),
      sandbox: z.boolean(),
      articles: z.array(ComparedArticleSchema),
      summary: z.object({
        articles: z.number(),
        failed: z.number(),
        text: z.object({ usdPerArticle: z.number(), creditsPerArticle: z.number() }),
        images: z
          .object({ usdPerArticle: z.number(), creditsPerArticle: z.number(), perArticle: z.number() })
          .describe("Priced from the profile's image model, not generated."),
        usdPerArticle: z.number(),
        creditsPerArticle: z.number(),
        avgSeoScore: z.number(),
        avgReadingEase: z.number(),
        outlineFollowed: z.number(),
        lengthOnTarget: z.number(),
        aiPhrases: z.number(),
        avgDuplicateShare: z.number(),
      }),
    }),
  ),
});
