import type { CandidatePage } from '../api-contract/refresh-candidates.schema.js';
import type { InventoryPageRow, PublishedPageRow } from './candidates.repository.js';
import { pageHost, pageKey } from './candidates-page-key.js';

/** The site's known pages by page key: inventory posts and igny8's published articles, merged. */
export interface SitePages {
  /** Every known page, one per key, sorted by URL. */
  all: CandidatePage[];
  /** The hosts the site's pages live on (without www.), to tell internal absolute links from external ones. */
  hosts: Set<string>;
  /** The known page for a URL, or a bare page (title and ids null) when the URL is not known. */
  lookup(url: string): CandidatePage;
  /** The known page for a URL, or undefined. */
  find(url: string): CandidatePage | undefined;
}

/**
 * Pure: index the inventory and the published articles by page key. An imported post igny8
 * published itself (content_id set) and its publish record are the same page: one entry, both ids.
 */
export function sitePages(inventory: InventoryPageRow[], published: PublishedPageRow[]): SitePages {
  const byKey = new Map<string, CandidatePage>();
  const hosts = new Set<string>();
  for (const r of inventory) {
    byKey.set(pageKey(r.url), { url: r.url, title: r.title, inventoryId: r.id, contentId: r.content_id });
    const h = pageHost(r.url);
    if (h) hosts.add(h);
  }
  for (const r of published) {
    const key = pageKey(r.url);
    const known = byKey.get(key);
    if (known) known.contentId ??= r.content_id;
    else byKey.set(key, { url: r.url, title: r.title, inventoryId: null, contentId: r.content_id });
    const h = pageHost(r.url);
    if (h) hosts.add(h);
  }
  const all = [...byKey.values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return {
    all,
    hosts,
    find: (url) => byKey.get(pageKey(url)),
    lookup(url) {
      const known = byKey.get(pageKey(url));
      return known ? { ...known, url } : { url, title: null, inventoryId: null, contentId: null };
    },
  };
}
