#!/usr/bin/env node
// `npm run bench`: builds, runs every bench/p*.mjs in order, and prints one JSON array of results.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(dir, '..');
const only = process.argv.slice(2);
const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const files = fs
  .readdirSync(dir)
  .filter((f) => /^p\d.*\.mjs$/.test(f))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o.toLowerCase())))
  .sort();
const results = [];
for (const f of files) {
  process.stderr.write(`[bench] ${f}\n`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [path.join(dir, f)], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  });
  let parsed;
  try {
    parsed = JSON.parse(r.stdout);
  } catch {
    parsed = { file: f, error: `exit ${r.status}`, output: r.stdout.slice(-2000) };
  }
  results.push({ file: f, seconds: Math.round((Date.now() - t0) / 100) / 10, ...parsed });
}
const out = path.join(root, 'bench', 'results.json');
fs.writeFileSync(
  out,
  JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2),
);
console.log(JSON.stringify(results, null, 2));
