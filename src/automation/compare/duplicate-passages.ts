/** Words per passage: eight in a row shared by two articles is copied text, not a common phrase. */
export const PASSAGE_WORDS = 8;

function shingles(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  const out: string[] = [];
  for (let i = 0; i + PASSAGE_WORDS <= words.length; i++)
    out.push(words.slice(i, i + PASSAGE_WORDS).join(' '));
  return out;
}

/**
 * Pure: for each text, the share (0–1) of its 8-word passages that also occur in another text of
 * the list — duplicate passages across articles written under one profile.
 * @example duplicateShares(['a b c d e f g h', 'a b c d e f g h i']) // [1, 0.5]
 */
export function duplicateShares(texts: string[]): number[] {
  const sets = texts.map((t) => shingles(t));
  const seenIn = new Map<string, Set<number>>();
  sets.forEach((list, i) => {
    for (const s of list) (seenIn.get(s) ?? seenIn.set(s, new Set()).get(s)!).add(i);
  });
  return sets.map((list) => {
    if (list.length === 0) return 0;
    const shared = list.filter((s) => seenIn.get(s)!.size > 1).length;
    return Math.round((shared / list.length) * 1000) / 1000;
  });
}
