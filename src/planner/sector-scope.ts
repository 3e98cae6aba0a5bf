import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { SectorScope } from '../tenancy/scope.js';

/**
 * SECTOR_NOT_FOUND unless the sector belongs to the site and the site to the account. A scope built
 * from request input must not let one tenant write keywords under another tenant's site.
 */
export async function assertSectorScope(db: Db, scope: SectorScope): Promise<void> {
  const row = await db
    .selectFrom('sectors')
    .select('id')
    .where('id', '=', scope.sectorId)
    .where('site_id', '=', scope.siteId)
    .where('account_id', '=', scope.accountId)
    .executeTakeFirst();
  if (!row) {
    throw new Igny8Error(
      'SECTOR_NOT_FOUND',
      `No sector "${scope.sectorId}" on site "${scope.siteId}" in this account`,
      {
        action: { id: 'list_sectors' },
      },
    );
  }
}
