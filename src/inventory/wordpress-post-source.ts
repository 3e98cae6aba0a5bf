import PQueue from 'p-queue';
import { isIgny8Error } from '../errors/index.js';
import { htmlPlainText } from '../util/html-plain-text.js';
import { SEO_PLUGINS, type WordPressClient } from '../publishing/wordpress/index.js';

/** One existing post or page of a site, as the inventory stores it. */
export interface RemotePost {
  remoteId: string;
  kind: 'post' | 'page';
  title: string;
  url: string;
  slug: string;
  excerpt: string | null;
  categories: string[];
  tags: string[];
  focusKeyword: string | null;
  /** ISO-8601 UTC. */
  modifiedAt: string;
}

interface WpListedPost {
  id: number;
  link?: string;
  slug?: string;
  modified_gmt?: string;
  title?: { raw?: string; rendered?: string };
  excerpt?: { raw?: string; rendered?: string };
  categories?: number[];
  tags?: number[];
  meta?: Record<string, unknown>;
}

const PER_PAGE = 100;
const FIELDS = 'id,link,slug,modified_gmt,title,excerpt,categories,tags,meta';
/** The SEO plugins' focus keyword meta keys, read where the site exposes them. */
const FOCUS_KEYS = Object.values(SEO_PLUGINS)
  .map((p) => p.keys.focusKeyword)
  .filter((k): k is string => Boolean(k));

/** Rendered WordPress text → plain text (tags dropped, entities such as &#8217; decoded). */
export function plainText(html: string): string {
  return htmlPlainText(html, ' ');
}

function focusKeyword(meta: Record<string, unknown> | undefined): string | null {
  for (const key of FOCUS_KEYS) {
    const v = meta?.[key];
    // Rank Math and SEOPress store a comma-separated list whose first entry is the focus keyword.
    const first = typeof v === 'string' ? v.split(',')[0]!.trim() : '';
    if (first) return first;
  }
  return null;
}

const gmt = (s: string | undefined) =>
  s ? new Date(`${s.replace(/Z$/, '')}Z`).toISOString() : new Date(0).toISOString();

/**
 * Read a site's published posts and pages (modified after `modifiedAfter` when given), 100 per
 * request with a few requests in flight, and name their categories and tags.
 * @example await readWordPressPosts(client, { modifiedAfter: '2026-01-01T00:00:00Z' })
 */
export async function readWordPressPosts(
  client: WordPressClient,
  opts: { modifiedAfter?: string | null; concurrency?: number } = {},
): Promise<RemotePost[]> {
  const queue = new PQueue({ concurrency: opts.concurrency ?? 4 });
  const listed: Array<{ kind: 'post' | 'page'; post: WpListedPost }> = [];
  // 'edit' gives raw titles; a user who may not edit others' posts gets the public view instead.
  let context: 'edit' | 'view' = 'edit';
  for (const kind of ['post', 'page'] as const) {
    const route = kind === 'post' ? '/wp/v2/posts' : '/wp/v2/pages';
    const first = async () => {
      try {
        return await page(1);
      } catch (err) {
        if (context !== 'edit' || !isIgny8Error(err) || err.code !== 'WP_FORBIDDEN') throw err;
        context = 'view';
        return page(1);
      }
    };
    const page = async (n: number) => {
      const res = await client.request('GET', route, {
        query: {
          status: 'publish',
          context,
          per_page: PER_PAGE,
          page: n,
          orderby: 'modified',
          order: 'asc',
          _fields: FIELDS,
          ...(opts.modifiedAfter ? { modified_after: opts.modifiedAfter } : {}),
        },
      });
      for (const post of (res.data as WpListedPost[]) ?? []) listed.push({ kind, post });
      return Number(res.headers.get('x-wp-totalpages') ?? '1') || 1;
    };
    const pages = await first();
    await Promise.all(Array.from({ length: pages - 1 }, (_, i) => queue.add(() => page(i + 2))));
  }
  const names = await termNames(
    client,
    queue,
    listed.flatMap((l) => l.post.categories ?? []),
    listed.flatMap((l) => l.post.tags ?? []),
  );
  return listed.map(({ kind, post }) => ({
    remoteId: String(post.id),
    kind,
    title: post.title?.raw ?? plainText(post.title?.rendered ?? ''),
    url: post.link ?? '',
    slug: post.slug ?? '',
    excerpt: plainText(post.excerpt?.raw || post.excerpt?.rendered || '') || null,
    categories: (post.categories ?? []).map((id) => names.categories.get(id)).filter((n): n is string => !!n),
    tags: (post.tags ?? []).map((id) => names.tags.get(id)).filter((n): n is string => !!n),
    focusKeyword: focusKeyword(post.meta),
    modifiedAt: gmt(post.modified_gmt),
  }));
}

async function termNames(
  client: WordPressClient,
  queue: PQueue,
  categoryIds: number[],
  tagIds: number[],
): Promise<{ categories: Map<number, string>; tags: Map<number, string> }> {
  const fetchNames = async (route: string, ids: number[]) => {
    const unique = [...new Set(ids)];
    const out = new Map<number, string>();
    const chunks = Array.from({ length: Math.ceil(unique.length / PER_PAGE) }, (_, i) =>
      unique.slice(i * PER_PAGE, (i + 1) * PER_PAGE),
    );
    await Promise.all(
      chunks.map((chunk) =>
        queue.add(async () => {
          const res = await client.request('GET', route, {
            query: { include: chunk, per_page: PER_PAGE, _fields: 'id,name' },
          });
          for (const t of (res.data as Array<{ id: number; name: string }>) ?? []) {
            out.set(t.id, plainText(t.name));
          }
        }),
      ),
    );
    return out;
  };
  const [categories, tags] = await Promise.all([
    fetchNames('/wp/v2/categories', categoryIds),
    fetchNames('/wp/v2/tags', tagIds),
  ]);
  return { categories, tags };
}
