import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db, ImagesTable } from '../db/index.js';
import type { Scope, SiteScope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';

// The writer owns `images`: every write to the table is one of these functions.

export async function insertImage(db: Db, row: Insertable<ImagesTable>): Promise<void> {
  await db.insertInto('images').values(row).execute();
}

/** Set columns of one image of the account; the number of rows changed (0: not the account's). */
export async function updateImage(
  db: Db,
  scope: Pick<Scope, 'accountId'>,
  id: string,
  set: Updateable<ImagesTable>,
): Promise<number> {
  const res = await db
    .updateTable('images')
    .set(set)
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Drop an article's unfinished images (pending, generating, failed); finished ones stay. */
export async function deleteUnfinishedImages(
  db: Db,
  scope: Pick<Scope, 'accountId'>,
  contentId: string,
): Promise<void> {
  await db
    .deleteFrom('images')
    .where('account_id', '=', scope.accountId)
    .where('content_id', '=', contentId)
    .where('status', '!=', 'done')
    .execute();
}

/** A worker starts drawing the image; a finished image is never taken back (a stale process may still be on its way). */
export async function markImageGenerating(db: Db, id: string): Promise<void> {
  await db
    .updateTable('images')
    .set({ status: 'generating', updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '!=', 'done')
    .execute();
}

/** A drawing failed (an image no longer generating — taken over, reset — keeps its state). */
export async function markImageFailed(db: Db, id: string, message: string): Promise<void> {
  await db
    .updateTable('images')
    .set({ status: 'failed', error: message.slice(0, 2000), updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'generating')
    .execute();
}

/** Images being drawn for the site (and sector) go back to pending; how many did. */
export async function resetGeneratingImages(
  db: Db,
  scope: SiteScope,
  sectorId: string | undefined,
  now: string,
): Promise<number> {
  let q = db
    .updateTable('images')
    .set({ status: 'pending', updated_at: now })
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('status', '=', 'generating');
  if (sectorId) q = q.where('sector_id', '=', sectorId);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** The role and position of each image an article has. */
export async function imageSlotsOf(
  db: Db,
  scope: Pick<Scope, 'accountId'>,
  contentId: string,
): Promise<Array<{ role: ImagesTable['role']; position: number }>> {
  return db
    .selectFrom('images')
    .select(['role', 'position'])
    .where('account_id', '=', scope.accountId)
    .where('content_id', '=', contentId)
    .execute();
}

/** An article's images, featured first, then by position. */
export async function imagesOfContent(
  db: Db,
  scope: Pick<Scope, 'accountId'>,
  contentId: string,
): Promise<Array<Selectable<ImagesTable>>> {
  return db
    .selectFrom('images')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('content_id', '=', contentId)
    .orderBy('role')
    .orderBy('position')
    .execute();
}
