/**
 * Lazy greedy set cover: repeatedly take the candidate key whose postings hold the most keywords not
 * claimed yet, and claim them as one group. Scores only shrink as keywords get claimed, so a popped
 * key whose score went stale is re-queued with its fresh score instead of rescanning every key.
 */
export interface CoverGroup {
  key: string;
  members: number[];
}

interface Entry {
  key: string;
  score: number;
}

/** Ties go to the alphabetically first key, so the outcome never depends on insertion order. */
function before(a: Entry, b: Entry): boolean {
  return a.score > b.score || (a.score === b.score && a.key < b.key);
}

class MaxHeap {
  private readonly items: Entry[] = [];
  get size(): number {
    return this.items.length;
  }
  push(e: Entry): void {
    const a = this.items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): Entry | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l]!, a[m]!)) m = l;
        if (r < a.length && before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Cover keywords with groups of at least `minSize` unclaimed keywords each. `claimed` (one flag per
 * keyword) is updated in place.
 */
export function greedyCover(
  postings: Map<string, number[]>,
  claimed: Uint8Array,
  minSize: number,
): CoverGroup[] {
  const heap = new MaxHeap();
  for (const [key, list] of postings) {
    if (list.length >= minSize) heap.push({ key, score: list.length });
  }
  const groups: CoverGroup[] = [];
  while (heap.size > 0) {
    const top = heap.pop()!;
    const list = postings.get(top.key)!;
    let free = 0;
    for (const k of list) if (!claimed[k]) free++;
    if (free < minSize) continue;
    if (free < top.score) {
      heap.push({ key: top.key, score: free });
      continue;
    }
    const members: number[] = [];
    for (const k of list) {
      if (!claimed[k]) {
        claimed[k] = 1;
        members.push(k);
      }
    }
    groups.push({ key: top.key, members });
  }
  return groups;
}
