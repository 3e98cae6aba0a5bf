import { termFrequencies, type Kw } from './cluster-keyword.js';

/**
 * Each unclaimed keyword joins the cluster where its terms are most central (share of members with
 * the term, weighted by how rare the term is overall), if at least `similarity` of that cluster's
 * members share one of its terms (0: any shared term will do). Others stay unclustered.
 */
export function attachLeftovers(
  kws: Kw[],
  groups: number[][],
  claimed: Uint8Array,
  similarity = 0,
  df: Map<string, number> = termFrequencies(kws),
): void {
  // Only terms some leftover has are ever looked up: indexing the clusters by those alone keeps
  // this map small (at a million keywords, indexing every term made millions of small maps).
  const wanted = new Set<string>();
  kws.forEach((k, i) => {
    if (!claimed[i]) for (const t of k.terms) wanted.add(t);
  });
  const byTerm = new Map<string, Map<number, number>>();
  groups.forEach((g, gi) => {
    for (const i of g) {
      for (const t of kws[i]!.terms) {
        if (!wanted.has(t)) continue;
        let m = byTerm.get(t);
        if (m === undefined) byTerm.set(t, (m = new Map<number, number>()));
        m.set(gi, (m.get(gi) ?? 0) + 1);
      }
    }
  });
  const sizes = groups.map((g) => g.length);
  const joins: Array<[number, number]> = [];
  kws.forEach((k, i) => {
    if (claimed[i]) return;
    const score = new Map<number, number>();
    const share = new Map<number, number>();
    for (const t of k.terms) {
      const idf = Math.log(1 + kws.length / (df.get(t) ?? 1));
      for (const [gi, c] of byTerm.get(t) ?? []) {
        score.set(gi, (score.get(gi) ?? 0) + (c / sizes[gi]!) * idf);
        share.set(gi, Math.max(share.get(gi) ?? 0, c / sizes[gi]!));
      }
    }
    let best = -1;
    let bestScore = 0;
    for (const [gi, s] of score)
      if (s > bestScore || (s === bestScore && gi < best)) [best, bestScore] = [gi, s];
    if (best >= 0 && share.get(best)! >= similarity) joins.push([best, i]);
  });
  // Joined after scoring, so one leftover never pulls the next one along.
  for (const [gi, i] of joins) {
    groups[gi]!.push(i);
    claimed[i] = 1;
  }
}
