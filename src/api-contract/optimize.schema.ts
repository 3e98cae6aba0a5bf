import { z } from 'zod';

/** The options of `igny8 optimize` (the core checks them again with OptimizeOptionsSchema). */
export const OptimizeRequestSchema = z
  .object({
    rewrite: z
      .boolean()
      .default(false)
      .describe('Also rewrite the article with the optimize_content AI function (charges credits).'),
    goals: z.string().trim().max(2000).optional().describe('What the rewrite should aim for (with rewrite).'),
    dryRun: z
      .boolean()
      .default(false)
      .describe('Work out the change without saving it (a rewrite is still charged).'),
  })
  .strict();

const WordChangeSchema = z.object({ removed: z.string(), added: z.string() });

const DiffSegmentSchema = z.object({
  op: z.enum(['same', 'added', 'removed']),
  text: z.string(),
});

const DiffFields = {
  contentId: z.string(),
  mode: z.enum(['scrub', 'rewrite']),
  changes: z.array(WordChangeSchema).describe('Word-level changes of the text, in order.'),
  diff: z.string().describe('Unified diff of the text (title, meta, body), one line per block.'),
  segments: z
    .array(DiffSegmentSchema)
    .describe('The whole text as kept, added and removed stretches, in order (a word-diff view).'),
};

/** What one de-AI pass found and changed. */
export const OptimizeResultSchema = z.object({
  ...DiffFields,
  changed: z.boolean().describe('False when the article already read clean.'),
  saved: z.boolean(),
  aiPhrases: z.array(z.string()).describe('Tell-tale AI phrases found before the pass.'),
  bannedPhrases: z.array(z.string()).describe("The voice guide's banned phrases found before the pass."),
  credits: z.number().describe('Credits the rewrite was charged (0 for the scrubber alone).'),
});

/** The last pass: the text before it against the article as it is now. */
export const OptimizeDiffSchema = z.object({
  ...DiffFields,
  at: z.string().describe('When the last pass saved.'),
});
