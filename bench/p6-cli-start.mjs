#!/usr/bin/env node
// P6: `igny8 --help` start time (target ≤ 0.4 s), with a bare `node -e ""` start as the baseline
// measured in the same run. Needs the build (`npm run build`). Prints one JSON document.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 15);

function time(args) {
  const samples = [];
  for (let i = 0; i < runs + 2; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    if (i >= 2) samples.push(ms); // the first two warm the file cache
  }
  samples.sort((a, b) => a - b);
  const q = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
  return { median_ms: round(q(0.5)), p90_ms: round(q(0.9)), min_ms: round(samples[0]) };
}

const round = (x) => Math.round(x * 10) / 10;
const baseline = time(['-e', '']);
const help = time([path.join(root, 'bin/igny8.js'), '--help']);
const result = {
  id: 'P6',
  what: 'igny8 --help start time',
  runs,
  baseline_node_empty: baseline,
  igny8_help: help,
  ratio_vs_node_empty: round(help.median_ms / baseline.median_ms),
  target_ms: 400,
  met: help.median_ms <= 400,
};
console.log(JSON.stringify(result, null, 2));
