import { loadSiteContext } from '../../ai/index.js';
import type { VoiceCheck } from '../../writer/index.js';
import { transaction, type Db } from '../../db/index.js';
import { Igny8Error, isIgny8Error } from '../../errors/index.js';
import { findContentLanguage } from '../../tenancy/site.repository.js';
import { DEFAULT_LANGUAGE } from '../../util/language.js';
import type { StageContext } from '../stage-context.js';

/**
 * The site's context handed to AI functions (name, domain, industry) for grounding, and the
 * language of the item's sector (else the site's) when it is not English.
 */
export async function siteContext(
  ctx: StageContext,
  sectorId?: string | null,
): Promise<{ name: string; domain?: string; industry?: string; language?: string }> {
  const s = await ctx.core.db
    .selectFrom('sites')
    .select(['name', 'domain', 'industry'])
    .where('account_id', '=', ctx.scope.accountId)
    .where('id', '=', ctx.scope.siteId)
    .executeTakeFirstOrThrow();
  const language = await findContentLanguage(
    ctx.core.db,
    ctx.scope.accountId,
    ctx.scope.siteId,
    sectorId ?? ctx.options.sectorId ?? null,
  );
  return promptSite(s, language);
}

/** The site as prompts see it: name, domain and industry when set, the language when not English. */
function promptSite(
  s: { name: string; domain?: string | null; industry?: string | null },
  language: string,
): { name: string; domain?: string; industry?: string; language?: string } {
  return {
    name: s.name,
    ...(s.domain ? { domain: s.domain } : {}),
    ...(s.industry ? { industry: s.industry } : {}),
    // English is left out, so prompts for English sites stay what they were.
    ...(language !== DEFAULT_LANGUAGE ? { language } : {}),
  };
}

/** Rows of a site-scoped table narrowed to the run's sector when it has one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table's select builder; columns are checked by the caller's query
export function inRun<Q extends { where: (...args: any[]) => Q }>(ctx: StageContext, q: Q, prefix = ''): Q {
  let out = q
    .where(`${prefix}account_id`, '=', ctx.scope.accountId)
    .where(`${prefix}site_id`, '=', ctx.scope.siteId);
  if (ctx.options.sectorId) out = out.where(`${prefix}sector_id`, '=', ctx.options.sectorId);
  return out;
}

/**
 * Record an item's failure only while this process still holds the run: after a takeover (a frozen
 * process waking up) the new owner may already have finished the item, and its result stands; after
 * a cancel the item simply goes back to waiting.
 */
export async function recordFailure(ctx: StageContext, write: (trx: Db) => Promise<unknown>): Promise<void> {
  try {
    await transaction(ctx.core.db, async (trx) => {
      await ctx.assertOwned(trx);
      await write(trx);
    });
  } catch (err) {
    if (!(isIgny8Error(err) && (err.code === 'RUN_LEASE_LOST' || err.code === 'RUN_CANCELLED'))) throw err;
  }
}

/**
 * Everything a writing call needs to know about the item's site, read once per item: the site's
 * context (as siteContext gives it), its voice and style checks (none when the site has none), and
 * the content language the article is scored in.
 */
export async function writingContext(
  ctx: StageContext,
  sectorId: string,
): Promise<{
  site: { name: string; domain?: string; industry?: string; language?: string };
  voice: { voice?: string; style?: VoiceCheck };
  language: string;
}> {
  const { site, voice, style } = await loadSiteContext(ctx.core.db, ctx.scope, ctx.scope.siteId, sectorId);
  if (site.name === undefined) {
    throw new Igny8Error('SITE_NOT_FOUND', `Site ${ctx.scope.siteId} no longer exists`, {
      hint: 'The site was deleted while the run was writing for it.',
    });
  }
  // loadSiteContext leaves out English, as promptSite does.
  const language = site.language ?? DEFAULT_LANGUAGE;
  return {
    site: promptSite({ ...site, name: site.name }, language),
    voice: { ...(voice ? { voice } : {}), ...(style ? { style } : {}) },
    language,
  };
}
