import type { Db } from '../../db/index.js';
import type { Scope } from '../../tenancy/scope.js';
import { parseJson } from '../../util/json.js';
import { DEFAULT_LANGUAGE, effectiveLanguage } from '../../util/language.js';
import type { SiteContext } from '../functions/common.schema.js';

/** The site (and sector) a prompt should know about, and the voice set on the site or the account. */
export async function loadSiteContext(
  db: Db,
  scope: Scope,
  siteId: string,
  sectorId?: string | null,
): Promise<{ site: SiteContext; voice?: string }> {
  const site = await db
    .selectFrom('sites')
    .select(['name', 'domain', 'industry', 'settings', 'language'])
    .where('account_id', '=', scope.accountId)
    .where('id', '=', siteId)
    .executeTakeFirst();
  const sector = sectorId
    ? await db
        .selectFrom('sectors')
        .select(['name', 'language'])
        .where('account_id', '=', scope.accountId)
        .where('id', '=', sectorId)
        .executeTakeFirst()
    : undefined;
  const account = await db
    .selectFrom('accounts')
    .select('settings')
    .where('id', '=', scope.accountId)
    .executeTakeFirst();
  const voice =
    parseJson<{ voice?: unknown }>(site?.settings, {}).voice ??
    parseJson<{ voice?: unknown }>(account?.settings, {}).voice;
  const language = effectiveLanguage(site?.language, sector?.language);
  return {
    site: {
      name: site?.name,
      domain: site?.domain ?? null,
      industry: site?.industry ?? null,
      sector: sector?.name ?? null,
      // English is left out, so prompts for English sites stay byte-for-byte what they were.
      ...(language !== DEFAULT_LANGUAGE ? { language } : {}),
    },
    voice: typeof voice === 'string' && voice.trim() ? voice.trim().slice(0, 2000) : undefined,
  };
}
