import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { parseJson } from '../util/json.js';
import { COST_PROFILE_KEYS, type CostProfileKey } from './cost-profiles.js';

/**
 * The site's `costProfile` setting (`igny8 site update --settings '{"costProfile":"economy"}'`), or
 * undefined when unset. A value that is not a profile is refused, naming the setting and the fix.
 */
export async function siteCostProfile(db: Db, scope: SiteScope): Promise<CostProfileKey | undefined> {
  const site = await db
    .selectFrom('sites')
    .select('settings')
    .where('account_id', '=', scope.accountId)
    .where('id', '=', scope.siteId)
    .executeTakeFirst();
  const value = parseJson<{ costProfile?: unknown }>(site?.settings, {}).costProfile;
  if (value === undefined || value === null) return undefined;
  if (COST_PROFILE_KEYS.includes(value as CostProfileKey)) return value as CostProfileKey;
  throw new Igny8Error(
    'VALIDATION_FAILED',
    `The site's costProfile setting is "${String(value)}", not a cost profile`,
    {
      hint: `Set it to one of ${COST_PROFILE_KEYS.join(', ')}: igny8 site update <site> --settings '{"costProfile":"economy"}' (null removes it).`,
      fields: { 'settings.costProfile': [`expected one of ${COST_PROFILE_KEYS.join(', ')}`] },
    },
  );
}
