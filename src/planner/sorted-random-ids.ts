import { randomFillSync, randomUUID } from 'node:crypto';

/**
 * `n` random v4 UUIDs (the same as newId: 122 random bits each), in ascending order, without
 * sorting a million strings: the first 32 bits come from a sorted array of random numbers and the
 * rest from randomUUID. A bulk insert handed ids in key order appends to the primary-key index
 * instead of splitting pages all over it.
 * @example sortedRandomIds(3) // ['1f…', '8a…', 'e0…']
 */
export function sortedRandomIds(n: number): string[] {
  const heads = new Uint32Array(n);
  randomFillSync(heads);
  heads.sort();
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = heads[i]!.toString(16).padStart(8, '0') + randomUUID().slice(8);
  // Equal heads (a few pairs per million) leave their tails in random order: sort those runs.
  for (let i = 1; i < n; i++) {
    if (heads[i] !== heads[i - 1]) continue;
    let end = i + 1;
    while (end < n && heads[end] === heads[i]) end++;
    const run = out.slice(i - 1, end).sort();
    for (let j = 0; j < run.length; j++) out[i - 1 + j] = run[j]!;
    i = end - 1;
  }
  return out;
}
