import { scanHtml, spliceAll } from '../util/html-scan.js';

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
  const sections = h2Sections(html);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const tail: string[] = [];
  inline.forEach((img, idx) => {
    const src = srcFor(img);
    if (!src) return;
    const figure = figureFor
      ? figureFor(img, src)
      : `<figure class="igny8-image"><img src="${escapeAttr(src)}" alt="${escapeAttr(img.alt ?? '')}" loading="lazy" />${img.caption ? `<figcaption>${escapeAttr(img.caption)}</figcaption>` : ''}</figure>`;
    const section = sections[idx];
    if (!section) {
      tail.push(figure);
      return;
    }
    edits.push({ start: section.insertAt, end: section.insertAt, text: figure });
  });
  return spliceAll(html, edits) + tail.join('');
}

/**
 * For each H2 section (read by the parser, so an "<h2" or "</p>" in a comment or attribute is not
 * one): where its first paragraph ends, or where the section ends when it has no paragraph.
 */
function h2Sections(html: string): Array<{ insertAt: number }> {
  const found: Array<{ start: number; paragraphEnd: number | null }> = [];
  scanHtml(html, {
    openTag(name, _attribs, start) {
      if (name === 'h2') found.push({ start, paragraphEnd: null });
    },
    closeTag(span) {
      const current = found.at(-1);
      if (span.name === 'p' && !span.implied && current && current.paragraphEnd === null) {
        current.paragraphEnd = span.end;
      }
    },
  });
  return found.map((s, i) => ({ insertAt: s.paragraphEnd ?? found[i + 1]?.start ?? html.length }));
}
