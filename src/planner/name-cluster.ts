import type { Token } from './tokenize-keyword.js';

const LONGER_BONUS = 0.6;
const MAX_N = 4;
/** Joining words that make a name read as a comparison cut in half ("monitor vs digital"). */
const NOT_IN_NAME = new Set(['vs', 'versus', 'v', 'or', 'and']);

/**
 * A cluster's name: the n-gram (1–4 words, not starting or ending with a stop word, with at least one
 * topic term) that the most members contain, longer n-grams weighted up so "espresso machine" beats
 * "espresso". Plural forms count together; the commonest spelling is shown.
 * @example nameFromTokens([tokenize('best french press'), tokenize('french press grind size')]) // 'french press'
 */
export function nameFromTokens(members: Token[][]): string {
  const counts = new Map<string, { n: number; count: number; spellings: Map<string, number> }>();
  // One set, cleared per member: a new set per keyword was a million allocations at agency scale.
  const seen = new Set<string>();
  for (const tokens of members) {
    seen.clear();
    // The n-grams starting at i are built word by word (no slices or joins per gram: this runs for
    // every keyword of every cluster, a million times at agency scale).
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]!.kind === 'stop') continue;
      let key = '';
      let spelled = '';
      let hasTerm = false;
      for (let n = 1; n <= MAX_N && i + n <= tokens.length; n++) {
        const t = tokens[i + n - 1]!;
        // Every longer gram from i holds this word too.
        if (NOT_IN_NAME.has(t.word)) break;
        key = n === 1 ? t.stem : `${key} ${t.stem}`;
        spelled = n === 1 ? t.word : `${spelled} ${t.word}`;
        if (t.kind === 'term') hasTerm = true;
        if (t.kind === 'stop' || !hasTerm || seen.has(key)) continue;
        seen.add(key);
        let c = counts.get(key);
        if (c === undefined) counts.set(key, (c = { n, count: 0, spellings: new Map<string, number>() }));
        c.count++;
        c.spellings.set(spelled, (c.spellings.get(spelled) ?? 0) + 1);
      }
    }
  }
  let best: { key: string; score: number; n: number } | null = null;
  for (const [key, c] of counts) {
    // A phrase only one member uses is that member's wording, not the cluster's topic.
    if (c.n > 1 && c.count < 2 && members.length > 1) continue;
    const score = c.count * (1 + LONGER_BONUS * (c.n - 1));
    if (
      !best ||
      score > best.score ||
      (score === best.score && (c.n > best.n || (c.n === best.n && key < best.key)))
    )
      best = { key, score, n: c.n };
  }
  if (!best) return fallbackName(members);
  return commonest(counts.get(best.key)!.spellings);
}

/** Words members share beyond the name: "best, descaler, beginners" for a description. */
export function sideWords(members: Token[][], name: string, limit = 3): string[] {
  const inName = new Set(name.toLowerCase().split(' '));
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const tokens of members) {
    seen.clear();
    for (const t of tokens) {
      if (t.kind === 'stop' || inName.has(t.word) || seen.has(t.word)) continue;
      seen.add(t.word);
      counts.set(t.word, (counts.get(t.word) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([, c]) => c > 1 || members.length <= 3)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([w]) => w);
}

function commonest(spellings: Map<string, number>): string {
  let best = '';
  let count = -1;
  for (const [s, c] of spellings) {
    if (c > count || (c === count && s < best)) {
      best = s;
      count = c;
    }
  }
  return best;
}

/** Members made only of stop words, numbers and modifiers: name the cluster after its first member. */
function fallbackName(members: Token[][]): string {
  return (members[0] ?? []).map((t) => t.word).join(' ') || 'keywords';
}
