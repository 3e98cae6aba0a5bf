import { sql, type Selectable } from 'kysely';
import { cachedCount, type Db, type UsageLogTable } from '../db/index.js';
import { nearerEnd } from '../db/nearer-end.js';
import type { Scope } from '../tenancy/scope.js';
import { newId } from '../util/ids.js';

export type UsageLogRow = Selectable<UsageLogTable>;

export interface UsageValues {
  opId: string;
  siteId: string | null;
  operation: string;
  provider: string;
  model: string;
  tokensIn: number;
  tokensOut: number;
  tokensCached: number;
  tokensCacheWrite?: number;
  images: number;
  credits: number;
  usd: number;
  usdCacheSaved?: number;
  usdBatchSaved?: number;
  objectType: string | null;
  objectId: string | null;
  status: 'ok' | 'failed';
  error: string | null;
  createdAt: string;
  /** Our tokenizer's count, not the provider's (0003-usage-estimates). */
  estimated?: boolean;
  /** JSON of the provider's implausible figures, when replaced. */
  reported?: string | null;
}

/** One usage row per operation: the unique (account_id, op_id) refuses a second. */
export async function insertUsage(trx: Db, scope: Scope, v: UsageValues): Promise<void> {
  await trx
    .insertInto('usage_log')
    .values({
      id: newId(),
      account_id: scope.accountId,
      site_id: v.siteId,
      op_id: v.opId,
      operation: v.operation,
      provider: v.provider,
      model: v.model,
      tokens_in: v.tokensIn,
      tokens_out: v.tokensOut,
      tokens_cached: v.tokensCached,
      tokens_cache_write: v.tokensCacheWrite ?? 0,
      usd_cache_saved: v.usdCacheSaved ?? 0,
      usd_batch_saved: v.usdBatchSaved ?? 0,
      images: v.images,
      credits: v.credits,
      usd: v.usd,
      object_type: v.objectType,
      object_id: v.objectId,
      status: v.status,
      error: v.error,
      created_at: v.createdAt,
      usage_estimated: v.estimated ? 1 : 0,
      usage_reported: v.reported ?? null,
    })
    .execute();
}

function filtered(db: Db, scope: Scope, f: { since?: string | undefined; siteId?: string | undefined }) {
  let q = db.selectFrom('usage_log').where('account_id', '=', scope.accountId);
  if (f.since) q = q.where('created_at', '>=', f.since);
  if (f.siteId) q = q.where('site_id', '=', f.siteId);
  return q;
}

/**
 * One page of the usage log, newest first, and the total: counted once per change (cachedCount),
 * the page's ids read from the nearer end of usage_log_list (0010), so the last page of a long log
 * costs what the first does.
 */
export async function listUsage(
  db: Db,
  scope: Scope,
  query: { limit: number; offset: number; since?: string | undefined; siteId?: string | undefined },
): Promise<{ rows: UsageLogRow[]; total: number }> {
  const total = await cachedCount(
    db,
    ['usage_log'],
    filtered(db, scope, query).select(sql<number>`count(*)`.as('n')),
  );
  const plan = nearerEnd(total, query.limit, query.offset);
  if (plan.limit === 0) return { rows: [], total };
  const dir = plan.reversed ? 'asc' : 'desc';
  const ids = filtered(db, scope, query)
    .select('id')
    .orderBy('created_at', dir)
    .orderBy('id', dir)
    .limit(plan.limit)
    .offset(plan.offset);
  const rows = await db
    .selectFrom('usage_log')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return { rows, total };
}

const GROUP_KEYS = {
  operation: sql<string>`operation`,
  model: sql<string>`provider || ':' || model`,
  // ISO timestamps: the first 10 characters are the UTC day, in both dialects.
  day: sql<string>`substr(created_at, 1, 10)`,
};

export async function summarizeUsage(
  db: Db,
  scope: Scope,
  by: keyof typeof GROUP_KEYS,
  since: string | undefined,
): Promise<
  Array<{
    key: string;
    credits: number;
    usd: number;
    calls: number;
    tokens_in: number;
    tokens_out: number;
    images: number;
  }>
> {
  const key = GROUP_KEYS[by];
  const rows = await filtered(db, scope, { since })
    .select([
      key.as('key'),
      sql<number>`sum(credits)`.as('credits'),
      sql<number>`sum(usd)`.as('usd'),
      sql<number>`count(*)`.as('calls'),
      sql<number>`sum(tokens_in)`.as('tokens_in'),
      sql<number>`sum(tokens_out)`.as('tokens_out'),
      sql<number>`sum(images)`.as('images'),
    ])
    .groupBy(key)
    .orderBy(key)
    .execute();
  return rows.map((r) => ({
    key: r.key,
    credits: Number(r.credits),
    usd: Number(r.usd),
    calls: Number(r.calls),
    tokens_in: Number(r.tokens_in),
    tokens_out: Number(r.tokens_out),
    images: Number(r.images),
  }));
}
