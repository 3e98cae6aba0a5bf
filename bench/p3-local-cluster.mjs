#!/usr/bin/env node
// P3: local clustering of 100,000 keywords (target ≤ 10 s and ≤ 1 GB RSS on one core). The keywords
// are synthetic (seeded PRNG, head terms × modifiers, 3% one-off noise), never downloaded. Baseline,
// measured in the same run: a plain sort of the same keywords. Also times the database path
// (read new keywords → plan → write clusters in one transaction) on SQLite. Prints one JSON document.
// Needs the build (`npm run build`), or run from source: IGNY8_BENCH_SOURCE=1 node --import tsx bench/p3-local-cluster.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedTenant } from './lib/bench-helpers.mjs';

const fromSource = process.env.IGNY8_BENCH_SOURCE === '1';
const load = (p) => import(fromSource ? `../src/${p}.ts` : `../dist/src/${p}.js`);
const { planLocalClusters, syntheticKeywords, clusterLocal, importKeywords } = await load('planner/index');
const { createDb, migrateUp } = await load('db/index');

const N = Number(process.env.BENCH_KEYWORDS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const round = (x) => Math.round(x * 10) / 10;

function median(fn) {
  const samples = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)], result };
}

const keywords = syntheticKeywords(N, { seed: 42 }).map((k, i) => ({
  id: `k${i}`,
  keyword: k.keyword,
  normalized: k.keyword.toLowerCase(),
  volume: k.volume,
}));

const baseline = median(() =>
  [...keywords].sort((a, b) => (a.normalized < b.normalized ? -1 : a.normalized > b.normalized ? 1 : 0)),
);
const plan = median(() => planLocalClusters(keywords));
const stats = plan.result.stats;
const sizes = plan.result.clusters.map((c) => c.keywordCount).sort((a, b) => a - b);

// The database path on SQLite: the same keywords imported, then clustered by the service.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-bench-p3-'));
const handle = await createDb(`sqlite:${path.join(dir, 'bench.db')}`);
let db_ms = null;
try {
  await migrateUp(handle.db);
  const scope = await seedTenant(handle.db, 'bench');
  const csv = ['Keyword,Volume', ...keywords.map((k) => `${k.keyword},${k.volume}`)].join('\n');
  await importKeywords(handle.db, scope, { bytes: Buffer.from(csv) });
  const t0 = performance.now();
  const r = await clusterLocal(handle.db, scope);
  db_ms = performance.now() - t0;
  if (r.clustered !== stats.clustered)
    throw new Error(`database path clustered ${r.clustered}, plan ${stats.clustered}`);
} finally {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify(
    {
      id: 'P3',
      what: 'local clustering of synthetic keywords',
      keywords: N,
      runs: RUNS,
      baseline_plain_sort_ms: round(baseline.ms),
      plan_ms: round(plan.ms),
      plan_ratio_vs_sort: round(plan.ms / baseline.ms),
      sqlite_cluster_service_ms: round(db_ms),
      sqlite_ratio_vs_sort: round(db_ms / baseline.ms),
      peak_rss_mb: round(peakRssMb),
      clusters: plan.result.clusters.length,
      cluster_size_median: sizes[Math.floor(sizes.length / 2)] ?? 0,
      cluster_size_max: sizes.at(-1) ?? 0,
      clustered: stats.clustered,
      unclustered_share: stats.unclusteredShare,
      target_ms: 10_000,
      target_rss_mb: 1024,
      met: plan.ms <= 10_000 && db_ms <= 10_000 && peakRssMb <= 1024,
    },
    null,
    2,
  ),
);
