import { greedyCover, type CoverGroup } from './greedy-cover.js';
import { add, byVolumeDesc, type Kw } from './cluster-keyword.js';
import type { TokenKind } from './tokenize-keyword.js';

const MAX_SPLIT_DEPTH = 4;

/**
 * A group over `max` splits by the words its members do not all share: topic terms first (a
 * "stainless steel" group splits into kettles, drones, …), then modifiers and numbers ("best …",
 * "… under 500" are different articles); whatever no sub-key covers is cut by volume.
 */
export function splitOversized(
  kws: Kw[],
  group: CoverGroup,
  max: number,
  min: number,
  depth: number,
): number[][] {
  if (group.members.length <= max) return [group.members];
  const parent = new Set(group.key.split(' '));
  const taken = new Uint8Array(group.members.length);
  const out: number[][] = [];
  if (depth < MAX_SPLIT_DEPTH) {
    for (const kinds of [TOPIC, ASPECT]) {
      for (const s of greedyCover(subPostings(kws, group.members, parent, kinds), taken, min)) {
        const members = s.members.map((pos) => group.members[pos]!);
        out.push(...splitOversized(kws, { key: `${group.key} ${s.key}`, members }, max, min, depth + 1));
      }
    }
  }
  const rest = group.members.filter((_, pos) => !taken[pos]);
  out.push(...byVolume(kws, rest, max, min));
  return out.filter((g) => g.length > 0);
}

const TOPIC: ReadonlySet<TokenKind> = new Set(['term']);
const ASPECT: ReadonlySet<TokenKind> = new Set(['modifier', 'number']);

/**
 * Postings over positions in the group (a split costs the group's size, not the whole set's). A word
 * every member has is part of the head, not a way to split it.
 */
function subPostings(kws: Kw[], members: number[], parent: Set<string>, kinds: ReadonlySet<TokenKind>) {
  const postings = new Map<string, number[]>();
  const seen = new Set<string>();
  members.forEach((i, pos) => {
    seen.clear();
    for (const t of kws[i]!.tokens) {
      if (!kinds.has(t.kind) || parent.has(t.stem) || seen.has(t.stem)) continue;
      seen.add(t.stem);
      add(postings, t.stem, pos);
    }
  });
  for (const [key, list] of postings) if (list.length === members.length) postings.delete(key);
  return postings;
}

/**
 * Cut a list into balanced parts of at most `max`, highest volume first. The minimum wins over the
 * maximum: parts are never cut below `min` (a min above max/2 makes parts a little larger).
 */
function byVolume(kws: Kw[], members: number[], max: number, min: number): number[][] {
  if (members.length <= max) return [members];
  const sorted = [...members].sort((a, b) => byVolumeDesc(kws[a]!, kws[b]!));
  const parts = Math.max(1, Math.min(Math.ceil(sorted.length / max), Math.floor(sorted.length / min)));
  const out: number[][] = [];
  for (let p = 0, start = 0; p < parts; p++) {
    const end = Math.round(((p + 1) * sorted.length) / parts);
    out.push(sorted.slice(start, end));
    start = end;
  }
  return out;
}
