import type { StructureKey } from '../../ai/functions/common.schema.js';

/** Words that never name a topic on their own (question words, modifiers, fillers). */
export const STOPWORDS = new Set(
  (
    'a an the and or of to in on for with without by at from as is are be can do does did how what why when ' +
    'where which who whose best top vs versus my your you i we it its this that these those make use get good ' +
    'more most much many under near me into about than then should vs. long way ways'
  ).split(' '),
);

const SMALL = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'for',
  'to',
  'of',
  'in',
  'on',
  'with',
  'vs',
  'at',
  'by',
  'per',
]);

export const normalize = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Topic words of a keyword, lightly stemmed ("beans" → "bean") so variants group together. */
export function contentTokens(keyword: string): string[] {
  return normalize(keyword)
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w && !STOPWORDS.has(w))
    .map(stem);
}

export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us'))
    return word.slice(0, -1);
  return word;
}

/** "french press grind size" → "French Press Grind Size"; keeps "V60"-style tokens upper-cased. */
export function titleCase(text: string): string {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((w, i) => {
      if (/\d/.test(w)) return w.toUpperCase();
      if (i > 0 && SMALL.has(w.toLowerCase())) return w.toLowerCase();
      return w.charAt(0).toUpperCase() + w.slice(1);
    })
    .join(' ');
}

export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const stripArticles = (s: string) => s.replace(/^(?:an?|the|your|my)\s+/, '').trim();

export interface KeywordParts {
  keyword: string;
  /** The thing the keyword is about: "espresso machine". */
  subject: string;
  /** For how-to keywords, what the reader wants to do: "clean espresso machine". */
  action: string;
  /** For comparisons, the two sides. */
  a: string;
  b: string;
  structure: StructureKey;
  intent: 'informational' | 'commercial' | 'transactional';
}

/** Read a keyword the way a writer would: what it is about, what the reader wants, which structure fits. */
export function keywordParts(keyword: string): KeywordParts {
  const k = normalize(keyword);
  const parts: KeywordParts = {
    keyword: k,
    subject: k,
    action: k,
    a: k,
    b: k,
    structure: 'guide',
    intent: 'informational',
  };
  const vs = k.split(/\s+(?:vs\.?|versus)\s+/);
  if (vs.length === 2 && vs[0] && vs[1] && /\s(vs\.?|versus)\s/.test(k)) {
    return {
      ...parts,
      subject: vs[0],
      a: vs[0],
      b: vs[1],
      action: `choose between ${vs[0]} and ${vs[1]}`,
      structure: 'comparison',
      intent: 'commercial',
    };
  }
  let m = /^how (?:to|do you|do i|can i|can you|long to|much) (.+)$/.exec(k);
  if (m) {
    const words = m[1]!.split(' ');
    const object = stripArticles(words.slice(1).join(' ')) || words[0]!;
    return { ...parts, subject: object, action: m[1]!, structure: 'how-to' };
  }
  m = /^(?:what(?:'s| is| are)|who is|why (?:is|are|do|does)) (.+)$/.exec(k);
  if (m)
    return {
      ...parts,
      subject: stripArticles(m[1]!),
      action: `understand ${stripArticles(m[1]!)}`,
      structure: 'guide',
    };
  m = /^(?:best|top|cheapest|good) (.+?)(?:\s+(?:for|under|with|in|without)\s+.+)?$/.exec(k);
  if (m)
    return {
      ...parts,
      subject: m[1]!,
      action: `choose a ${m[1]!}`,
      structure: 'listicle',
      intent: 'commercial',
    };
  m = /^(.+?)\s+reviews?$/.exec(k);
  if (m)
    return {
      ...parts,
      subject: m[1]!,
      action: `choose a ${m[1]!}`,
      structure: 'review',
      intent: 'commercial',
    };
  m = /^(.+?)\s+(recipe|ratio|instructions|tutorial|steps)$/.exec(k);
  if (m) return { ...parts, subject: m[1]!, action: `make ${m[1]!}`, structure: 'how-to' };
  if (/\b(buy|price|prices|cheap|deal|deals|sale|coupon|near me)\b/.test(k)) {
    return {
      ...parts,
      subject:
        k
          .replace(/\b(buy|price|prices|cheap|deals?|sale|coupon|near me)\b/g, '')
          .replace(/\s+/g, ' ')
          .trim() || k,
      action: `buy ${k}`,
      structure: 'listicle',
      intent: 'transactional',
    };
  }
  return parts;
}

/** Fill {Keyword} {keyword} {Subject} {subject} {Action} {action} {A} {B} from a keyword's parts. */
export function fillPattern(pattern: string, p: KeywordParts): string {
  const values: Record<string, string> = {
    Keyword: titleCase(p.keyword),
    keyword: p.keyword,
    Subject: titleCase(p.subject),
    subject: p.subject,
    Action: titleCase(p.action),
    action: p.action,
    A: titleCase(p.a),
    B: titleCase(p.b),
  };
  return pattern.replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m);
}

/** Fit text into `max` characters at a word boundary. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const at = cut.lastIndexOf(' ');
  return (at > max * 0.5 ? cut.slice(0, at) : text.slice(0, max)).replace(/[\s,;:.-]+$/, '');
}
