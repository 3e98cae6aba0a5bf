import { z } from 'zod';
import { PROVIDER_IDS, type ProviderId } from '../providers.js';

/** Vendors with their own config block (PROVIDERS); any other name is an OpenAI-compatible endpoint. */
export const KEYED_PROVIDERS = PROVIDER_IDS;
export type KeyedProvider = ProviderId;

export const SetProviderKeyInputSchema = z.object({
  provider: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z][a-z0-9_-]*$/, {
      message: 'expected a lowercase provider name such as "openai" or "gemini"',
    }),
  key: z
    .string()
    .trim()
    .min(4, { message: 'expected the API key (at least 4 characters)' })
    .max(4096)
    .regex(/^\S+$/, { message: 'an API key has no spaces or line breaks' }),
  name: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, { message: 'expected a short lowercase name such as "default"' })
    .default('default'),
  baseUrl: z.url({ message: 'expected an http(s) URL such as http://localhost:11434/v1' }).optional(),
});
export type SetProviderKeyInput = z.input<typeof SetProviderKeyInputSchema>;
