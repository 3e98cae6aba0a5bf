#!/usr/bin/env node
// P12: does the pipeline's cost per article stay flat as a site grows? At each size (about 100,
// 1,000 and 5,000 articles) a fresh workspace (`igny8 init`, sandbox provider: no keys, no network)
// imports seeded synthetic keywords and runs stages 1–3 (clusters, ideas, tasks), then writes every
// task in two runs of stages 4–7 (articles, image prompts, images, review with internal links): the
// first capped at about half the tasks, which cuts some clusters as a daily cap does, the second
// writing the rest. An article written in the first run before its siblings gets its links when they
// land (stage 7 revisits it). The figure is the CPU time (user + system, the child's own, printed by
// an --import hook at exit) of both stage 4–7 runs per article, less the CLI's start (`igny8 runs
// list` in the same workspace, once per run); coverage is the share of articles that got link
// suggestions. Target: CPU per article at the largest size ≤ 1.1× the smallest, coverage 100% at
// every size.
// Knobs: BENCH_P12_SIZES (default 100,1000,5000), BENCH_P12_KEEP=1 keeps the workspaces. Needs the build (`npm run bench` builds).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { load, round, root } from './lib/bench-helpers.mjs';

const SIZES = (process.env.BENCH_P12_SIZES ?? '100,1000,5000').split(',').map(Number);
const bin = path.join(root, 'bin/igny8.js');
const cpuHook = `data:text/javascript,${encodeURIComponent(
  "process.on('exit',()=>{const c=process.cpuUsage();process.stderr.write('\\n@@cpu '+(c.user+c.system)/1000+'\\n')})",
)}`;
const { syntheticKeywords } = await load('src/planner/index.js');

function igny8(cwd, args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', cpuHook, bin, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.status !== 0) throw new Error(`igny8 ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-1500)}`);
  return {
    seconds: (performance.now() - t0) / 1000,
    cpuMs: Number(/@@cpu ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN),
  };
}

function countTasks(dir) {
  const db = new Database(path.join(dir, 'igny8.db'), { readonly: true });
  const n = db.prepare('select count(*) n from tasks').get().n;
  db.close();
  return n;
}

function runSize(n) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-p12-'));
  try {
    igny8(dir, ['init', '--yes']);
    // About 1.3 keywords per idea with three ideas per cluster (measured: 204 keywords, 156 ideas).
    const file = path.join(dir, 'keywords.csv');
    const rows = syntheticKeywords(Math.ceil(n * 1.31), { seed: 12 }).map((k) => `${k.keyword},${k.volume}`);
    fs.writeFileSync(file, `keyword,volume\n${rows.join('\n')}\n`);
    igny8(dir, ['keywords', 'import', file, '--json']);
    const plan = igny8(dir, ['run', '--stages', '1-3', '--ideas-per-cluster', '3', '--force', '--json']);
    const tasks = countTasks(dir);
    // Run 1 stops at about half the tasks (cutting clusters); run 2 writes the rest.
    const first = igny8(dir, [
      'run',
      '--stages',
      '4-7',
      '--max-items',
      String(Math.ceil(tasks / 2) + 1),
      '--force',
      '--json',
    ]);
    const second = igny8(dir, ['run', '--stages', '4-7', '--force', '--json']);
    const write = { seconds: first.seconds + second.seconds, cpuMs: first.cpuMs + second.cpuMs };
    // The CLI's own start (module loading, opening the database) is not the pipeline's cost.
    const start = igny8(dir, ['runs', 'list', '--json']);
    const db = new Database(path.join(dir, 'igny8.db'), { readonly: true });
    const articles = db.prepare('select count(*) n from contents').get().n;
    const firstRunArticles = db
      .prepare(`select count(*) n from run_items where stage = 4 and status = 'done' and run_id = ?`)
      .get(db.prepare(`select id from automation_runs order by created_at limit 1 offset 1`).get().id).n;
    const linked = db
      .prepare(
        `select count(*) n from contents where link_suggestions is not null and link_suggestions not in ('[]', 'null')`,
      )
      .get().n;
    // Articles of run 1 relinked by stage 7 when their siblings landed in run 2.
    const revisits = db
      .prepare(
        `select count(*) n from usage_log where operation = 'suggest_links' and op_id like 'links:%:after:%'`,
      )
      .get().n;
    db.close();
    return {
      target_articles: n,
      keywords: rows.length,
      articles,
      plan_seconds: round(plan.seconds, 1),
      plan_cpu_s: round(plan.cpuMs / 1000, 1),
      tasks,
      write_seconds: round(write.seconds, 1),
      write_cpu_s: round(write.cpuMs / 1000, 1),
      cli_start_cpu_ms: round(start.cpuMs, 0),
      first_run_articles: firstRunArticles,
      cpu_ms_per_article: round((write.cpuMs - 2 * start.cpuMs) / Math.max(1, articles), 1),
      link_coverage: round(linked / Math.max(1, articles), 4),
      link_revisits: revisits,
    };
  } finally {
    if (process.env.BENCH_P12_KEEP) process.stderr.write(`[p12] kept ${dir}\n`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

const sizes = [];
for (const n of SIZES) {
  process.stderr.write(`[p12] about ${n} articles\n`);
  sizes.push(runSize(n));
}
const small = sizes[0];
const big = sizes[sizes.length - 1];
const growth = round(big.cpu_ms_per_article / small.cpu_ms_per_article, 2);
console.log(
  JSON.stringify(
    {
      id: 'P12',
      what: 'pipeline growth: CPU per article and link-suggestion coverage at each site size (sandbox provider)',
      target: { cpu_per_article_growth: 1.1, link_coverage: 1 },
      sizes,
      cpu_per_article_growth_largest_vs_smallest: growth,
      met: growth <= 1.1 && sizes.every((s) => s.link_coverage === 1),
    },
    null,
    2,
  ),
);
