import type { CandidatePage, RefreshCandidate } from '../api-contract/refresh-candidates.schema.js';
import { scanHtml } from '../util/html-scan.js';
import { fmt, round2 } from './candidates-ctr.js';
import { pageHost, pageKey } from './candidates-page-key.js';
import type { SitePages } from './candidates-site-pages.js';

const INVENTORY_PREFIX = 'inventory:';

/** Where inbound links were looked for (said in the orphan reason). */
export interface LinkSources {
  /** Live internal links igny8 stored when it published (internal_links). */
  storedLinks: number;
  /** Published igny8 articles whose bodies were scanned for links. */
  bodies: number;
}

/** Pure: the hrefs of an article body's links. */
export function bodyHrefs(html: string): string[] {
  const out: string[] = [];
  scanHtml(html, {
    openTag(name, attribs) {
      if (name === 'a' && attribs.href) out.push(attribs.href);
    },
  });
  return out;
}

/**
 * Pure: the distinct pages (by page key) linking to each page, from igny8's stored live links
 * (target an article id or `inventory:<id>`) and from the links in known article bodies (relative
 * hrefs and absolute ones on the site's hosts). A page linking to itself does not count.
 */
export function inboundLinks(
  pages: SitePages,
  stored: Array<{ target: string; source: string }>,
  bodies: Array<{ contentId: string; html: string }>,
): Map<string, Set<string>> {
  const keyOfContent = new Map<string, string>();
  const keyOfInventory = new Map<string, string>();
  for (const p of pages.all) {
    if (p.contentId) keyOfContent.set(p.contentId, pageKey(p.url));
    if (p.inventoryId) keyOfInventory.set(p.inventoryId, pageKey(p.url));
  }
  const out = new Map<string, Set<string>>();
  const add = (target: string | undefined, source: string) => {
    if (!target || target === source) return;
    const set = out.get(target) ?? new Set<string>();
    set.add(source);
    out.set(target, set);
  };
  for (const l of stored) {
    const source = keyOfContent.get(l.source) ?? `content:${l.source}`;
    const target = l.target.startsWith(INVENTORY_PREFIX)
      ? keyOfInventory.get(l.target.slice(INVENTORY_PREFIX.length))
      : keyOfContent.get(l.target);
    add(target, source);
  }
  for (const b of bodies) {
    const source = keyOfContent.get(b.contentId) ?? `content:${b.contentId}`;
    for (const href of bodyHrefs(b.html)) {
      const host = pageHost(href);
      const internal = host === null ? href.startsWith('/') && !href.startsWith('//') : pages.hosts.has(host);
      if (internal) add(pageKey(href), source);
    }
  }
  return out;
}

/**
 * Pure: the site's pages no known link points to. They carry no search-derived estimate, so they
 * score 1 + 10% of their clicks in the window: after real opportunities, busiest first.
 */
export function orphanCandidates(
  pages: SitePages,
  inbound: Map<string, Set<string>>,
  traffic: Map<string, { clicks: number; impressions: number }>,
  sources: LinkSources,
): RefreshCandidate[] {
  const checked =
    `checked ${fmt(sources.storedLinks)} live internal link${sources.storedLinks === 1 ? '' : 's'} igny8 recorded ` +
    `and the links in ${fmt(sources.bodies)} published igny8 article bod${sources.bodies === 1 ? 'y' : 'ies'}; ` +
    `links inside imported posts are not known (their bodies are not imported)`;
  const out: RefreshCandidate[] = [];
  for (const page of pages.all) {
    const key = pageKey(page.url);
    if (key === '/' || (inbound.get(key)?.size ?? 0) > 0) continue;
    const t = traffic.get(key) ?? { clicks: 0, impressions: 0 };
    out.push({
      kind: 'orphan',
      page: page satisfies CandidatePage,
      queries: [],
      reason:
        `No internal link points to this page (${checked})` +
        (t.impressions > 0
          ? `; it had ${fmt(t.clicks)} clicks from ${fmt(t.impressions)} impressions in the window.`
          : '.'),
      metrics: { inboundLinks: 0, clicks: t.clicks, impressions: t.impressions },
      score: round2(1 + t.clicks * 0.1),
    });
  }
  return out;
}
