import { z } from 'zod';

const Phrase = z.string().trim().min(2).max(100);

/**
 * A site's voice and style guide, stored in the site's settings under `voiceGuide` (the tenancy
 * module owns `sites`; the writer reads and patches that key through the tenancy service).
 */
export const VoiceGuideSchema = z
  .object({
    tone: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .optional()
      .describe('How the site sounds, e.g. "warm, expert, no hype".'),
    person: z
      .enum(['first-singular', 'first-plural', 'second', 'third'])
      .optional()
      .describe('Grammatical person: "I", "we", "you" or "they".'),
    readingLevel: z
      .number()
      .int()
      .min(3)
      .max(16)
      .optional()
      .describe('Target reading level as a US school grade (3–16; 8 reads easily).'),
    bannedPhrases: z.array(Phrase).max(100).default([]).describe('Phrases no article may contain.'),
    preferredTerms: z
      .array(
        z.object({
          term: Phrase.describe('The word the site uses.'),
          insteadOf: z.array(Phrase).max(20).default([]).describe('Words it replaces.'),
        }),
      )
      .max(100)
      .default([])
      .describe('Terms the site prefers, with the words they replace.'),
    sample: z
      .string()
      .trim()
      .max(1500)
      .optional()
      .describe('A short passage in the site’s voice to imitate.'),
  })
  .strict();

/** Fields to change; the lists replace the stored ones, a field set to null is removed. */
export const VoiceGuidePatchSchema = VoiceGuideSchema.partial()
  .extend({
    tone: VoiceGuideSchema.shape.tone.nullable(),
    person: VoiceGuideSchema.shape.person.nullable(),
    readingLevel: VoiceGuideSchema.shape.readingLevel.nullable(),
    sample: VoiceGuideSchema.shape.sample.nullable(),
    bannedPhrases: VoiceGuideSchema.shape.bannedPhrases.removeDefault().optional(),
    preferredTerms: VoiceGuideSchema.shape.preferredTerms.removeDefault().optional(),
  })
  .strict();

/** A site's voice and style guide, and what writing prompts get from it. */
export const SiteVoiceSchema = z.object({
  siteId: z.string(),
  slug: z.string(),
  guide: VoiceGuideSchema.nullable().describe('Null until set.'),
  legacyVoice: z
    .string()
    .nullable()
    .describe('The older free-text `voice` site setting, sent first when present.'),
  instructions: z.string().nullable().describe('What {{voice}} becomes in the writing prompts.'),
});
