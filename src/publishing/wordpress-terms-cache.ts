import { isIgny8Error } from '../errors/index.js';
import type { PublishJob } from './destination.types.js';
import { normalizeTermName, type WordPressClient, type WpTaxonomy } from './wordpress/index.js';

/** Most tags a post gets from its keywords: beyond that, tags stop helping readers. */
export const MAX_TAGS = 10;

/**
 * Which categories and tags a post is filed under:
 * - categories: the destination's configured `categories`, then the article's cluster name (the
 *   topic it was planned under, so a site's categories follow its topical clusters);
 * - tags: the article's keywords (focus keyword first), at most MAX_TAGS.
 */
export function termNamesFor(
  job: Pick<PublishJob, 'content' | 'clusterName'>,
  configured: readonly string[],
): { categories: string[]; tags: string[] } {
  const categories = [...configured, ...(job.clusterName ? [job.clusterName] : [])];
  const focus = job.content.focusKeyword ? [job.content.focusKeyword] : [];
  const seen = new Set<string>();
  const tags = [...focus, ...job.content.keywords].filter((k) => {
    const n = normalizeTermName(k);
    if (!n || seen.has(n)) return false;
    seen.add(n);
    return true;
  });
  return { categories, tags: tags.slice(0, MAX_TAGS) };
}

/**
 * Term ids by name for one destination, remembered for the adapter's lifetime: concurrent publishes
 * of one batch share one lookup (and one create) per name instead of racing to create it twice.
 */
export function createTermResolver(client: WordPressClient) {
  const cache = new Map<string, Promise<number>>();
  function idOf(taxonomy: WpTaxonomy, name: string): Promise<number> {
    const key = `${taxonomy}:${normalizeTermName(name)}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = client.ensureTerms(taxonomy, [name]).then((refs) => refs[0]!.id);
      cache.set(key, hit);
      hit.catch(() => cache.delete(key));
    }
    return hit;
  }
  return {
    /** Ids of the named terms, created when missing. A term the user may not create becomes a warning. */
    async resolve(taxonomy: WpTaxonomy, names: readonly string[], warnings: string[]): Promise<number[]> {
      const wanted = names.map((n) => n.replace(/\s+/g, ' ').trim()).filter(Boolean);
      const ids = await Promise.all(
        wanted.map((name) =>
          idOf(taxonomy, name).catch((err: unknown) => {
            if (isIgny8Error(err) && (err.code === 'WP_FORBIDDEN' || err.code === 'WP_REQUEST_REJECTED')) {
              const what = taxonomy === 'categories' ? 'category' : 'tag';
              warnings.push(`${what} "${name}" not set: ${err.message}`);
              return null;
            }
            throw err;
          }),
        ),
      );
      return [...new Set(ids.filter((id): id is number => id !== null))];
    },
  };
}
