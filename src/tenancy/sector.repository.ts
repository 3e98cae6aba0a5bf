import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db, SectorsTable } from '../db/index.js';
import type { SiteScope } from './scope.js';

export type SectorRow = Selectable<SectorsTable>;

export async function insertSector(db: Db, row: Insertable<SectorsTable>): Promise<void> {
  await db.insertInto('sectors').values(row).execute();
}

/** A sector of the site by id or slug. */
export async function findSectorRowByRef(
  db: Db,
  scope: SiteScope,
  ref: string,
): Promise<SectorRow | undefined> {
  return db
    .selectFrom('sectors')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where((eb) => eb.or([eb('id', '=', ref), eb('slug', '=', ref)]))
    .executeTakeFirst();
}

export async function listSectorRows(db: Db, scope: SiteScope): Promise<SectorRow[]> {
  return db
    .selectFrom('sectors')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .orderBy('created_at')
    .orderBy('slug')
    .execute();
}

export async function sectorSlugTaken(db: Db, scope: SiteScope, slug: string): Promise<boolean> {
  const row = await db
    .selectFrom('sectors')
    .select('id')
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row !== undefined;
}

/** Delete a sector; its keywords, clusters and content go with it (cascading keys). */
export async function deleteSectorRow(db: Db, scope: SiteScope, id: string): Promise<number> {
  const res = await db
    .deleteFrom('sectors')
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function updateSectorRow(
  db: Db,
  scope: SiteScope,
  id: string,
  patch: Updateable<SectorsTable>,
): Promise<number> {
  const res = await db
    .updateTable('sectors')
    .set(patch)
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
