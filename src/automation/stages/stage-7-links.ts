import type { ContentsTable } from '../../db/schema.js';
import { articlesToRelink, htmlToText, linkCandidates, stillToRelink } from '../../writer/index.js';
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

/** The revisit in flight in this process for each run and earlier article: one at a time each. */
const relinking = new Map<string, Promise<number>>();

/**
 * Revisit the earlier articles whose links may change now that `added` exists (same cluster or
 * keyword, still in review, suggestions made before it was written; see articlesToRelink): each
 * gets fresh suggestions over all its candidates, so articles written in an earlier run link to
 * their siblings written later. Returns the credits charged.
 */
export async function relinkEarlier(ctx: StageContext, added: ContentsTable): Promise<number> {
  let credits = 0;
  for (const id of await articlesToRelink(ctx.core.db, ctx.scope, added, ctx.options.maxLinks)) {
    const key = `${ctx.runId}:${id}`;
    // Wait for a sibling's revisit of the same article, then decide on the article as it is now:
    // skipping outright lost the revisit when the sibling's call was not one that could see `added`,
    // and deciding on the row read before the wait revisited it twice.
    for (let busy = relinking.get(key); busy; busy = relinking.get(key)) await busy.catch(() => 0);
    const revisit = (async () => {
      const earlier = await stillToRelink(ctx.core.db, ctx.scope, id, added, ctx.options.maxLinks);
      if (!earlier) return 0;
      // Fenced like every save of the run, but not recorded as this item's outcome.
      return suggestLinksFor(
        ctx,
        earlier,
        `links:${earlier.id}:after:${added.id}`,
        (trx) => ctx.assertOwned(trx),
        added.id,
      );
    })();
    relinking.set(key, revisit);
    try {
      credits += await revisit;
    } finally {
      if (relinking.get(key) === revisit) relinking.delete(key);
    }
  }
  return credits;
}
