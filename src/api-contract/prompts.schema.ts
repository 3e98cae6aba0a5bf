import { z } from 'zod';

export const PromptKeyParamsSchema = z.object({
  key: z.string().min(1).max(64).describe('Prompt key, e.g. "generate_content".'),
});

export const PromptInfoSchema = z.object({
  key: z.string(),
  source: z.enum(['account', 'default']),
  version: z.number().int(),
  variables: z.array(z.string()),
});

export const PromptSchema = z.object({
  key: z.string(),
  body: z.string(),
  source: z.enum(['task', 'account', 'default']),
  version: z.number().int(),
  variables: z.array(z.string()),
});

export const PromptSetSchema = z.object({
  body: z.string().min(1).max(200_000).describe('Template with {{placeholders}} the default declares.'),
});

export const PromptResetSchema = z.object({ key: z.string(), removed: z.boolean() });
