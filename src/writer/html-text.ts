import { scanHtml } from '../util/html-scan.js';

/** Readers over article HTML, through a real parser so markup in attributes or comments is never read as text. */

/** Elements whose end starts a new line of text. */
const BLOCK_END = new Set('p h1 h2 h3 h4 h5 h6 li tr td th div blockquote'.split(' '));
/** Elements whose content is never text a reader sees. */
const HIDDEN = new Set(['script', 'style', 'template']);

export interface Heading {
  level: number;
  text: string;
}

/** What the checks read from one article, found in one pass of the parser. */
interface HtmlReading {
  text: string;
  headings: Heading[];
  firstParagraph: string;
}

/** The last few readings: one article's HTML is read by several checks in a row. */
const recentReadings = new Map<string, HtmlReading>();

function reading(html: string): HtmlReading {
  const known = recentReadings.get(html);
  if (known !== undefined) return known;
  const read = readHtml(html);
  if (recentReadings.size >= 4) recentReadings.delete(recentReadings.keys().next().value!);
  recentReadings.set(html, read);
  return read;
}

/** The article as plain text: one line per block, entities decoded, scripts and comments left out. */
export function htmlToText(html: string): string {
  return reading(html).text;
}

/** The h1–h6 of the article in order, with their text. */
export function headings(html: string): Heading[] {
  return reading(html).headings;
}

/** The text of the article's first paragraph ('' when it has none). */
export function firstParagraph(html: string): string {
  return reading(html).firstParagraph;
}

const HEADING = /^h[1-6]$/;

function readHtml(html: string): HtmlReading {
  // Every tag stands for a space and a block's end for a line break, as the reader sees it. Headings
  // and the first paragraph are read into their own buffers the same way, so each reads like the whole.
  let out = '';
  let hidden = 0;
  const found: Heading[] = [];
  let firstP: string | undefined;
  let heading: { depth: number; text: string } | null = null;
  let paragraph: { depth: number; text: string } | null = null;
  const emit = (piece: string) => {
    out += piece;
    if (heading) heading.text += piece;
    if (paragraph) paragraph.text += piece;
  };
  scanHtml(html, {
    openTag(name) {
      if (HIDDEN.has(name)) hidden++;
      emit(' ');
      if (HEADING.test(name)) {
        if (heading) heading.depth++;
        else heading = { depth: 1, text: '' };
      } else if (name === 'p' && firstP === undefined) {
        if (paragraph) paragraph.depth++;
        else paragraph = { depth: 1, text: '' };
      }
    },
    text(run) {
      if (hidden === 0) emit(run.text);
    },
    closeTag(span) {
      if (HIDDEN.has(span.name)) hidden--;
      // An element the author never closed has no end we can trust: skipped, as a reader of tags would.
      if (heading && HEADING.test(span.name) && --heading.depth === 0) {
        if (!span.implied) found.push({ level: Number(span.name[1]), text: tidy(heading.text) });
        heading = null;
      } else if (paragraph && span.name === 'p' && --paragraph.depth === 0) {
        if (!span.implied) firstP = tidy(paragraph.text);
        paragraph = null;
      }
      emit(BLOCK_END.has(span.name) && !span.implied ? ' \n' : span.openEnd === span.end ? '' : ' ');
    },
    comment() {
      emit(' ');
    },
  });
  return { text: tidy(out), headings: found, firstParagraph: firstP ?? '' };
}

function tidy(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** The last few counts: the same article text is counted by the writer and again by the SEO checks. */
const recentCounts = new Map<string, number>();

/** Languages written without spaces between words (Japanese, Chinese, Thai, …). */
const SPACELESS = new Set(['ja', 'zh', 'th', 'lo', 'km', 'my', 'bo']);
const segmenters = new Map<string, Intl.Segmenter>();

/**
 * Words in a text. Languages without spaces are segmented with Intl.Segmenter (ICU's dictionary
 * word breaks): the letter-run count would take a whole Japanese clause for one word.
 */
export function countWords(text: string, language?: string | null): number {
  const lang = (language ?? '').toLowerCase().split('-')[0]!;
  const spaceless = SPACELESS.has(lang);
  const key = spaceless ? `${lang}\u0000${text}` : text;
  const known = recentCounts.get(key);
  if (known !== undefined) return known;
  let n = 0;
  if (spaceless) {
    let seg = segmenters.get(lang);
    if (!seg) segmenters.set(lang, (seg = new Intl.Segmenter(lang, { granularity: 'word' })));
    for (const s of seg.segment(text)) if (s.isWordLike) n++;
  } else {
    const m = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
    n = m ? m.length : 0;
  }
  if (recentCounts.size >= 4) recentCounts.delete(recentCounts.keys().next().value!);
  recentCounts.set(key, n);
  return n;
}

/** countWords(text) > 0, without counting: a word starts at any letter or digit. */
const HAS_WORD = /[\p{L}\p{N}]/u;

export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => HAS_WORD.test(s));
}
