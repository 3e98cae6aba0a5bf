import { z } from 'zod';
import { attachLeftovers } from './attach-leftovers.js';
import { add, byVolumeDesc, cmp, termFrequencies, type Kw } from './cluster-keyword.js';
import { greedyCover } from './greedy-cover.js';
import { nameFromTokens, sideWords } from './name-cluster.js';
import { splitOversized } from './split-oversized.js';
import type { LocalKeyword } from './local-keyword.js';
import { tokenize, type Token } from './tokenize-keyword.js';

export type { LocalKeyword };

export const LocalClusterOptionsSchema = z.object({
  minClusterSize: z
    .number()
    .int()
    .min(2)
    .max(1000)
    .default(2)
    .describe('Fewest keywords that make a cluster.'),
  maxClusterSize: z
    .number()
    .int()
    .min(2)
    .max(10_000)
    .default(20)
    .describe('Most keywords per cluster before it is split by its modifiers (leftovers may exceed it).'),
  similarity: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe(
      'How alike a leftover must be to join a cluster: the share of its members sharing one of its topic terms (0: any).',
    ),
});
export type LocalClusterOptions = z.input<typeof LocalClusterOptionsSchema>;

export interface PlannedCluster {
  name: string;
  description: string;
  primaryKeywordId: string;
  primaryKeyword: string;
  /** Members, highest volume first. */
  keywordIds: string[];
  keywordCount: number;
  volumeSum: number;
}

export interface LocalClusterPlan {
  clusters: PlannedCluster[];
  unclusteredIds: string[];
  stats: { keywords: number; clustered: number; unclustered: number; unclusteredShare: number };
}

/** A term in more than this share of all keywords is the sector itself, not a topic. */
const GENERIC_SHARE = 0.1;

/**
 * Group keywords into topic clusters without AI: deterministic (same input set, same clusters, in
 * any input order), linear-ish in the number of keywords. Passes:
 * 1. two-term heads ("espresso machine") claim their keywords, biggest first (lazy greedy cover);
 * 2. single terms ("aeropress") group what is left, specific ones before sector-wide ones ("coffee");
 * 3. clusters over maxClusterSize split by their other topic terms, then by modifiers ("best …",
 *    "… under 500"), then by volume;
 * 4. leftovers join the cluster where their terms are most central; the rest stay unclustered.
 * @example planLocalClusters(rows).clusters[0] // { name: 'espresso machine', keywordCount: 8, … }
 */
export function planLocalClusters(
  input: readonly LocalKeyword[],
  options: LocalClusterOptions = {},
): LocalClusterPlan {
  const opts = LocalClusterOptionsSchema.parse(options);
  const shared = new Map<string, Token>();
  // Kept in input order: every pass breaks its ties by key, volume or id, never by position, so
  // only the unclustered list needs sorting (sorting a million keywords up front cost 2 s of CPU).
  const kws: Kw[] = input.map((src) => {
    const tokens = tokenize(src.normalized, shared);
    const terms: string[] = [];
    for (const t of tokens) if (t.kind === 'term' && !terms.includes(t.stem)) terms.push(t.stem);
    // Copies sized to fit: an array grown by push keeps room for 17 items, and a million keywords
    // held two such arrays each (about 200 MB of the 1 GB budget).
    return { src, tokens: tokens.slice(), terms: terms.slice() };
  });
  shared.clear();
  const claimed = new Uint8Array(kws.length);
  const min = Math.min(opts.minClusterSize, opts.maxClusterSize);

  const heads = greedyCover(bigramPostings(kws, min), claimed, min);
  // Specific single terms first: a sector-wide word ("coffee" on a coffee site) would swallow them.
  const df = termFrequencies(kws);
  const generic = Math.max(min, kws.length * GENERIC_SHARE);
  const singles = greedyCover(
    unigramPostings(kws, claimed, (t) => df.get(t)! <= generic),
    claimed,
    min,
  );
  const broad = greedyCover(
    unigramPostings(kws, claimed, () => true),
    claimed,
    min,
  );
  const groups: number[][] = [];
  for (const g of [...heads, ...singles, ...broad]) {
    for (const part of splitOversized(kws, g, opts.maxClusterSize, min, 0)) {
      // A remainder too small to stand alone goes back to the leftovers, which join the best cluster.
      if (part.length >= min) groups.push(part);
      else for (const i of part) claimed[i] = 0;
    }
  }
  attachLeftovers(kws, groups, claimed, opts.similarity, df);

  const clusters = uniqueNames(groups.map((g) => describe(kws, g)));
  const unclusteredIds = kws
    .filter((_, i) => !claimed[i])
    .map((k) => k.src)
    .sort((a, b) => cmp(a.normalized, b.normalized) || cmp(a.id, b.id))
    .map((k) => k.id);
  const clustered = kws.length - unclusteredIds.length;
  return {
    clusters,
    unclusteredIds,
    stats: {
      keywords: kws.length,
      clustered,
      unclustered: unclusteredIds.length,
      unclusteredShare: kws.length === 0 ? 0 : round4(unclusteredIds.length / kws.length),
    },
  };
}

/**
 * Pairs of consecutive topic terms (stop words between them skipped), order-insensitive. Only pairs
 * that `min` keywords share get a posting list: at a million keywords almost all of the 440,000
 * distinct pairs occur once, and a list per pair was 200 MB for nothing (a list shorter than `min`
 * never makes a group).
 */
function bigramPostings(kws: Kw[], min: number): Map<string, number[]> {
  // Keyed by the pair's first term, then its second: no "a b" string per keyword. A first pass counts
  // (a keyword repeating a pair counts it twice: that only costs a list that stays short).
  const byFirst = new Map<string, Map<string, number | number[]>>();
  forEachPair(kws, (_, a, b) => {
    let second = byFirst.get(a);
    if (second === undefined) byFirst.set(a, (second = new Map()));
    second.set(b, ((second.get(b) as number | undefined) ?? 0) + 1);
  });
  const postings = new Map<string, number[]>();
  for (const [a, second] of byFirst) {
    for (const [b, count] of second) {
      if ((count as number) < min) continue;
      const list: number[] = [];
      second.set(b, list);
      postings.set(`${a} ${b}`, list);
    }
  }
  const seen: number[][] = [];
  let current = -1;
  forEachPair(kws, (i, a, b) => {
    const list = byFirst.get(a)!.get(b)!;
    if (typeof list === 'number') return;
    if (i !== current) [current, seen.length] = [i, 0];
    if (seen.includes(list)) return;
    seen.push(list);
    list.push(i);
  });
  return postings;
}

function forEachPair(kws: Kw[], f: (i: number, a: string, b: string) => void): void {
  kws.forEach((k, i) => {
    for (let j = 1; j < k.terms.length; j++) {
      const x = k.terms[j - 1]!;
      const y = k.terms[j]!;
      if (x < y) f(i, x, y);
      else f(i, y, x);
    }
  });
}

function unigramPostings(
  kws: Kw[],
  claimed: Uint8Array,
  use: (term: string) => boolean,
): Map<string, number[]> {
  const postings = new Map<string, number[]>();
  kws.forEach((k, i) => {
    if (!claimed[i]) for (const t of k.terms) if (use(t)) add(postings, t, i);
  });
  return postings;
}

/** Two clusters never share a name: later ones get a distinguishing word ("Coffee (cup)") or a number. */
function uniqueNames(clusters: Array<PlannedCluster & { also: string[] }>): PlannedCluster[] {
  const used = new Set<string>();
  // The last number given to each name: names are only ever added, so the next free number is past
  // it (counting from 2 each time was quadratic in how often a name repeats).
  const lastNumber = new Map<string, number>();
  return clusters.map(({ also, ...c }) => {
    let name = c.name;
    for (const w of also) {
      if (!used.has(name.toLowerCase())) break;
      name = `${c.name} (${w})`;
    }
    if (used.has(name.toLowerCase())) {
      const base = c.name.toLowerCase();
      let n = (lastNumber.get(base) ?? 1) + 1;
      while (used.has(`${base} (${n})`)) n++;
      lastNumber.set(base, n);
      name = `${c.name} (${n})`;
    }
    used.add(name.toLowerCase());
    return { ...c, name };
  });
}

function describe(kws: Kw[], group: number[]): PlannedCluster & { also: string[] } {
  const members = [...group].sort((a, b) => byVolumeDesc(kws[a]!, kws[b]!));
  const tokens = members.map((i) => kws[i]!.tokens);
  const name = nameFromTokens(tokens);
  const primary = kws[members[0]!]!.src;
  const volumeSum = members.reduce((s, i) => s + (kws[i]!.src.volume ?? 0), 0);
  const also = sideWords(tokens, name);
  const volume = volumeSum > 0 ? ` (${thousands(volumeSum)} searches/month)` : '';
  return {
    name: capitalize(name),
    description:
      `${members.length} keyword${members.length === 1 ? '' : 's'} about ${name}${volume}, led by "${primary.keyword}"` +
      (also.length > 0 ? `; also covers ${also.join(', ')}.` : '.'),
    primaryKeywordId: primary.id,
    primaryKeyword: primary.keyword,
    keywordIds: members.map((i) => kws[i]!.src.id),
    keywordCount: members.length,
    volumeSum,
    also,
  };
}

/** toLocaleString('en-US') for whole numbers without ICU (a call per cluster cost seconds at scale). */
function thousands(x: number): string {
  if (!Number.isSafeInteger(x)) return x.toLocaleString('en-US');
  return String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
