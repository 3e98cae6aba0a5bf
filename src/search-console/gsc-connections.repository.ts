import type { Db, SearchConsoleConnectionsTable } from '../db/index.js';
import type { SiteScope } from '../tenancy/scope.js';

export type GscConnectionRow = SearchConsoleConnectionsTable;

export async function getConnectionRow(db: Db, scope: SiteScope): Promise<GscConnectionRow | undefined> {
  return db
    .selectFrom('search_console_connections')
    .selectAll()
    .where('site_id', '=', scope.siteId)
    .where('account_id', '=', scope.accountId)
    .executeTakeFirst();
}

/** Insert or replace the site's connection (one per site). */
export async function upsertConnectionRow(
  db: Db,
  scope: SiteScope,
  c: { property: string; client_email: string; key_enc: string; now: string },
): Promise<void> {
  await db
    .insertInto('search_console_connections')
    .values({
      site_id: scope.siteId,
      account_id: scope.accountId,
      property: c.property,
      client_email: c.client_email,
      key_enc: c.key_enc,
      created_at: c.now,
      updated_at: c.now,
    })
    .onConflict((oc) =>
      oc.column('site_id').doUpdateSet({
        property: c.property,
        client_email: c.client_email,
        key_enc: c.key_enc,
        updated_at: c.now,
      }),
    )
    .execute();
}

export async function deleteConnectionRow(db: Db, scope: SiteScope): Promise<number> {
  const res = await db
    .deleteFrom('search_console_connections')
    .where('site_id', '=', scope.siteId)
    .where('account_id', '=', scope.accountId)
    .executeTakeFirst();
  return Number(res.numDeletedRows ?? 0);
}

/** Every connected site of an active account (the scheduler's pulls), with the account's timezone. */
export async function searchConsoleConnectionsDue(
  db: Db,
): Promise<Array<{ siteId: string; accountId: string; timezone: string; createdAt: string }>> {
  return db
    .selectFrom('search_console_connections as c')
    .innerJoin('accounts', 'accounts.id', 'c.account_id')
    .innerJoin('sites', 'sites.id', 'c.site_id')
    .select([
      'c.site_id as siteId',
      'c.account_id as accountId',
      'accounts.timezone as timezone',
      'c.created_at as createdAt',
    ])
    .where('accounts.status', '=', 'active')
    .where('sites.status', '=', 'active')
    .orderBy('c.site_id')
    .execute();
}
