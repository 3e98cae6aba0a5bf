import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db, SitesTable } from '../db/index.js';
import type { Scope } from './scope.js';

export type SiteRow = Selectable<SitesTable>;

export async function insertSite(db: Db, row: Insertable<SitesTable>): Promise<void> {
  await db.insertInto('sites').values(row).execute();
}

/** A site of the account by id or slug; the account filter is what keeps tenants apart. */
export async function findSiteRowByRef(db: Db, scope: Scope, ref: string): Promise<SiteRow | undefined> {
  return db
    .selectFrom('sites')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where((eb) => eb.or([eb('id', '=', ref), eb('slug', '=', ref)]))
    .executeTakeFirst();
}

/** The account's sites with how many sectors each has. */
export async function listSiteRows(db: Db, scope: Scope): Promise<Array<SiteRow & { sector_count: number }>> {
  return db
    .selectFrom('sites')
    .selectAll('sites')
    .select((eb) =>
      eb
        .selectFrom('sectors')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('sectors.site_id', '=', 'sites.id')
        .where('sectors.account_id', '=', scope.accountId)
        .as('sector_count'),
    )
    .where('sites.account_id', '=', scope.accountId)
    .orderBy('sites.created_at')
    .orderBy('sites.slug')
    .execute() as Promise<Array<SiteRow & { sector_count: number }>>;
}

export async function siteSlugTaken(db: Db, scope: Scope, slug: string, exceptId?: string): Promise<boolean> {
  let q = db
    .selectFrom('sites')
    .select('id')
    .where('account_id', '=', scope.accountId)
    .where('slug', '=', slug);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function updateSiteRow(
  db: Db,
  scope: Scope,
  id: string,
  patch: Updateable<SitesTable>,
): Promise<number> {
  const res = await db
    .updateTable('sites')
    .set(patch)
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Delete a site; its sectors, keywords and content go with it (cascading keys). */
export async function deleteSiteRow(db: Db, scope: Scope, id: string): Promise<number> {
  const res = await db
    .deleteFrom('sites')
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** The language a site's (or sector's) content is written in: the sector's when set, else the site's. */
export async function findContentLanguage(
  db: Db,
  accountId: string,
  siteId: string,
  sectorId: string | null,
): Promise<string> {
  const site = await db
    .selectFrom('sites')
    .select('language')
    .where('account_id', '=', accountId)
    .where('id', '=', siteId)
    .executeTakeFirst();
  const sector = sectorId
    ? await db
        .selectFrom('sectors')
        .select('language')
        .where('account_id', '=', accountId)
        .where('id', '=', sectorId)
        .executeTakeFirst()
    : undefined;
  return sector?.language || site?.language || 'en';
}
