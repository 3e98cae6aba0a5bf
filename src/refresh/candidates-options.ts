import { z } from 'zod';
import { REFRESH_CANDIDATE_KINDS } from '../api-contract/refresh-candidates.schema.js';
import { CANNIBAL_DEFAULTS } from './cannibal-rank.js';
import { DECAY_DEFAULTS } from './decay-rank.js';
import { STRIKING_DEFAULTS } from './striking-rank.js';

const n = (d: number, what: string) => z.number().min(0).default(d).describe(`${what} (default ${d}).`);

/** Options of rankCandidates; every threshold has a documented default. */
export const RankCandidatesOptionsSchema = z.object({
  kinds: z
    .array(z.enum(REFRESH_CANDIDATE_KINDS))
    .min(1)
    .default([...REFRESH_CANDIDATE_KINDS])
    .describe('Which kinds to look for.'),
  windowDays: z
    .number()
    .int()
    .min(7)
    .max(180)
    .default(28)
    .describe('Days per window: the last N days with data vs the N before.'),
  limit: z.number().int().min(1).max(10_000).default(50).describe('Candidates returned, best first.'),
  page: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .optional()
    .describe(
      "Only this page's candidates (any spelling of its URL; cannibalization where it is one of the pages).",
    ),
  decay: z
    .object({
      minClickLossPct: n(DECAY_DEFAULTS.minClickLossPct, 'Clicks lost, % of the previous window'),
      minClicksLost: n(DECAY_DEFAULTS.minClicksLost, 'Clicks lost at least (noise floor)'),
      minPositionDrop: n(DECAY_DEFAULTS.minPositionDrop, 'Or average position worse by at least'),
      minImpressions: n(
        DECAY_DEFAULTS.minImpressions,
        'Impressions in both windows for a position drop to count',
      ),
    })
    .prefault({}),
  striking: z
    .object({
      minPosition: n(STRIKING_DEFAULTS.minPosition, 'Weighted position from'),
      maxPosition: n(STRIKING_DEFAULTS.maxPosition, 'Weighted position to'),
      minImpressions: n(STRIKING_DEFAULTS.minImpressions, 'Impressions in the window'),
      targetPosition: n(STRIKING_DEFAULTS.targetPosition, 'Position the CTR gain is estimated at'),
    })
    .prefault({}),
  cannibal: z
    .object({
      minShare: z
        .number()
        .min(0)
        .max(1)
        .default(CANNIBAL_DEFAULTS.minShare)
        .describe("A page's share of the query's impressions (default 0.1)."),
      minPageImpressions: n(CANNIBAL_DEFAULTS.minPageImpressions, "A page's impressions for the query"),
    })
    .prefault({}),
});
export type RankCandidatesOptions = z.input<typeof RankCandidatesOptionsSchema>;
export type RankCandidatesSettings = z.output<typeof RankCandidatesOptionsSchema>;
