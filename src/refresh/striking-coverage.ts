import { scanHtml } from '../util/html-scan.js';

/** What we know of a page's text, and where it came from (said in the striking reason). */
export interface PageText {
  /** article: our own body; inventory: title, excerpt and keywords of an imported post (no body); none: unknown page. */
  source: 'article' | 'inventory' | 'none';
  title: string;
  headings: string[];
  /** Article body or inventory excerpt, as plain text. */
  body: string;
  /** Inventory: focus keyword, tags, categories. */
  keywords: string[];
}

export const CHECKED_TEXT: Record<PageText['source'], string> = {
  article: "the article's title, headings and body",
  inventory: "the post's title, excerpt, focus keyword, tags and categories (its body is not imported)",
  none: 'nothing (the page is neither in the inventory nor one of our articles)',
};

const STOP = new Set(
  'a an the and or of for to in on at by with from is are be how what why when where which who vs do does can i my your best'.split(
    ' ',
  ),
);

/** Lower-case words (letters and digits, any script), a plural "s" dropped so "grinders" meets "grinder". */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

/** Pure: an article's headings and plain body text. */
export function articleText(title: string, html: string): PageText {
  const headings: string[] = [];
  const body: string[] = [];
  let heading = '';
  scanHtml(html, {
    text(run) {
      if (run.open.some((n) => n === 'script' || n === 'style')) return;
      if (run.open.some((n) => /^h[1-6]$/.test(n))) heading += run.text;
      body.push(run.text);
    },
    closeTag(span) {
      if (/^h[1-6]$/.test(span.name) && heading.trim()) {
        headings.push(heading.trim());
        heading = '';
      }
    },
  });
  return { source: 'article', title, headings, body: body.join(' '), keywords: [] };
}

/**
 * Pure: does the page already cover the query? Yes when every significant word of the query
 * (stop words aside) is in the title or a heading (or, for an imported post, its keywords), or the
 * whole query appears as a phrase in the body (or excerpt). Words anywhere in a long body are not
 * enough: almost any article has "best" and "coffee" somewhere.
 * @example queryCovered('cold brew ratio', { source: 'article', title: 'Cold brew', headings: ['The ratio'], body: '', keywords: [] }) // "title/headings"
 */
export function queryCovered(query: string, text: PageText): string | null {
  const all = words(query);
  const significant = all.filter((w) => !STOP.has(w));
  const need = significant.length > 0 ? significant : all;
  if (need.length === 0) return null;
  const head = new Set(words([text.title, ...text.headings].join(' ')));
  if (need.every((w) => head.has(w))) return 'title/headings';
  const kw = new Set(words(text.keywords.join(' ')));
  if (need.every((w) => kw.has(w) || head.has(w))) return 'keywords';
  const phrase = ` ${all.join(' ')} `;
  if (` ${words(text.body).join(' ')} `.includes(phrase))
    return text.source === 'article' ? 'body' : 'excerpt';
  return null;
}
