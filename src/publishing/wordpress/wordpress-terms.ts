import { z } from 'zod';
import { isIgny8Error } from '../../errors/index.js';
import { decodeEntities } from './wordpress-errors.js';
import { parseWp, type WpHttp } from './wordpress-http.js';
import { WpTermResponseSchema, type WpTaxonomy, type WpTermRef } from './wordpress.types.js';

/** How WordPress compares term names: entities decoded, spaces collapsed, case ignored. */
export function normalizeTermName(name: string): string {
  return decodeEntities(name).normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A word shared by more than 1,000 terms is not worth paging further; the create then settles it. */
const MAX_SEARCH_PAGES = 10;

/** Category and tag operations over the transport; see WordPressClient for the docs. */
export function createTermsApi(http: WpHttp) {
  /**
   * The oldest term of that name. WordPress stores `&`, `<`, `>` and quotes as entities and matches
   * `search` with LIKE on the stored name and slug, so such a name finds nothing as typed: search by
   * its longest word instead, page through, and compare names as WordPress does.
   */
  async function find(taxonomy: WpTaxonomy, name: string): Promise<number | null> {
    const route = `/wp/v2/${taxonomy}`;
    const words = /[&<>"']/.test(name) ? (name.match(/[\p{L}\p{N}]+/gu) ?? []) : [];
    const search = words.reduce((a, b) => (b.length > a.length ? b : a), '') || name;
    const want = normalizeTermName(name);
    const matches = [];
    for (let page = 1; page <= MAX_SEARCH_PAGES; page++) {
      const query = { search, per_page: 100, page, context: 'edit' };
      const res = await http.request('GET', route, { query });
      const terms = parseWp(z.array(WpTermResponseSchema), res.data, http.site, route);
      matches.push(...terms.filter((t) => normalizeTermName(t.name) === want));
      if (page >= Number(res.headers.get('x-wp-totalpages') ?? 1)) break;
    }
    matches.sort((a, b) => a.parent - b.parent || a.id - b.id);
    return matches[0]?.id ?? null;
  }

  /**
   * WordPress checks for a same-named term and inserts without a lock, so two workers creating the
   * same tag at once can both succeed. The oldest one wins: a creator that finds an older twin
   * deletes its own (best effort) and answers the older id, so every caller converges on one term.
   */
  async function settleTwin(taxonomy: WpTaxonomy, name: string, created: number): Promise<WpTermRef> {
    const oldest = await find(taxonomy, name);
    if (oldest === null || oldest >= created) return { name, id: created, created: true };
    await http
      .request('DELETE', `/wp/v2/${taxonomy}/${created}`, { query: { force: true } })
      .catch(() => undefined);
    return { name, id: oldest, created: false };
  }

  async function ensureOne(taxonomy: WpTaxonomy, name: string): Promise<WpTermRef> {
    const existing = await find(taxonomy, name);
    if (existing !== null) return { name, id: existing, created: false };
    const route = `/wp/v2/${taxonomy}`;
    try {
      // Safe to retry: a second try that finds the term made by the first answers term_exists.
      const res = await http.request('POST', route, { json: { name }, idempotent: true });
      return await settleTwin(taxonomy, name, parseWp(WpTermResponseSchema, res.data, http.site, route).id);
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
