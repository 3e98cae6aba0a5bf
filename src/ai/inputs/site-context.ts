import type { Db } from '../../db/index.js';
import type { Scope } from '../../tenancy/scope.js';
import { parseJson } from '../../util/json.js';
import { VoiceGuideSchema, voiceInstructions, type VoiceCheck } from '../../writer/voice-guide.js';
import { DEFAULT_LANGUAGE, effectiveLanguage } from '../../util/language.js';
import type { SiteContext } from '../functions/common.schema.js';

/**
 * The site (and sector) a prompt should know about, and the voice: the site's style guide
 * (`settings.voiceGuide`, `igny8 site voice set`) rendered after the free-text `voice` setting of the
 * site or the account; `style` carries the banned phrases and preferred terms the answer is checked against.
 */
export async function loadSiteContext(
  db: Db,
  scope: Scope,
  siteId: string,
  sectorId?: string | null,
): Promise<{ site: SiteContext; voice?: string; style?: VoiceCheck }> {
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
  const siteSettings = parseJson<{ voice?: unknown; voiceGuide?: unknown }>(site?.settings, {});
  const legacy = siteSettings.voice ?? parseJson<{ voice?: unknown }>(account?.settings, {}).voice;
  // A guide that no longer parses (edited by hand) is ignored rather than failing every article.
  const parsed = VoiceGuideSchema.safeParse(siteSettings.voiceGuide ?? undefined);
  const guide = siteSettings.voiceGuide && parsed.success ? parsed.data : undefined;
  const voice = voiceInstructions(guide, typeof legacy === 'string' ? legacy.slice(0, 2000) : undefined);
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
    voice,
    style:
      guide?.bannedPhrases.length || guide?.preferredTerms.length
        ? { bannedPhrases: guide.bannedPhrases, preferredTerms: guide.preferredTerms }
        : undefined,
  };
}
