import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { planLocalClusters, type LocalClusterOptions, type LocalKeyword } from './plan-local-clusters.js';
import { createPrng } from '../util/prng.js';
import { syntheticKeywords } from './synthetic-keywords.js';

// The clustering was reworked for speed at a million keywords (issue 16). Its output must not change:
// these digests are of the whole plan (clusters, names, descriptions, members, unclustered ids) as the
// implementation before that rework (commit 119fbe5) produced it for the same seeded inputs.
const GOLDEN: Array<{
  name: string;
  n: number;
  seed: number;
  noise?: number;
  options: LocalClusterOptions;
  digest: string;
  clusters: number;
  unclustered: number;
}> = [
  {
    name: '5k, defaults',
    n: 5000,
    seed: 7,
    options: {},
    digest: '710ba8cc1dccc171a787693e8966a2f9e410cb128f9de3cde6bde59a908c2abb',
    clusters: 1271,
    unclustered: 144,
  },
  {
    name: '5k noisy, min 3, similarity 0.3',
    n: 5000,
    seed: 11,
    noise: 0.3,
    options: { minClusterSize: 3, similarity: 0.3 },
    digest: '69811ffc1e749decd620f62b36634ca6cd2b4bdef91b690b791b106434b93532',
    clusters: 632,
    unclustered: 1440,
  },
  {
    name: '20k, max 8',
    n: 20000,
    seed: 3,
    options: { maxClusterSize: 8 },
    digest: '6a7ab285796c105c516457f810ab1f389e22844bbf33f058bbbdd362da40e7ed',
    clusters: 4052,
    unclustered: 513,
  },
];

function syntheticSet(n: number, seed: number, noiseShare?: number): LocalKeyword[] {
  return syntheticKeywords(n, { seed, noiseShare }).map((k, i) => ({
    id: `s${i}`,
    keyword: k.keyword,
    normalized: k.keyword.toLowerCase(),
    volume: k.volume,
  }));
}

function digest(input: LocalKeyword[], options: LocalClusterOptions): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(planLocalClusters(input, options)))
    .digest('hex');
}

describe('planLocalClusters output is unchanged by the rework', () => {
  for (const g of GOLDEN) {
    it(`${g.name}: same plan as before, in input order and shuffled`, () => {
      const input = syntheticSet(g.n, g.seed, g.noise);
      const plan = planLocalClusters(input, g.options);
      expect(plan.clusters.length).toBe(g.clusters);
      expect(plan.unclusteredIds.length).toBe(g.unclustered);
      expect(digest(input, g.options)).toBe(g.digest);
      const rand = createPrng(g.seed + 1);
      const shuffled = [...input];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      expect(digest(shuffled, g.options)).toBe(g.digest);
    });
  }

  it('numbers repeated names past the ones already taken', () => {
    // Eight keywords per head, max 2 per cluster: the same name many times over.
    const input: LocalKeyword[] = [];
    for (let i = 0; i < 40; i++) {
      const kw = `espresso machine ${['red', 'blue', 'green', 'black', 'white'][i % 5]} ${i}`;
      input.push({ id: `e${i}`, keyword: kw, normalized: kw, volume: 100 - i });
    }
    const names = planLocalClusters(input, { maxClusterSize: 2 }).clusters.map((c) => c.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });
});
