import { hasSpacelessScript, segmentWords } from './segment-words.js';

const HAN = /^\p{Script=Han}$/u;

/** Words too common to say anything about relevance (English; the indexes stem and rank the rest). */
const STOP = new Set(
  (
    'a an and are as at be but by can do does for from has have how i if in into is it its of on or our ' +
    'should so than that the their them then there these they this to was we what when where which who ' +
    'why will with you your about more most not no yes all any each also just very vs versus'
  ).split(' '),
);

/**
 * The distinct search words of a text (letters and digits, lower case, stop words dropped), at most
 * `max`: what both dialects' OR-queries are built from, so no user text reaches a query syntax.
 * Text in a script written without spaces is split into words (Intl.Segmenter), as it is indexed.
 * @example searchTerms('How to brew cold brew coffee?') // ['brew', 'cold', 'coffee']
 */
export function searchTerms(text: string, max = 32): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    // A run in a script without spaces is a phrase: split it into words as passages are indexed.
    for (const w of hasSpacelessScript(m[0]) ? segmentWords(m[0]) : [m[0]]) {
      // One letter says nothing, except an ideograph (豆, bean); kana particles (は, の) say nothing.
      if ((w.length < 2 && !HAN.test(w)) || STOP.has(w) || seen.has(w)) continue;
      seen.add(w);
      out.push(w);
      if (out.length >= max) return out;
    }
  }
  return out;
}
