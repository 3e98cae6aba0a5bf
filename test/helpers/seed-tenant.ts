import type { Db } from '../../src/db/index.js';

export interface SeededTenant {
  accountId: string;
  siteId: string;
  sectorId: string;
  planId: string;
}

/**
 * Raw rows for one account → site → sector, with no service involved, so any suite can start from a
 * tenant. `suffix` keeps several tenants in one database apart.
 */
export async function seedTenant(
  db: Db,
  suffix = 'a',
  limits: Partial<{ maxSites: number; maxUsers: number; maxKeywords: number; includedCredits: number }> = {},
): Promise<SeededTenant> {
  const now = new Date().toISOString();
  const ids = {
    planId: `plan-${suffix}`,
    accountId: `acct-${suffix}`,
    siteId: `site-${suffix}`,
    sectorId: `sector-${suffix}`,
  };
  await db
    .insertInto('plans')
    .values({
      id: ids.planId,
      name: `Plan ${suffix}`,
      included_credits: limits.includedCredits ?? 1000,
      max_sites: limits.maxSites ?? 5,
      max_users: limits.maxUsers ?? 5,
      max_keywords: limits.maxKeywords ?? 1_000_000,
      created_at: now,
    })
    .execute();
  await db
    .insertInto('accounts')
    .values({
      id: ids.accountId,
      name: `Account ${suffix}`,
      plan_id: ids.planId,
      timezone: 'UTC',
      status: 'active',
      modules: '{}',
      settings: '{}',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('sites')
    .values({
      id: ids.siteId,
      account_id: ids.accountId,
      name: `Site ${suffix}`,
      slug: `site-${suffix}`,
      domain: null,
      industry: null,
      status: 'active',
      settings: '{}',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('sectors')
    .values({
      id: ids.sectorId,
      account_id: ids.accountId,
      site_id: ids.siteId,
      name: `Sector ${suffix}`,
      slug: `sector-${suffix}`,
      status: 'active',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return ids;
}
