import type { Db } from '../db/index.js';
import type { PublishDestinationsTable } from '../db/schema.js';
import type { SiteScope } from '../tenancy/scope.js';
import { openTag, scanHtml, spliceAll } from '../util/html-scan.js';
import { parseJson } from '../util/json.js';
import { normalizeSiteUrl } from './wordpress/index.js';

/**
 * Live URLs of the site's articles already published (and live) on one destination, by slug.
 * Internal links are written as `/slug/` (see suggest_links); a destination rewrites them to these.
 */
export async function liveUrlsBySlug(
  db: Db,
  scope: SiteScope,
  destinationId: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('publish_records')
    .innerJoin('contents', 'contents.id', 'publish_records.content_id')
    .select(['contents.slug as slug', 'publish_records.remote_url as url'])
    .where('publish_records.account_id', '=', scope.accountId)
    .where('contents.account_id', '=', scope.accountId)
    .where('contents.site_id', '=', scope.siteId)
    .where('publish_records.destination_id', '=', destinationId)
    .where('publish_records.status', '=', 'published')
    // A draft's address is a preview link (?p=123), not where readers find it.
    .where('publish_records.remote_status', '=', 'publish')
    .where('publish_records.remote_url', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.slug, r.url!]));
}

const SLUG_HREF = /^\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?(#[^\s"]*)?$/;

/**
 * Pure: `/slug/` (with an optional #fragment) → the live URL of that article when it is known,
 * any other href unchanged.
 * @example internalHrefResolver(new Map([['cold-brew', 'https://b.example/cold-brew/']]))('/cold-brew/#steep')
 */
export function internalHrefResolver(live: ReadonlyMap<string, string>): (href: string) => string {
  return (href) => {
    const m = SLUG_HREF.exec(href);
    const url = m ? live.get(m[1]!) : undefined;
    return url ? `${url}${m![2] ?? ''}` : href;
  };
}

/** An internal link of an article and whether its target is live where the article is published. */
export interface InternalLink {
  targetContentId: string;
  anchor: string;
  live: boolean;
}

/** What the article says about its own links: which slugs point where, and which are live. */
export interface LinkTargets {
  /** The site's address readers use (its home URL), with a trailing slash. */
  home: string;
  /** Slug of one of the site's articles → its id. */
  articles: ReadonlyMap<string, string>;
  /** Slug → live URL, for the articles that are live on the destination. */
  live: ReadonlyMap<string, string>;
}

/**
 * Pure: rewrite an article's internal links for one destination. A link to a live article gets
 * that article's live URL; a link to an article that is not live is left out (its text stays) and
 * returned as pending, so no reader meets a 404. Live URLs are the site's own permalinks (absolute,
 * so a site installed under /blog/ works); other links are untouched.
 * @example planInternalLinks('<p><a href="/b/">B</a></p>', { home: 'https://x.example/blog/', articles: new Map([['b', 'id-b']]), live: new Map() })
 */
export function planInternalLinks(
  html: string,
  targets: LinkTargets,
): { html: string; links: InternalLink[] } {
  const links: InternalLink[] = [];
  const edits: Array<{ start: number; end: number; text: string }> = [];
  let anchor: string | null = null;
  scanHtml(html, {
    openTag(name) {
      if (name === 'a') anchor = '';
    },
    text(run) {
      if (anchor !== null) anchor += run.text;
    },
    closeTag(a) {
      if (a.name !== 'a') return;
      const inner = anchor ?? '';
      anchor = null;
      const m = a.implied ? null : SLUG_HREF.exec(a.attribs.href ?? '');
      // A path that is none of our articles was written on purpose (a page of the site): left as is.
      const target = m ? targets.articles.get(m[1]!) : undefined;
      if (!m || !target) return;
      const url = targets.live.get(m[1]!);
      links.push({ targetContentId: target, anchor: inner.trim(), live: Boolean(url) });
      edits.push(
        url
          ? {
              start: a.start,
              end: a.openEnd,
              text: openTag('a', { ...a.attribs, href: `${url}${m[2] ?? ''}` }),
            }
          : { start: a.start, end: a.end, text: html.slice(a.openEnd, a.closeStart) },
      );
    },
  });
  return { html: spliceAll(html, edits), links };
}

/** The home URL of a destination (WordPress: its site address), with a trailing slash; null for others. */
export function destinationHome(dest: PublishDestinationsTable): string | null {
  if (dest.kind !== 'wordpress') return null;
  const url = parseJson<{ url?: unknown }>(dest.config, {}).url;
  return typeof url === 'string' && url ? `${normalizeSiteUrl(url)}/` : null;
}

/** Slugs an article links to as `/slug/`. */
export function linkedSlugs(html: string): string[] {
  const out = new Set<string>();
  scanHtml(html, {
    openTag(name, attribs) {
      const s = name === 'a' ? SLUG_HREF.exec(attribs.href ?? '') : null;
      if (s) out.add(s[1]!);
    },
  });
  return [...out];
}

/**
 * The link targets of one article on one destination: its `/slug/` links' articles and which of
 * them are live there (published with remote status publish). Only the linked slugs are read.
 */
export async function linkTargetsFor(
  db: Db,
  scope: SiteScope,
  dest: PublishDestinationsTable,
  html: string,
  home: string,
): Promise<LinkTargets> {
  const slugs = linkedSlugs(html);
  if (slugs.length === 0) return { home, articles: new Map(), live: new Map() };
  const rows = await db
    .selectFrom('contents')
    .leftJoin('publish_records', (j) =>
      j
        .onRef('publish_records.content_id', '=', 'contents.id')
        .on('publish_records.destination_id', '=', dest.id)
        .on('publish_records.status', '=', 'published')
        .on('publish_records.remote_status', '=', 'publish'),
    )
    .select([
      'contents.id as id',
      'contents.slug as slug',
      'publish_records.id as recordId',
      'publish_records.remote_url as url',
    ])
    .where('contents.account_id', '=', scope.accountId)
    .where('contents.site_id', '=', scope.siteId)
    .where('contents.slug', 'in', slugs)
    .execute();
  const articles = new Map<string, string>();
  const live = new Map<string, string>();
  for (const r of rows) {
    articles.set(r.slug, r.id);
    // A record without a URL is still live: its address follows the site's permalinks.
    if (r.recordId !== null) live.set(r.slug, r.url ?? `${home}${r.slug}/`);
  }
  return { home, articles, live };
}

/**
 * Articles whose stored links no longer match the site: a pending link whose target is now live
 * (add it), or a live link whose target is no longer live (take it out). Each needs an update.
 */
export async function articlesWithStaleLinks(
  db: Db,
  scope: SiteScope,
  destinationId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('internal_links')
    .leftJoin('publish_records', (j) =>
      j
        .onRef('publish_records.content_id', '=', 'internal_links.target_content_id')
        .onRef('publish_records.destination_id', '=', 'internal_links.destination_id'),
    )
    .select(['internal_links.source_content_id as source'])
    .distinct()
    .where('internal_links.account_id', '=', scope.accountId)
    .where('internal_links.site_id', '=', scope.siteId)
    .where('internal_links.destination_id', '=', destinationId)
    .where((eb) => {
      const live = eb.and([
        eb('publish_records.status', '=', 'published'),
        eb('publish_records.remote_status', '=', 'publish'),
      ]);
      return eb.or([
        eb.and([eb('internal_links.status', '=', 'pending'), live]),
        eb.and([eb('internal_links.status', '=', 'live'), eb.not(live)]),
        eb.and([eb('internal_links.status', '=', 'live'), eb('publish_records.id', 'is', null)]),
      ]);
    })
    .execute();
  return rows.map((r) => r.source);
}

/** Name of a cluster of the account, or null. */
export async function clusterName(
  db: Db,
  scope: SiteScope,
  clusterId: string | null,
): Promise<string | null> {
  if (!clusterId) return null;
  const row = await db
    .selectFrom('clusters')
    .select('name')
    .where('account_id', '=', scope.accountId)
    .where('id', '=', clusterId)
    .executeTakeFirst();
  return row?.name ?? null;
}
