export interface ArticleImage {
  role: 'featured' | 'inline';
  position: number;
  alt: string | null;
  caption?: string | null;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Place inline images into the article: image N goes after the first paragraph of the N-th H2
 * section (or at the end when there are fewer sections). The featured image stays out of the body;
 * destinations set it as the post's featured image or front matter.
 */
export function composeArticleHtml<I extends ArticleImage>(
  html: string,
  images: I[],
  srcFor: (image: I) => string | null,
  /** The image's markup, when the destination has its own (WordPress: an image block). */
  figureFor?: (image: I, src: string) => string,
): string {
  const inline = images.filter((i) => i.role === 'inline').sort((a, b) => a.position - b.position);
  if (inline.length === 0) return html;
  const parts = html.split(/(?=<h2[\s>])/i);
  const tail: string[] = [];
  inline.forEach((img, idx) => {
    const src = srcFor(img);
    if (!src) return;
    const figure = figureFor
      ? figureFor(img, src)
      : `<figure class="igny8-image"><img src="${escapeAttr(src)}" alt="${escapeAttr(img.alt ?? '')}" loading="lazy" />${img.caption ? `<figcaption>${escapeAttr(img.caption)}</figcaption>` : ''}</figure>`;
    // parts[0] is the intro before the first H2; section k is parts[k].
    const section = idx + 1 < parts.length ? idx + 1 : -1;
    if (section === -1) {
      tail.push(figure);
      return;
    }
    const s = parts[section]!;
    const m = /<\/p>/i.exec(s);
    parts[section] = m ? `${s.slice(0, m.index + 4)}${figure}${s.slice(m.index + 4)}` : `${s}${figure}`;
  });
  return parts.join('') + tail.join('');
}
