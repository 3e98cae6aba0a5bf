import { sql } from 'kysely';
import { ConfigSchema } from '../../src/config/index.js';
import { createCore, type Core } from '../../src/core.js';
import type { DialectName } from '../../src/db/index.js';
import type { SectorScope } from '../../src/tenancy/scope.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

export interface AiKit {
  t: TestDb;
  core: Core;
  scope: SectorScope;
  close(): Promise<void>;
}

/** A migrated database with one tenant, a core built from `config`, the seeded model registry, and credits. */
export async function createAiKit(
  dialect: DialectName,
  options: { config?: Record<string, unknown>; credits?: number } = {},
): Promise<AiKit> {
  const t = await createTestDb(dialect);
  const tenant = await seedTenant(t.db, 'a');
  const config = ConfigSchema.parse({ database: { url: t.url }, ...options.config });
  const core = await createCore({ config, baseDir: t.dir, db: t });
  await core.models.seed();
  const scope = { accountId: tenant.accountId, siteId: tenant.siteId, sectorId: tenant.sectorId };
  if (options.credits)
    await core.credits.grant(scope, { opId: 'test-grant', amount: options.credits, pool: 'plan' });
  return {
    t,
    core,
    scope,
    async close() {
      await core.close();
      await t.close();
    },
  };
}

/** Keyword rows in the tenant's sector, status new; returns their ids. */
export async function insertKeywords(kit: AiKit, keywords: Array<[string, number]>): Promise<string[]> {
  const now = new Date().toISOString();
  const rows = keywords.map(([keyword, volume], i) => ({
    id: `kw-${i}`,
    account_id: kit.scope.accountId,
    site_id: kit.scope.siteId,
    sector_id: kit.scope.sectorId,
    keyword,
    normalized: keyword.toLowerCase(),
    volume,
    difficulty: null,
    cpc: null,
    intent: null,
    source: 'test',
    cluster_id: null,
    status: 'new' as const,
    created_at: now,
    updated_at: now,
  }));
  await kit.t.db.insertInto('keywords').values(rows).execute();
  return rows.map((r) => r.id);
}

/** Credits charged by the ledger, and credits recorded in the usage log: the two must agree. */
export async function ledgerAndUsage(
  kit: AiKit,
): Promise<{ charged: number; logged: number; failedRows: number; okRows: number }> {
  const { accountId } = kit.scope;
  const charges = await kit.t.db
    .selectFrom('credit_transactions')
    .select(sql<number>`coalesce(sum(amount), 0)`.as('n'))
    .where('account_id', '=', accountId)
    .where('kind', '=', 'charge')
    .executeTakeFirst();
  const usage = await kit.t.db
    .selectFrom('usage_log')
    .select([
      sql<number>`coalesce(sum(credits), 0)`.as('n'),
      sql<number>`sum(case when status = 'failed' then 1 else 0 end)`.as('failed'),
      sql<number>`sum(case when status = 'ok' then 1 else 0 end)`.as('ok'),
    ])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return {
    charged: 0 - Number(charges?.n ?? 0),
    logged: Number(usage?.n ?? 0),
    failedRows: Number(usage?.failed ?? 0),
    okRows: Number(usage?.ok ?? 0),
  };
}

export const COFFEE: Array<[string, number]> = [
  ['best espresso machine', 5400],
  ['best espresso machine for beginners', 320],
  ['how to clean espresso machine', 22200],
  ['descaling espresso machine', 390],
  ['espresso machine vs coffee maker', 1300],
  ['french press grind size', 49500],
  ['how to make french press coffee', 4400],
  ['french press coffee ratio', 1900],
  ['best french press', 49500],
  ['cold brew coffee recipe', 40500],
  ['cold brew ratio', 4400],
  ['how long to steep cold brew', 27100],
];

/** A queued task for an idea (what stage 3 of the pipeline makes). */
export async function insertTask(kit: AiKit, ideaId: string): Promise<string> {
  const now = new Date().toISOString();
  const idea = await kit.t.db
    .selectFrom('ideas')
    .selectAll()
    .where('id', '=', ideaId)
    .executeTakeFirstOrThrow();
  const id = `task-${ideaId}`;
  await kit.t.db
    .insertInto('tasks')
    .values({
      id,
      account_id: idea.account_id,
      site_id: idea.site_id,
      sector_id: idea.sector_id,
      idea_id: idea.id,
      prompt_override: null,
      attempts: 0,
      error: null,
      status: 'queued',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
