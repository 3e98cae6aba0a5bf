import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { SiteScope } from '../tenancy/scope.js';

/** The site's domain (null when unset); SITE_NOT_FOUND when the site is not the account's. */
export async function siteDomain(db: Db, scope: SiteScope): Promise<string | null> {
  const site = await db
    .selectFrom('sites')
    .select(['id', 'domain'])
    .where('id', '=', scope.siteId)
    .where('account_id', '=', scope.accountId)
    .executeTakeFirst();
  if (!site)
    throw new Igny8Error('SITE_NOT_FOUND', `Site ${scope.siteId} not found`, {
      hint: 'List sites with `igny8 site list`.',
    });
  const d = site.domain?.trim();
  return d ? d : null;
}
