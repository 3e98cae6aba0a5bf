import type { ContentsTable } from '../../db/schema.js';
import { articlesToRelink, htmlToText, linkCandidates } from '../../writer/index.js';
import { parseJson } from '../../util/json.js';
import type { StageContext } from '../stage-context.js';
import { saveSuggestedLinks } from '../../writer/save-suggested-links.js';

/**
 * Ask suggest_links for one article's internal links (saved on it for review) when it has related
 * pages to link to. Returns the credits charged (0 when there is nothing to link to).
 */
export async function suggestLinksFor(
  ctx: StageContext,
  c: ContentsTable,
  opId: string,
  beforeSave: StageContext['beforeSave'],
  mustInclude?: string,
): Promise<number> {
  const scope = ctx.scope;
  const candidates = await linkCandidates(ctx.core.db, scope, c);
  if (candidates.length === 0) return 0;
  // A revisit for a new article that is not among this one's candidates could not change anything.
  if (mustInclude && !candidates.some((x) => x.id === mustInclude)) return 0;
  const keywords = parseJson<string[]>(c.keywords, []);
  const res = await ctx.core.ai.run(
    { ...scope, sectorId: c.sector_id },
    'suggest_links',
    {
      contentId: c.id,
      article: {
        id: c.id,
        title: c.title,
        text: htmlToText(c.html).slice(0, 60_000),
        focusKeyword: c.focus_keyword,
        keywords: keywords.slice(0, 20),
        clusterId: c.cluster_id,
      },
      candidates,
      maxLinks: ctx.options.maxLinks,
    },
    {
      opId,
      item: c.title,
      save: true,
      persist: saveSuggestedLinks,
      beforeSave,
      model: ctx.options.textModel,
    },
  );
  return res.credits;
}

/** Earlier articles being relinked by an item in flight in this process: one revisit at a time each. */
const relinking = new Set<string>();

/**
 * Revisit the earlier articles whose links may change now that `added` exists (same cluster or
 * keyword, still in review, suggestions made before it was written; see articlesToRelink): each
 * gets fresh suggestions over all its candidates, so articles written in an earlier run link to
 * their siblings written later. Returns the credits charged.
 */
export async function relinkEarlier(ctx: StageContext, added: ContentsTable): Promise<number> {
  let credits = 0;
  for (const earlier of await articlesToRelink(ctx.core.db, ctx.scope, added, ctx.options.maxLinks)) {
    const key = `${ctx.runId}:${earlier.id}`;
    // A sibling in flight is relinking it already, and that call sees `added` too.
    if (relinking.has(key)) continue;
    relinking.add(key);
    try {
      // Fenced like every save of the run, but not recorded as this item's outcome.
      credits += await suggestLinksFor(
        ctx,
        earlier,
        `links:${earlier.id}:after:${added.id}`,
        (trx) => ctx.assertOwned(trx),
        added.id,
      );
    } finally {
      relinking.delete(key);
    }
  }
  return credits;
}
