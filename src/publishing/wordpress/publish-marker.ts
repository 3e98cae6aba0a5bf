import { Igny8Error } from '../../errors/index.js';

/**
 * Markers that let a retry find what an earlier, interrupted attempt may already have created in
 * WordPress, so nothing is made twice. A stock site has no meta field we could register, so:
 *
 * - **posts** carry an HTML comment `<!-- igny8:KEY -->` at the end of their content. It is
 *   invisible to readers, kept by WordPress (kses keeps comments, even for non-admin roles) and
 *   exists from the very request that creates the post. WordPress's search covers post content,
 *   so `?search=KEY&status=any` finds it; the client then keeps only posts whose raw content holds
 *   the exact comment (search is a substring match);
 * - **media** get the slug `igny8-KEY-ROLE` (set in the upload request itself). Attachment slugs are
 *   unique across the site: a second upload would get `…-2`, so the exact slug names the first.
 *
 * KEY is ours and unique per publish target (the content id, or an intent id): letters, digits and
 * hyphens, 6–64 characters — a UUID fits. A slug marker on posts is avoided on purpose: the slug is
 * the public address and belongs to the article.
 */

const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{5,63}$/i;

function checkKey(key: string): string {
  if (!KEY_PATTERN.test(key)) {
    throw new Igny8Error('VALIDATION_FAILED', `"${key}" cannot be a publish marker key`, {
      hint: 'Use 6–64 letters, digits or hyphens (a UUID works).',
    });
  }
  return key.toLowerCase();
}

/** The invisible comment that marks a post as published from `key`. */
export function markerComment(key: string): string {
  return `<!-- igny8:${checkKey(key)} -->`;
}

/** `html` with the marker comment appended (once). */
export function withMarker(html: string, key: string): string {
  const comment = markerComment(key);
  return html.includes(comment) ? html : `${html.replace(/\s+$/, '')}\n${comment}`;
}

/** Whether `html` (a post's raw content) carries the marker for `key`. */
export function hasMarker(html: string, key: string): boolean {
  return html.includes(markerComment(key));
}

/** The term WordPress search is given to find marked posts. */
export function markerSearchTerm(key: string): string {
  return checkKey(key);
}

/**
 * The marker slug of a media item: `igny8-KEY-ROLE`, ROLE e.g. "featured" or "inline-2".
 * @example mediaMarkerSlug('3f2a9c1e-…', 'inline-1') // 'igny8-3f2a9c1e-…-inline-1'
 */
export function mediaMarkerSlug(key: string, role: string): string {
  const safeRole = role
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!safeRole) throw new Igny8Error('VALIDATION_FAILED', 'A media marker needs a role such as "featured"');
  return `igny8-${checkKey(key)}-${safeRole}`;
}
