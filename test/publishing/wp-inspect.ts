import type { WordPressClient } from '../../src/publishing/wordpress/index.js';

export interface MediaSlug {
  id: number;
  slug: string;
  sourceUrl: string;
}

/** Every item of the media library (WordPress search does not cover slugs, so page through it all). */
export async function listAllMedia(wp: WordPressClient): Promise<MediaSlug[]> {
  const out: MediaSlug[] = [];
  for (let page = 1; ; page++) {
    const res = await wp.request('GET', '/wp/v2/media', {
      query: { per_page: 100, page, orderby: 'id', order: 'asc', context: 'edit' },
    });
    const items = res.data as Array<{ id: number; slug: string; source_url: string }>;
    out.push(...items.map((m) => ({ id: m.id, slug: m.slug, sourceUrl: m.source_url })));
    const pages = Number(res.headers.get('x-wp-totalpages') ?? 1);
    if (page >= pages || items.length === 0) return out;
  }
}

/** Items whose slug is `slug` or a numbered copy of it (`slug-2`, …): what a duplicate upload leaves. */
export function copiesOf(media: MediaSlug[], slug: string): MediaSlug[] {
  return media.filter((m) => m.slug === slug || new RegExp(`^${slug}-\\d+$`).test(m.slug));
}

/** The media items that carry `slug` or a numbered copy of it. */
export async function mediaCopies(wp: WordPressClient, slug: string): Promise<MediaSlug[]> {
  return copiesOf(await listAllMedia(wp), slug);
}
