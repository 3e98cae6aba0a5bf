/**
 * How a post's schema.org JSON-LD reaches its page. WordPress keeps a <script> in post content only
 * for users with unfiltered_html (administrators and editors of a single site, super admins of a
 * multisite, nobody where DISALLOW_UNFILTERED_HTML is set); for anyone else it strips the tag and
 * leaves the JSON as visible text. The companion plugin (templates/wordpress/igny8-seo-fields.php,
 * 1.1+) takes it as post meta instead and prints it in the page head.
 */

/** The post meta key the companion plugin registers for the JSON-LD (a JSON string). */
export const JSONLD_META_KEY = '_igny8_jsonld';

/** `meta`: through the companion plugin; `content`: a script in the post; `none`: it would be stripped. */
export type JsonLdVia = 'meta' | 'content' | 'none';

export interface JsonLdRoute {
  via: JsonLdVia;
  /** Why the JSON-LD is not published, for the publish record and `igny8 wp test`. */
  warning: string | null;
}

export const JSONLD_STRIPPED_WARNING =
  'JSON-LD would be stripped for this user: install the companion plugin (`igny8 wp plugin`)';

const ACTION_RELS = ['wp:action-unfiltered-html', 'https://api.w.org/action-unfiltered-html'];

/** The value as a plain object, or {} for anything else. */
export function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Pure: the companion plugin's JSON-LD key is registered (it shows in OPTIONS /wp/v2/posts). */
export function jsonLdMetaExposed(postSchema: unknown): boolean {
  const meta = record(record(record(postSchema).properties).meta);
  return JSONLD_META_KEY in record(meta.properties);
}

/**
 * Pure: whether a post's `_links` (context=edit) say its user may post scripts, or null when the
 * response carries no links. WordPress adds the action link through current_user_can, so it honours
 * multisite and DISALLOW_UNFILTERED_HTML, which the capabilities of users/me do not.
 */
export function linksAllowScripts(links: unknown): boolean | null {
  const l = record(links);
  if (!('self' in l)) return null;
  return ACTION_RELS.some((rel) => rel in l);
}

/**
 * Pure: the meta when the plugin takes it (never also in the content), else the content when
 * WordPress keeps scripts for this user, else nothing and a warning. Unknown (the site would not
 * say) keeps the content, as before; the saved post's links then tell (see linksAllowScripts).
 * @example chooseJsonLdRoute({ metaKey: false, unfilteredHtml: false }) // { via: 'none', warning: '…' }
 */
export function chooseJsonLdRoute(site: { metaKey: boolean; unfilteredHtml: boolean | null }): JsonLdRoute {
  if (site.metaKey) return { via: 'meta', warning: null };
  if (site.unfilteredHtml === false) return { via: 'none', warning: JSONLD_STRIPPED_WARNING };
  return { via: 'content', warning: null };
}
