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
  const kws: Kw[] = [...input]
    .sort((a, b) => cmp(a.normalized, b.normalized) || cmp(a.id, b.id))
    .map((src) => {
      const tokens = tokenize(src.normalized, shared);
      const terms: string[] = [];
      for (const t of tokens) if (t.kind === 'term' && !terms.includes(t.stem)) terms.push(t.stem);
      return { src, tokens, terms };
    });
  shared.clear();
  const claimed = new Uint8Array(kws.length);
  const min = Math.min(opts.minClusterSize, opts.maxClusterSize);

  const heads = greedyCover(bigramPostings(kws), claimed, min);
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
  const unclusteredIds = kws.filter((_, i) => !claimed[i]).map((k) => k.src.id);
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

/** Pairs of consecutive topic terms (stop words between them skipped), order-insensitive. */
function bigramPostings(kws: Kw[]): Map<string, number[]> {
  const postings = new Map<string, number[]>();
  kws.forEach((k, i) => {
    const seen = new Set<string>();
    for (let j = 1; j < k.terms.length; j++) {
      const a = k.terms[j - 1]!;
      const b = k.terms[j]!;
      const key = a < b ? `${a} ${b}` : `${b} ${a}`;
      if (seen.has(key)) continue;
      seen.add(key);
      add(postings, key, i);
    }
  });
  return postings;
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
  return clusters.map(({ also, ...c }) => {
    let name = c.name;
    for (const w of also) {
      if (!used.has(name.toLowerCase())) break;
      name = `${c.name} (${w})`;
    }
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${c.name} (${n})`;
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
  const volume = volumeSum > 0 ? ` (${volumeSum.toLocaleString('en-US')} searches/month)` : '';
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

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
