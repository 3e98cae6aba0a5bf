import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { SectorScope, SiteScope } from './scope.js';

/** Find a site of the account by id or slug; the account filter is what keeps tenants apart. */
export async function resolveSiteRef(db: Db, accountId: string, ref: string | undefined): Promise<SiteScope> {
  let q = db.selectFrom('sites').select(['id']).where('account_id', '=', accountId);
  if (ref) q = q.where((eb) => eb.or([eb('id', '=', ref), eb('slug', '=', ref)]));
  const rows = await q.limit(2).execute();
  if (!ref && rows.length > 1) {
    throw new Igny8Error('USAGE', 'This account has several sites; say which one', {
      hint: 'Pass --site <id|slug> (`igny8 site list`).',
    });
  }
  if (rows.length === 0) {
    throw new Igny8Error(
      'SITE_NOT_FOUND',
      ref ? `No site "${ref}" in this account` : 'This account has no site yet',
      {
        action: { id: ref ? 'list_sites' : 'add_site' },
      },
    );
  }
  return { accountId, siteId: rows[0]!.id };
}

/** Find a sector of a site by id or slug (or the only one). */
export async function resolveSectorRef(
  db: Db,
  scope: SiteScope,
  ref: string | undefined,
): Promise<SectorScope> {
  let q = db
    .selectFrom('sectors')
    .select(['id'])
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId);
  if (ref) q = q.where((eb) => eb.or([eb('id', '=', ref), eb('slug', '=', ref)]));
  const rows = await q.limit(2).execute();
  if (!ref && rows.length > 1) {
    throw new Igny8Error('USAGE', 'This site has several sectors; say which one', {
      hint: 'Pass --sector <id|slug> (`igny8 sector list --site …`).',
    });
  }
  if (rows.length === 0) {
    throw new Igny8Error(
      'SECTOR_NOT_FOUND',
      ref ? `No sector "${ref}" on this site` : 'This site has no sector yet',
      {
        action: { id: ref ? 'list_sectors' : 'add_sector' },
      },
    );
  }
  return { ...scope, sectorId: rows[0]!.id };
}
