import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import { toJson } from '../util/json.js';
import { updateContent } from './contents.repository.js';

/** Store proposed internal links on an article for review (applied on approval), replacing earlier ones. */
export async function saveLinkSuggestions(
  trx: Db,
  scope: Pick<Scope, 'accountId'>,
  contentId: string,
  suggestions: unknown[],
): Promise<{ contentId: string }> {
  const changed = await updateContent(trx, scope, contentId, {
    link_suggestions: toJson({ suggestions, applied: [] }),
    updated_at: nowIso(),
  });
  if (changed === 0) throw new Igny8Error('CONTENT_NOT_FOUND', `Content ${contentId} not found`);
  return { contentId };
}
