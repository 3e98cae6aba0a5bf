import { z } from 'zod';

/** A prompt key is also a file name in templates/prompts/, so it is kept to safe characters. */
export const PromptKeySchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_-]*$/, { message: 'expected a prompt key such as "generate_content"' });

export const PromptBodySchema = z
  .string()
  .max(200_000, { message: 'a prompt may hold at most 200,000 characters' })
  .refine((b) => b.trim().length > 0, { message: 'the prompt body is empty' });
