import { z } from 'zod';
import { parseInput } from '../../errors/index.js';
import { linksAllowScripts } from './json-ld-route.js';
import { hasMarker, markerSearchTerm } from './publish-marker.js';
import { parseWp, type WpHttp } from './wordpress-http.js';
import {
  WpPostInputSchema,
  WpPostPatchSchema,
  WpPostResponseSchema,
  type WpPost,
  type WpPostInput,
  type WpPostPatch,
} from './wordpress.types.js';

/** Statuses a lookup covers: 'any' is every status except trash and auto-draft. */
export interface WpFindOptions {
  /** Also look in the trash (default true for finds, so a trashed post is not silently re-created). */
  includeTrash?: boolean;
}

const PAGE = 100;

function toPost(data: unknown, site: string, route: string): WpPost {
  const p = parseWp(WpPostResponseSchema, data, site, route);
  const scripts = linksAllowScripts(p._links);
  return {
    id: p.id,
    status: p.status,
    slug: p.slug,
    link: p.link,
    title: p.title.raw ?? p.title.rendered ?? '',
    content: p.content.raw ?? p.content.rendered ?? '',
    excerpt: p.excerpt.raw ?? p.excerpt.rendered ?? '',
    date: p.date,
    dateGmt: p.date_gmt,
    modifiedGmt: p.modified_gmt,
    featuredMedia: p.featured_media,
    categories: p.categories,
    tags: p.tags,
    author: p.author,
    meta: p.meta,
    ...(scripts === null ? {} : { unfilteredHtml: scripts }),
  };
}

function toPosts(data: unknown, site: string, route: string): WpPost[] {
  return parseWp(z.array(z.unknown()), data, site, route).map((item) => toPost(item, site, route));
}

/** WordPress's date_gmt format: UTC, no offset. Strings without an offset are taken as UTC. */
export function toWpGmt(when: Date | string): string {
  const date =
    when instanceof Date ? when : new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(when) ? when : `${when}Z`);
  return date.toISOString().slice(0, 19);
}

/** Our post fields → the REST body (snake_case; only the fields given). */
export function toWpPostBody(input: WpPostPatch, creating = false): Record<string, unknown> {
  const p = parseInput(creating ? WpPostInputSchema : WpPostPatchSchema, input, 'WordPress post');
  const body: Record<string, unknown> = {};
  if (p.title !== undefined) body.title = p.title;
  if (p.content !== undefined) body.content = p.content;
  if (p.excerpt !== undefined) body.excerpt = p.excerpt;
  if (p.slug !== undefined) body.slug = p.slug;
  if (p.status !== undefined) body.status = p.status;
  if (p.dateGmt !== undefined) body.date_gmt = toWpGmt(p.dateGmt);
  if (p.featuredMedia !== undefined) body.featured_media = p.featuredMedia;
  if (p.categories !== undefined) body.categories = p.categories;
  if (p.tags !== undefined) body.tags = p.tags;
  if (p.author !== undefined) body.author = p.author;
  if (p.meta !== undefined) body.meta = p.meta;
  return body;
}

function statuses(opts: WpFindOptions | undefined): string[] {
  return opts?.includeTrash === false ? ['any'] : ['any', 'trash'];
}

/** Post operations over the transport; see WordPressClient for the docs. */
export function createPostsApi(http: WpHttp) {
  const list = async (query: Record<string, string | number | string[] | number[]>) => {
    const route = '/wp/v2/posts';
    const res = await http.request('GET', route, { query: { context: 'edit', per_page: PAGE, ...query } });
    return toPosts(res.data, http.site, route);
  };
  return {
    async createPost(input: WpPostInput): Promise<WpPost> {
      const route = '/wp/v2/posts';
      const res = await http.request('POST', route, { json: toWpPostBody(input, true), idempotent: false });
      return toPost(res.data, http.site, route);
    },
    async updatePost(id: number, patch: WpPostPatch): Promise<WpPost> {
      const route = `/wp/v2/posts/${id}`;
      const res = await http.request('POST', route, { json: toWpPostBody(patch), idempotent: true });
      return toPost(res.data, http.site, route);
    },
    async getPost(id: number): Promise<WpPost | null> {
      const route = `/wp/v2/posts/${id}`;
      try {
        const res = await http.request('GET', route, { query: { context: 'edit' } });
        return toPost(res.data, http.site, route);
      } catch (err) {
        if ((err as { code?: string }).code === 'WP_NOT_FOUND') return null;
        throw err;
      }
    },
    async findPostsByMarker(key: string, opts?: WpFindOptions): Promise<WpPost[]> {
      const found = await list({
        search: markerSearchTerm(key),
        status: statuses(opts),
        orderby: 'id',
        order: 'asc',
      });
      return found.filter((p) => hasMarker(p.content, key));
    },
    findPostsBySlug(slug: string, opts?: WpFindOptions): Promise<WpPost[]> {
      return list({ slug, status: statuses(opts), orderby: 'id', order: 'asc' });
    },
    searchPosts(term: string, opts?: WpFindOptions): Promise<WpPost[]> {
      return list({ search: term, status: statuses(opts) });
    },
    async listPosts(opts: { include: number[]; includeTrash?: boolean }): Promise<WpPost[]> {
      const ids = [...new Set(opts.include)];
      const out: WpPost[] = [];
      for (let i = 0; i < ids.length; i += PAGE) {
        const chunk = ids.slice(i, i + PAGE);
        out.push(...(await list({ include: chunk, status: statuses(opts), orderby: 'include' })));
      }
      return out;
    },
  };
}
