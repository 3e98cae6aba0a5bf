#!/usr/bin/env node
// The median of several runs of the same benches, figure by figure, as one results file that
// `npm run bench:compare` reads. One run on a 2-core machine moves by ±20% (more under load), so an
// A/B of two builds compares medians of interleaved runs (base, now, base, now, ...), not one each.
//
//   node bench/median.mjs OUT.json RUN1.json RUN2.json [RUN3.json ...]
//
// Each RUN is a bench/results.json or the JSON one bench/p*.mjs printed. Numbers are replaced by
// their median across the runs (arrays are matched by position); anything else is the first run's.
import fs from 'node:fs';

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length < 1) {
  process.stderr.write('usage: node bench/median.mjs OUT.json RUN1.json [RUN2.json ...]\n');
  process.exit(2);
}

/** A run as the list of bench results it holds, keyed by bench id (or file). */
function benches(file) {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  const list = Array.isArray(data.results) ? data.results : [data];
  return new Map(list.map((r) => [r.id ?? r.bench ?? r.file, r]));
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : Math.round(((s[m - 1] + s[m]) / 2) * 1e4) / 1e4;
}

function merge(values) {
  const first = values[0];
  if (typeof first === 'number') {
    const nums = values.filter((v) => typeof v === 'number');
    return median(nums);
  }
  if (Array.isArray(first)) return first.map((_, i) => merge(values.map((v) => v?.[i])));
  if (first && typeof first === 'object') {
    return Object.fromEntries(Object.keys(first).map((k) => [k, merge(values.map((v) => v?.[k]))]));
  }
  return first;
}

const runs = inputs.map(benches);
const results = [...runs[0].keys()].map((id) => merge(runs.map((r) => r.get(id)).filter(Boolean)));
fs.writeFileSync(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), note: `median of ${inputs.length} runs: ${inputs.join(', ')}`, results }, null, 2)}\n`,
);
