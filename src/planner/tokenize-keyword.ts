/**
 * Keyword tokens for local clustering. Each word is a stop word (grammar), a modifier (search-intent
 * words such as "best" or "review" that say how, not what), a number, or a term (the topic words
 * clusters are built on). Terms and modifiers are lightly stemmed so plural and -ing forms meet.
 */
export type TokenKind = 'stop' | 'modifier' | 'number' | 'term';

export interface Token {
  /** The word as written (lower case). */
  word: string;
  /** Its stem: the clustering key. */
  stem: string;
  kind: TokenKind;
}

const STOP = new Set(
  (
    'a an the of for to in on at by with without from into onto about across after before between ' +
    'and or nor but vs versus v is are was were be been being am do does did doing done can could ' +
    'should would will shall may might must has have had how what why when where which who whom whose ' +
    'i me my mine we our you your yours he him his she her it its they them their this that these those ' +
    'much many more most some any all each every there here than then as if so not no yes per very too ' +
    'get gets got under near like just also one long often far ever still even really way ways'
  ).split(' '),
);

const MODIFIERS = new Set(
  (
    'best top cheap cheapest affordable budget good great better review reviews rated rating ratings buy ' +
    'buying price prices pricing cost costs sale deal deals discount coupon online free new used ' +
    'guide tips ideas idea list examples example meaning definition tutorial recipe recipes comparison ' +
    'compare alternative alternatives worth use using make making easy simple quick quickly ' +
    'ultimate beginner beginners pro professional 2020 2021 2022 2023 2024 2025 2026 2027 me'
  ).split(' '),
);

/** Light English stemming: plurals and -ing, nothing that turns one word into another. */
export function stem(word: string): string {
  const w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (/(ch|sh|x|z)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(ss|us|is|ous)$/.test(w)) return w.slice(0, -1);
  if (w.endsWith('ing') && w.length >= 7) {
    const base = w.slice(0, -3);
    // running → run, but keep ll/ss/zz doubles (selling → sell).
    return /([^aeioulsz])\1$/.test(base) ? base.slice(0, -1) : base;
  }
  return w;
}

function tokenOf(word: string): Token {
  if (STOP.has(word)) return { word, stem: word, kind: 'stop' };
  if (/^\p{N}+$/u.test(word)) return { word, stem: word, kind: 'number' };
  const s = stem(word);
  return { word, stem: s, kind: MODIFIERS.has(word) || MODIFIERS.has(s) ? 'modifier' : 'term' };
}

/**
 * Split a normalized keyword into tokens (Unicode letters and digits; everything else separates).
 * A token depends only on its word, so a caller tokenizing many keywords passes one `shared` map:
 * each distinct word then becomes one token object shared by every keyword that has it (a million
 * keywords hold a few hundred thousand tokens instead of millions, and their strings once).
 * Tokens are never modified.
 * @example tokenize('best espresso machines under 500').map((t) => `${t.stem}:${t.kind}`)
 * // ['best:modifier', 'espresso:term', 'machine:term', 'under:stop', '500:number']
 */
export function tokenize(normalized: string, shared?: Map<string, Token>): Token[] {
  const out: Token[] = [];
  for (const word of normalized.split(/[^\p{L}\p{N}]+/u)) {
    if (word === '') continue;
    if (shared === undefined) {
      out.push(tokenOf(word));
      continue;
    }
    let t = shared.get(word);
    if (t === undefined) shared.set(word, (t = tokenOf(word)));
    out.push(t);
  }
  return out;
}
