/** Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese, Tibetan). */
const SPACELESS_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

let segmenter: Intl.Segmenter | undefined;

/** Whether `text` has letters of a script written without spaces. */
export const hasSpacelessScript = (text: string): boolean => SPACELESS_SCRIPT.test(text);

/** The words of `text` as Intl.Segmenter (ICU's dictionaries) finds them, in order. */
export function segmentWords(text: string): string[] {
  segmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
  const out: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
}

/**
 * `text` with spaces between its words when it has a script written without them, else null: what
 * both databases' full-text indexes read, since neither tokenizer splits "コーヒー豆は" into words.
 * Passages and queries go through the same segmenter, so they agree on where words end.
 * @example segmentForIndex('水出しコーヒー') // '水 出し コーヒー'
 */
export function segmentForIndex(text: string | null): string | null {
  if (!text || !hasSpacelessScript(text)) return null;
  return segmentWords(text).join(' ');
}
