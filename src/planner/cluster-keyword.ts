import type { Token } from './tokenize-keyword.js';
import type { LocalKeyword } from './local-keyword.js';

/** A keyword as the clustering passes see it. */
export interface Kw {
  src: LocalKeyword;
  tokens: Token[];
  /** Distinct topic-term stems, in order. */
  terms: string[];
}

/** Highest volume first; then shorter, then alphabetical (stable whatever the input order). */
export function byVolumeDesc(a: Kw, b: Kw): number {
  return (
    (b.src.volume ?? -1) - (a.src.volume ?? -1) ||
    a.src.normalized.length - b.src.normalized.length ||
    cmp(a.src.normalized, b.src.normalized) ||
    cmp(a.src.id, b.src.id)
  );
}

/** How many keywords carry each topic term. */
export function termFrequencies(kws: Kw[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const k of kws) for (const t of k.terms) df.set(t, (df.get(t) ?? 0) + 1);
  return df;
}

export function add(m: Map<string, number[]>, key: string, i: number): void {
  const list = m.get(key);
  if (list) list.push(i);
  else m.set(key, [i]);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
