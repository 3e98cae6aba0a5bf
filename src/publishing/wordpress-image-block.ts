import type { WpMedia } from './wordpress/index.js';

/** One inline image as WordPress's own image block would save it. */
export interface ImageBlockInput {
  /** The attachment id (gives the `wp-image-{id}` class WordPress adds srcset and sizes for). */
  id: number;
  src: string;
  alt: string;
  width: number;
  height: number;
  /** The registered size the src is (`large`, or `full` when WordPress made no large copy). */
  sizeSlug: string;
  caption?: string | null;
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The media item's copy to show in the body: `large` when WordPress made one (themes size the
 * column for it), else the original; width and height fall back to the image row's.
 * @example imageSizeFor(media, { width: 1600, height: 900 }) // { sizeSlug: 'large', url: '…-1024x576.png', width: 1024, height: 576 }
 */
export function imageSizeFor(
  media: Pick<WpMedia, 'sourceUrl' | 'width' | 'height' | 'sizes'>,
  fallback: { width: number | null; height: number | null },
): { sizeSlug: string; url: string; width: number; height: number } {
  const large = media.sizes.large;
  if (large?.url) return { sizeSlug: 'large', ...large };
  return {
    sizeSlug: 'full',
    url: media.sourceUrl,
    width: media.width || fallback.width || 0,
    height: media.height || fallback.height || 0,
  };
}

/**
 * Pure: a Gutenberg image block. Themes style `.wp-block-image` (max-width 100%, height auto) and
 * WordPress loads that style only for blocks it finds, so bare `<figure><img>` renders at the
 * file's full width and overflows narrow pages.
 * @example imageBlock({ id: 7, src: 'https://x/a.png', alt: 'A', width: 1024, height: 576, sizeSlug: 'large' })
 */
export function imageBlock(i: ImageBlockInput): string {
  const attrs = JSON.stringify({ id: i.id, sizeSlug: i.sizeSlug });
  const size = i.width > 0 && i.height > 0 ? ` width="${i.width}" height="${i.height}"` : '';
  const img = `<img src="${escapeAttr(i.src)}" alt="${escapeAttr(i.alt)}" class="wp-image-${i.id}"${size}/>`;
  const caption = i.caption
    ? `<figcaption class="wp-element-caption">${escapeText(i.caption)}</figcaption>`
    : '';
  return `\n<!-- wp:image ${attrs} -->\n<figure class="wp-block-image size-${i.sizeSlug}">${img}${caption}</figure>\n<!-- /wp:image -->\n`;
}
