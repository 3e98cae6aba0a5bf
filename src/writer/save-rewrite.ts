import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import { parseJson, toJson } from '../util/json.js';
import { findContent, updateContent } from './contents.repository.js';

/** A rewritten body and meta for an article. */
export interface ArticleRewrite {
  title: string;
  html: string;
  metaTitle: string | null;
  metaDescription: string | null;
  excerpt: string | null;
  wordCount: number;
}

/**
 * Replace an article's body and meta with a rewrite, clear its SEO score (the review stage
 * re-scores it), and note the rewrite under `provenance.optimized`. Status is unchanged.
 */
export async function saveRewrite(
  trx: Db,
  scope: Pick<Scope, 'accountId'>,
  contentId: string,
  rewrite: ArticleRewrite,
  optimized: Record<string, unknown>,
): Promise<{ contentId: string }> {
  const row = await findContent(trx, scope, contentId);
  if (!row) throw new Igny8Error('CONTENT_NOT_FOUND', `Content ${contentId} not found`);
  const provenance = {
    ...parseJson<Record<string, unknown>>(row.provenance, {}),
    optimized: { at: nowIso(), ...optimized },
  };
  await updateContent(trx, scope, row.id, {
    title: rewrite.title,
    html: rewrite.html,
    meta_title: rewrite.metaTitle,
    meta_description: rewrite.metaDescription,
    excerpt: rewrite.excerpt,
    word_count: rewrite.wordCount,
    seo_score: null,
    seo_report: null,
    provenance: toJson(provenance),
    updated_at: nowIso(),
  });
  return { contentId: row.id };
}
