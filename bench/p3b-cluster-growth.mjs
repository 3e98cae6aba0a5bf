#!/usr/bin/env node
// P3b: how local clustering grows. planLocalClusters on 10,000, 100,000 and 1,000,000 synthetic
// keywords (seeded, never downloaded), each size in its own process so its peak RSS is its own.
// Per size: planning wall and CPU time, µs of CPU per keyword, peak RSS. The growth figure is the
// per-keyword CPU at the largest size over that at the middle one (same run). Target: 1,000,000 in
// ≤ 20 s and ≤ 1 GB, per-keyword time ≤ 1.3× that at 100,000. Knob: BENCH_P3B_SIZES.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { load, round } from './lib/bench-helpers.mjs';

if (process.argv[2] === '--size') {
  const n = Number(process.argv[3]);
  const { planLocalClusters, syntheticKeywords } = await load('src/planner/index.js');
  const keywords = syntheticKeywords(n, { seed: 42 }).map((k, i) => ({
    id: `k${i}`,
    keyword: k.keyword,
    normalized: k.keyword.toLowerCase(),
    volume: k.volume,
  }));
  const rssBefore = process.memoryUsage().rss;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const plan = planLocalClusters(keywords);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1000;
  console.log(
    JSON.stringify({
      keywords: n,
      plan_wall_s: round(wall / 1000, 2),
      plan_cpu_s: round(cpu / 1000, 2),
      cpu_us_per_keyword: round((cpu * 1000) / n, 1),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      rss_with_input_mb: Math.round(rssBefore / 2 ** 20),
      clusters: plan.clusters.length,
      unclustered_share: plan.stats.unclusteredShare,
    }),
  );
  process.exit(0);
}

const sizes = (process.env.BENCH_P3B_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const runs = [];
for (const n of sizes) {
  process.stderr.write(`[p3b] ${n} keywords\n`);
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--size', String(n)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  runs.push(r.status === 0 ? JSON.parse(r.stdout) : { keywords: n, error: `exit ${r.status}` });
}
const big = runs[runs.length - 1];
const mid = runs[runs.length - 2] ?? big;
const growth = round(big.cpu_us_per_keyword / mid.cpu_us_per_keyword, 2);
console.log(
  JSON.stringify(
    {
      id: 'P3b',
      what: 'local clustering growth: planning time and peak RSS at each size, one process per size',
      target: { largest_wall_s: 20, largest_peak_rss_mb: 1024, per_keyword_growth: 1.3 },
      sizes: runs,
      per_keyword_cpu_growth_largest_vs_previous: growth,
      met: big.plan_wall_s <= 20 && big.peak_rss_mb <= 1024 && growth <= 1.3,
    },
    null,
    2,
  ),
);
