import type { Db } from '../../../src/db/index.js';
import { insertRun } from '../../../src/automation/run.repository.js';
import { RunOptionsSchema, type RunOptionsInput } from '../../../src/automation/run-options.schema.js';
import { emptyResults } from '../../../src/automation/stages.js';
import type { SectorScope } from '../../../src/tenancy/scope.js';
import { newId } from '../../../src/util/ids.js';

/** One more site (with one sector) for an account seeded by seedTenant. */
export async function addSite(db: Db, accountId: string, slug: string): Promise<SectorScope> {
  const now = new Date().toISOString();
  const scope = { accountId, siteId: `site-${slug}`, sectorId: `sector-${slug}` };
  await db
    .insertInto('sites')
    .values({
      id: scope.siteId,
      account_id: accountId,
      name: `Site ${slug}`,
      slug: `site-${slug}`,
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
      id: scope.sectorId,
      account_id: accountId,
      site_id: scope.siteId,
      name: `Sector ${slug}`,
      slug: `sector-${slug}`,
      status: 'active',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return scope;
}

/** Keyword rows with status "new" in the scope's sector; returns their ids. */
export async function addKeywords(db: Db, scope: SectorScope, keywords: string[]): Promise<string[]> {
  const now = new Date().toISOString();
  const rows = keywords.map((keyword, i) => ({
    id: newId(),
    account_id: scope.accountId,
    site_id: scope.siteId,
    sector_id: scope.sectorId,
    keyword,
    normalized: keyword.toLowerCase(),
    volume: 1000 - i,
    difficulty: null,
    cpc: null,
    intent: null,
    source: 'test',
    cluster_id: null,
    status: 'new' as const,
    created_at: now,
    updated_at: now,
  }));
  if (rows.length > 0) await db.insertInto('keywords').values(rows).execute();
  return rows.map((r) => r.id);
}

/** A queued (detached) run for the site, as `igny8 run --detach` leaves it. */
export async function queueRun(db: Db, scope: SectorScope, options: RunOptionsInput = {}): Promise<string> {
  const row = await insertRun(db, scope, {
    trigger: 'cli',
    status: 'queued',
    options: RunOptionsSchema.parse(options),
    results: emptyResults(),
    estimateCredits: 0,
    creditCap: null,
    leaseOwner: null,
  });
  return row.id;
}
