import { z } from 'zod';

const ProviderName = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z][a-z0-9_-]*$/, { message: 'expected a lowercase provider name such as "openai"' });

/** A stored or configured key, masked: the key itself never leaves the server. */
export const ProviderKeyInfoSchema = z.object({
  provider: z.string(),
  name: z.string(),
  masked: z.string().describe('e.g. "sk-…1234"; never the key.'),
  source: z.enum(['database', 'environment', 'config']),
  baseUrl: z.string().optional(),
  inUse: z.boolean(),
});

export const ProviderKeySetSchema = z.object({
  provider: ProviderName,
  key: z.string().min(4).max(4096).describe('The API key; stored encrypted, shown masked afterwards.'),
  name: z.string().min(1).max(40).optional().describe('Several keys per provider (default "default").'),
  baseUrl: z.url().optional().describe('Endpoint for an OpenAI-compatible provider.'),
});

export const ProviderKeySetResultSchema = z.object({
  provider: z.string(),
  name: z.string(),
  last4: z.string(),
});

export const ProviderKeyParamsSchema = z.object({ provider: ProviderName });
export const ProviderKeyQuerySchema = z.object({ name: z.string().min(1).max(40).optional() });
