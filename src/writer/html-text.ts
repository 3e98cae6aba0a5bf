/** Small readers over our own sanitized article HTML (it never contains scripts or odd markup). */

const ENTITY: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/** The last few conversions: one article's HTML is read as text by several checks in a row. */
const recentText = new Map<string, string>();

export function htmlToText(html: string): string {
  const known = recentText.get(html);
  if (known !== undefined) return known;
  const text = convert(html);
  if (recentText.size >= 4) recentText.delete(recentText.keys().next().value!);
  recentText.set(html, text);
  return text;
}

function convert(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<\/(p|h[1-6]|li|tr|td|th|div|blockquote)>/gi, '$&\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (m) => ENTITY[m] ?? m)
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** The last few counts: the same article text is counted by the writer and again by the SEO checks. */
const recentCounts = new Map<string, number>();

export function countWords(text: string): number {
  const known = recentCounts.get(text);
  if (known !== undefined) return known;
  const m = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  const n = m ? m.length : 0;
  if (recentCounts.size >= 4) recentCounts.delete(recentCounts.keys().next().value!);
  recentCounts.set(text, n);
  return n;
}

/** countWords(text) > 0, without counting: a word starts at any letter or digit. */
const HAS_WORD = /[\p{L}\p{N}]/u;

export interface Heading {
  level: number;
  text: string;
}

export function headings(html: string): Heading[] {
  return [...html.matchAll(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/gi)].map((m) => ({
    level: Number(m[1]),
    text: htmlToText(m[2]!),
  }));
}

export function firstParagraph(html: string): string {
  const m = /<p[^>]*>([\s\S]*?)<\/p>/i.exec(html);
  return m ? htmlToText(m[1]!) : '';
}

export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => HAS_WORD.test(s));
}

/** Words already counted: an article repeats most of its words, and every article scores ~1,000. */
const syllableCache = new Map<string, number>();

/** Rough English syllable count, good enough for a Flesch reading-ease estimate. */
export function syllables(word: string): number {
  const known = syllableCache.get(word);
  if (known !== undefined) return known;
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  let n = 1;
  if (w.length > 3) {
    const groups = w
      .replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '')
      .replace(/^y/, '')
      .match(/[aeiouy]{1,2}/g);
    n = Math.max(1, groups?.length ?? 1);
  }
  if (syllableCache.size < 50_000) syllableCache.set(word, n);
  return n;
}
