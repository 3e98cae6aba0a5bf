import { z } from 'zod';
import { Igny8Error } from '../../errors/index.js';
import { parseWp, type WpHttp } from './wordpress-http.js';
import { WpMediaResponseSchema, type WpMedia } from './wordpress.types.js';

export interface WpMediaFields {
  /** Alternative text (accessibility, image SEO). */
  alt?: string;
  title?: string;
  caption?: string;
  /** The attachment's slug; use mediaMarkerSlug() so a retry can find it. */
  slug?: string;
  /** Attach to this post. */
  post?: number;
}

function toMedia(data: unknown, site: string, route: string): WpMedia {
  const m = parseWp(WpMediaResponseSchema, data, site, route);
  // WordPress sends [] instead of {} for an item without details (a non-image file).
  const details = m.media_details && !Array.isArray(m.media_details) ? m.media_details : {};
  const sizes: WpMedia['sizes'] = {};
  for (const [name, size] of Object.entries(details.sizes ?? {})) {
    sizes[name] = { url: size.source_url, width: size.width, height: size.height };
  }
  return {
    id: m.id,
    slug: m.slug,
    sourceUrl: m.source_url,
    link: m.link,
    title: m.title.raw ?? m.title.rendered ?? '',
    altText: m.alt_text,
    caption: m.caption.raw ?? m.caption.rendered ?? '',
    mimeType: m.mime_type,
    post: m.post ?? 0,
    width: details.width ?? 0,
    height: details.height ?? 0,
    sizes,
  };
}

/**
 * A file name WordPress accepts in Content-Disposition: ASCII letters, digits, dot, dash, underscore
 * (WordPress 6.1 reads only the plain `filename=` parameter).
 */
export function safeFilename(name: string): string {
  const ascii = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-+|-+$/g, '');
  const file = name.split(/[/\\]/).pop() ?? '';
  const dot = file.lastIndexOf('.');
  const ext = dot > 0 ? ascii(file.slice(dot + 1)).toLowerCase() : '';
  const base = ascii(dot > 0 ? file.slice(0, dot) : file).slice(0, 100) || 'image';
  return ext ? `${base}.${ext}` : base;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function fieldsQuery(f: WpMediaFields): Record<string, string | number | undefined> {
  return { alt_text: f.alt, title: f.title, caption: f.caption, slug: f.slug, post: f.post };
}

/** Media operations over the transport; see WordPressClient for the docs. */
export function createMediaApi(http: WpHttp) {
  const list = async (query: Record<string, string | number>) => {
    const route = '/wp/v2/media';
    const res = await http.request('GET', route, { query: { context: 'edit', per_page: 100, ...query } });
    return parseWp(z.array(z.unknown()), res.data, http.site, route).map((m) => toMedia(m, http.site, route));
  };
  const api = {
    async uploadMedia(
      bytes: Uint8Array,
      filename: string,
      mime: string,
      fields: WpMediaFields = {},
    ): Promise<WpMedia> {
      if (!/^[a-z]+\/[a-z0-9.+-]+$/i.test(mime)) {
        throw new Igny8Error('VALIDATION_FAILED', `"${mime}" is not a MIME type`, {
          hint: 'Pass e.g. image/png.',
        });
      }
      const route = '/wp/v2/media';
      // Title, alt text, caption and slug ride along as query parameters, so the item is complete
      // (and findable by slug) from the one request that creates it.
      const res = await http.request('POST', route, {
        body: bytes,
        headers: {
          'content-type': mime,
          'content-disposition': `attachment; filename="${safeFilename(filename)}"`,
        },
        query: fieldsQuery(fields),
        idempotent: false,
      });
      const media = toMedia(res.data, http.site, route);
      const altMissing = fields.alt !== undefined && squash(media.altText) !== squash(fields.alt);
      const titleMissing = fields.title !== undefined && squash(media.title) !== squash(fields.title);
      return altMissing || titleMissing
        ? api.updateMedia(media.id, { alt: fields.alt, title: fields.title })
        : media;
    },
    async updateMedia(id: number, fields: Omit<WpMediaFields, 'slug'>): Promise<WpMedia> {
      const route = `/wp/v2/media/${id}`;
      const json: Record<string, unknown> = {};
      if (fields.alt !== undefined) json.alt_text = fields.alt;
      if (fields.title !== undefined) json.title = fields.title;
      if (fields.caption !== undefined) json.caption = fields.caption;
      if (fields.post !== undefined) json.post = fields.post;
      const res = await http.request('POST', route, { json, idempotent: true });
      return toMedia(res.data, http.site, route);
    },
    async getMedia(id: number): Promise<WpMedia | null> {
      const route = `/wp/v2/media/${id}`;
      try {
        const res = await http.request('GET', route, { query: { context: 'edit' } });
        return toMedia(res.data, http.site, route);
      } catch (err) {
        if ((err as { code?: string }).code === 'WP_NOT_FOUND') return null;
        throw err;
      }
    },
    findMediaBySlug(slug: string): Promise<WpMedia[]> {
      return list({ slug, orderby: 'id', order: 'asc' });
    },
    searchMedia(term: string): Promise<WpMedia[]> {
      return list({ search: term });
    },
  };
  return api;
}
