import { createHash } from 'node:crypto';
import type { ContentsTable } from '../db/schema.js';

/**
 * What an approval vouches for: title, slug, body and SEO fields. Two rows with the same
 * fingerprint read the same to a visitor and a search engine.
 */
export function contentFingerprint(
  row: Pick<
    ContentsTable,
    'title' | 'slug' | 'html' | 'excerpt' | 'meta_title' | 'meta_description' | 'focus_keyword'
  >,
): string {
  const fields = [
    row.title,
    row.slug,
    row.html,
    row.excerpt,
    row.meta_title,
    row.meta_description,
    row.focus_keyword,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
