import { z } from 'zod';
import { isIgny8Error } from '../../errors/index.js';
import { decodeEntities } from './wordpress-errors.js';
import { parseWp, type WpHttp } from './wordpress-http.js';
import { WpTermResponseSchema, type WpTaxonomy, type WpTermRef } from './wordpress.types.js';

/** How WordPress compares term names: entities decoded, spaces collapsed, case ignored. */
export function normalizeTermName(name: string): string {
  return decodeEntities(name).normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Category and tag operations over the transport; see WordPressClient for the docs. */
export function createTermsApi(http: WpHttp) {
  async function find(taxonomy: WpTaxonomy, name: string): Promise<number | null> {
    const route = `/wp/v2/${taxonomy}`;
    const res = await http.request('GET', route, { query: { search: name, per_page: 100, context: 'edit' } });
    const want = normalizeTermName(name);
    const matches = parseWp(z.array(WpTermResponseSchema), res.data, http.site, route)
      .filter((t) => normalizeTermName(t.name) === want)
      .sort((a, b) => a.parent - b.parent || a.id - b.id);
    return matches[0]?.id ?? null;
  }

  async function ensureOne(taxonomy: WpTaxonomy, name: string): Promise<WpTermRef> {
    const existing = await find(taxonomy, name);
    if (existing !== null) return { name, id: existing, created: false };
    const route = `/wp/v2/${taxonomy}`;
    try {
      // Safe to retry: a second try that finds the term made by the first answers term_exists.
      const res = await http.request('POST', route, { json: { name }, idempotent: true });
      return { name, id: parseWp(WpTermResponseSchema, res.data, http.site, route).id, created: true };
    } catch (err) {
      // Someone (another worker, an editor) created it between our search and our create.
      const termId = isIgny8Error(err) ? err.details?.termId : undefined;
      if (isIgny8Error(err) && err.details?.wpCode === 'term_exists' && typeof termId === 'number') {
        return { name, id: termId, created: false };
      }
      throw err;
    }
  }

  return {
    /**
     * The ids of categories or tags by name, creating the missing ones. Names are matched as
     * WordPress does (case-insensitive, entities decoded); duplicates and blanks are dropped; the
     * result keeps the order of the first occurrence of each name.
     */
    async ensureTerms(taxonomy: WpTaxonomy, names: readonly string[]): Promise<WpTermRef[]> {
      const unique = new Map<string, string>();
      for (const raw of names) {
        const name = raw.replace(/\s+/g, ' ').trim();
        const key = normalizeTermName(name);
        if (key && !unique.has(key)) unique.set(key, name);
      }
      return Promise.all([...unique.values()].map((name) => ensureOne(taxonomy, name)));
    },
  };
}
