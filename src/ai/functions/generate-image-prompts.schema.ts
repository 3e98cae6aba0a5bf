import { z } from 'zod';

export const GenerateImagePromptsInputSchema = z.object({
  /** contents.id — needed to save. */
  contentId: z.string().optional(),
  content: z.object({
    title: z.string().trim().min(1).max(200),
    focusKeyword: z.string().max(200).nullable().optional(),
    excerpt: z.string().max(1000).nullable().optional(),
    /** The article's H2 headings, in order: inline image N illustrates section N. */
    headings: z.array(z.string().max(200)).max(30).default([]),
  }),
  /** Inline images besides the one featured image (the seed's max_images: 1–8, default 2). */
  maxImages: z.number().int().min(0).max(8).default(2),
  /** House style for every image ("bright editorial photography", "flat illustration"). */
  style: z.string().max(300).optional(),
  /** BCP 47 tag of the article's language (absent: English): alt text and captions follow it. */
  language: z.string().max(35).optional(),
});
export type GenerateImagePromptsInput = z.input<typeof GenerateImagePromptsInputSchema>;

export const ImagePromptSchema = z.object({
  role: z.enum(['featured', 'inline']),
  position: z
    .number()
    .int()
    .min(0)
    .max(8)
    .describe('0 for the featured image; 1…N for inline images in order.'),
  prompt: z
    .string()
    .trim()
    .min(10)
    .max(1000)
    .describe('What the image shows: subject, setting, light, style.'),
  negativePrompt: z.string().trim().max(500).describe('What the image must not show (text, watermarks, …).'),
  alt: z.string().trim().min(3).max(200).describe('Alt text describing the image for screen readers.'),
  caption: z.string().trim().max(200).optional(),
});
export type ImagePrompt = z.infer<typeof ImagePromptSchema>;

export const GenerateImagePromptsOutputSchema = z.object({
  images: z.array(ImagePromptSchema).min(1).max(9),
});
export type GenerateImagePromptsOutput = z.infer<typeof GenerateImagePromptsOutputSchema>;
