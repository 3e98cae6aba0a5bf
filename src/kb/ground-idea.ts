import type { Db } from '../db/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { retrieveForOutline, type Retrieved } from './retrieve-for-outline.js';

interface IdeaForGrounding {
  primaryKeywords: readonly string[];
  title: string;
  outline: {
    sections: ReadonlyArray<{ heading: string; points?: readonly string[]; keywords?: readonly string[] }>;
  };
}

/**
 * The writer's `sources` and `groundingReason` for an idea: the site's knowledge-base passages for
 * each outline section (see retrieveForOutline).
 * @example const { sources, groundingReason } = await groundIdea(db, { accountId, siteId }, idea)
 */
export async function groundIdea(
  db: Db,
  scope: SiteScope,
  idea: IdeaForGrounding,
): Promise<{ sources: Retrieved['passages']; groundingReason: Retrieved['reason'] }> {
  const { passages, reason } = await retrieveForOutline(db, scope, {
    focusKeyword: idea.primaryKeywords[0] ?? idea.title,
    sections: idea.outline.sections,
  });
  return { sources: passages, groundingReason: reason };
}
