import type { Db } from '../db/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { parseJson } from '../util/json.js';
import { PublishingSettingsSchema, type PublishingSettings } from './publishing-settings.schema.js';

/** A site's publishing settings (validated, defaults filled) and its account's timezone. */
export async function siteSettings(
  db: Db,
  scope: SiteScope,
): Promise<{ publishing: PublishingSettings; timezone: string }> {
  const site = await db
    .selectFrom('sites')
    .select('settings')
    .where('account_id', '=', scope.accountId)
    .where('id', '=', scope.siteId)
    .executeTakeFirstOrThrow();
  const account = await db
    .selectFrom('accounts')
    .select('timezone')
    .where('id', '=', scope.accountId)
    .executeTakeFirstOrThrow();
  const raw = parseJson<Record<string, unknown>>(site.settings, {});
  return {
    publishing: PublishingSettingsSchema.parse(raw.publishing ?? {}),
    timezone: account.timezone || 'UTC',
  };
}
