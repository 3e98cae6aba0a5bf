import { jsonLdScript } from '../writer/index.js';
import { JSONLD_META_KEY, JSONLD_STRIPPED_WARNING, type JsonLdRoute } from './wordpress/index.js';

/** Where one post's JSON-LD goes: a script for the content, post meta, or neither and why. */
export interface JsonLdPlacement {
  /** Appended to the post content ('' when the JSON-LD does not travel there). */
  script: string;
  /** Post meta for the companion plugin ({} when it does not carry it). */
  meta: Record<string, string>;
  /** For the publish record when the JSON-LD is left out. */
  warning: string | null;
}

/**
 * Pure: the post's JSON-LD placed the way the site allows — exactly one of the content and the
 * meta, so the page never carries it twice.
 * @example placeJsonLd([article], { via: 'meta', warning: null }) // { script: '', meta: { _igny8_jsonld: '{…}' }, warning: null }
 */
export function placeJsonLd(items: Array<Record<string, unknown>>, route: JsonLdRoute): JsonLdPlacement {
  if (!items.length) return { script: '', meta: {}, warning: null };
  if (route.via === 'meta') {
    const json = JSON.stringify(items.length === 1 ? items[0] : items);
    return { script: '', meta: { [JSONLD_META_KEY]: json }, warning: null };
  }
  if (route.via === 'content') return { script: jsonLdScript(items), meta: {}, warning: null };
  return { script: '', meta: {}, warning: jsonLdLeftOut(route.warning) };
}

/** The publish warning for JSON-LD left out of a post. */
export function jsonLdLeftOut(reason: string | null = JSONLD_STRIPPED_WARNING): string {
  return `${reason ?? JSONLD_STRIPPED_WARNING}; the post was published without it`;
}
