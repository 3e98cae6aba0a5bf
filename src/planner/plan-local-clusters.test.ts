import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/planner/keyword-fixtures.js';
import { parseKeywordFile } from './parse-keyword-file.js';
import { planLocalClusters, type LocalClusterPlan, type LocalKeyword } from './plan-local-clusters.js';
import { createPrng } from '../util/prng.js';
import { syntheticKeywords } from './synthetic-keywords.js';
import { tokenize } from './tokenize-keyword.js';

function fixtureSet(file: string): LocalKeyword[] {
  return parseKeywordFile(fs.readFileSync(fixturePath(file))).keywords.map((k, i) => ({
    id: `k${i}`,
    keyword: k.keyword,
    normalized: k.normalized,
    volume: k.volume,
  }));
}

function syntheticSet(n: number, seed: number): LocalKeyword[] {
  return syntheticKeywords(n, { seed }).map((k, i) => ({
    id: `s${i}`,
    keyword: k.keyword,
    normalized: k.keyword.toLowerCase(),
    volume: k.volume,
  }));
}

function shuffled<T>(items: T[], seed: number): T[] {
  const rand = createPrng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The invariants every plan must keep, whatever the input. */
function expectConsistent(input: LocalKeyword[], plan: LocalClusterPlan, maxClusterSize = 20) {
  const byId = new Map(input.map((k) => [k.id, k]));
  const seen = new Set<string>();
  for (const c of plan.clusters) {
    expect(c.keywordIds.length).toBe(c.keywordCount);
    expect(c.keywordCount).toBeGreaterThanOrEqual(2);
    for (const id of c.keywordIds) {
      expect(byId.has(id)).toBe(true);
      expect(seen.has(id)).toBe(false);
      seen.add(id);
    }
    const members = c.keywordIds.map((id) => byId.get(id)!);
    expect(c.volumeSum).toBe(members.reduce((s, k) => s + (k.volume ?? 0), 0));
    const top = Math.max(...members.map((k) => k.volume ?? -1));
    expect(byId.get(c.primaryKeywordId)!.volume ?? -1).toBe(top);
    expect(c.primaryKeyword).toBe(byId.get(c.primaryKeywordId)!.keyword);
    expect(c.name.length).toBeGreaterThan(0);
    expect(c.description).toContain(c.primaryKeyword);
  }
  for (const id of plan.unclusteredIds) {
    expect(seen.has(id)).toBe(false);
    seen.add(id);
  }
  expect(seen.size).toBe(input.length);
  expect(plan.stats.clustered + plan.stats.unclustered).toBe(input.length);
  expect(plan.stats.unclustered).toBe(plan.unclusteredIds.length);
  expect(new Set(plan.clusters.map((c) => c.name.toLowerCase())).size).toBe(plan.clusters.length);
  // Only leftovers attached in the last pass may push a cluster past the maximum.
  const over = plan.clusters.filter((c) => c.keywordCount > maxClusterSize * 2);
  expect(over).toEqual([]);
}

describe('tokenize', () => {
  it('separates stop words, modifiers, numbers and stemmed topic terms', () => {
    expect(tokenize('best espresso machines under 500').map((t) => `${t.stem}:${t.kind}`)).toEqual([
      'best:modifier',
      'espresso:term',
      'machine:term',
      'under:stop',
      '500:number',
    ]);
    expect(tokenize('brewing berries glasses').map((t) => t.stem)).toEqual(['brew', 'berry', 'glass']);
  });
});

describe('planLocalClusters on the Semrush fixture', () => {
  const input = fixtureSet('semrush-coffee.csv');
  const plan = planLocalClusters(input);

  it('assigns each keyword at most once and the counts add up', () => {
    expectConsistent(input, plan);
    expect(plan.stats.unclusteredShare).toBeLessThan(0.1);
  });

  it('groups keywords of one topic and names the cluster after it', () => {
    const clusterOf = (kw: string) =>
      plan.clusters.find((c) => c.keywordIds.includes(input.find((k) => k.normalized === kw)!.id));
    const espresso = clusterOf('best espresso machine')!;
    expect(espresso.name).toBe('Espresso machine');
    expect(clusterOf('espresso machine descaler')).toBe(espresso);
    expect(clusterOf('best espresso machine under 500')).toBe(espresso);
    expect(clusterOf('how to make french press coffee')).toBe(clusterOf('best french press'));
    expect(clusterOf('cold brew ratio')).toBe(clusterOf('how long to steep cold brew'));
    expect(clusterOf('cold brew ratio')!.name).toBe('Cold brew');
    expect(clusterOf('best french press')).not.toBe(espresso);
  });

  it('is deterministic across runs and input orders', () => {
    for (const seed of [1, 2, 3]) expect(planLocalClusters(shuffled(input, seed))).toEqual(plan);
  });

  it('respects min and max cluster sizes', () => {
    const small = planLocalClusters(input, { minClusterSize: 3, maxClusterSize: 4 });
    expectConsistent(input, small, 4);
    expect(small.clusters.every((c) => c.keywordCount >= 3)).toBe(true);
  });

  it('attaches fewer leftovers the higher the similarity asked for', () => {
    const shares = [0, 0.5, 1].map((similarity) => {
      const p = planLocalClusters(input, { similarity });
      expectConsistent(input, p);
      return p.stats.unclustered;
    });
    expect(shares[0]).toBeLessThan(shares[2]!);
    expect(shares[0]).toBeLessThanOrEqual(shares[1]!);
    expect(shares[1]).toBeLessThanOrEqual(shares[2]!);
  });

  it('handles empty and tiny inputs', () => {
    expect(planLocalClusters([])).toEqual({
      clusters: [],
      unclusteredIds: [],
      stats: { keywords: 0, clustered: 0, unclustered: 0, unclusteredShare: 0 },
    });
    const one = planLocalClusters([{ id: 'a', keyword: 'kettle', normalized: 'kettle', volume: 5 }]);
    expect(one.unclusteredIds).toEqual(['a']);
  });
});

describe('planLocalClusters on a synthetic set', () => {
  const input = syntheticSet(5000, 11);
  const plan = planLocalClusters(input);

  it('keeps its invariants and leaves few keywords unclustered', () => {
    expectConsistent(input, plan);
    expect(plan.stats.unclusteredShare).toBeLessThan(0.1);
    expect(plan.clusters.length).toBeGreaterThan(100);
  });

  it('is deterministic across runs and input orders', () => {
    expect(planLocalClusters(shuffled(input, 5))).toEqual(plan);
  });

  it('puts keywords with the topic terms of their cluster’s primary keyword', () => {
    // Members of a cluster share at least one topic term with its primary keyword.
    const byId = new Map(input.map((k) => [k.id, k]));
    const terms = (id: string) =>
      new Set(
        tokenize(byId.get(id)!.normalized)
          .filter((t) => t.kind === 'term')
          .map((t) => t.stem),
      );
    let sharing = 0;
    let members = 0;
    for (const c of plan.clusters) {
      const head = terms(c.primaryKeywordId);
      for (const id of c.keywordIds) {
        members++;
        if ([...terms(id)].some((t) => head.has(t))) sharing++;
      }
    }
    expect(sharing / members).toBeGreaterThan(0.95);
  });
});
