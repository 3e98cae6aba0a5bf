/**
 * Stored limit meaning "no limit". Limits are NOT NULL integers, and a number every count stays under
 * keeps any plain `used + adding > max` comparison right; the domain shows it as `null`.
 */
export const UNLIMITED = 2_147_483_647;

export interface PlanSeed {
  id: string;
  name: string;
  /** Plan credits granted per month (the plan pool, spent before bonus credits). */
  includedCredits: number;
  maxSites: number;
  maxUsers: number;
  maxKeywords: number;
}

/**
 * The plans seeded on first use (missing rows only; edits in the database are kept).
 * `unlimited` is the self-hoster's plan: credits still meter spend, but nothing is capped.
 */
export const DEFAULT_PLANS: readonly PlanSeed[] = [
  { id: 'free', name: 'Free', includedCredits: 100, maxSites: 1, maxUsers: 2, maxKeywords: 1_000 },
  { id: 'starter', name: 'Starter', includedCredits: 1_000, maxSites: 3, maxUsers: 5, maxKeywords: 10_000 },
  { id: 'pro', name: 'Pro', includedCredits: 5_000, maxSites: 10, maxUsers: 15, maxKeywords: 50_000 },
  { id: 'agency', name: 'Agency', includedCredits: 20_000, maxSites: 50, maxUsers: 50, maxKeywords: 250_000 },
  {
    id: 'unlimited',
    name: 'Unlimited',
    includedCredits: 1_000_000,
    maxSites: UNLIMITED,
    maxUsers: UNLIMITED,
    maxKeywords: UNLIMITED,
  },
];

/** `igny8 init` sets up one's own install, so nothing should be capped there. */
export const INIT_PLAN_ID = 'unlimited';
/** Sign-ups through the HTTP API start small; an operator raises the plan with `igny8 account update`. */
export const SIGNUP_PLAN_ID = 'free';
