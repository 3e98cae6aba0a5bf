#!/usr/bin/env node
// P14: Search Console import (issue 19: "importing 1,000,000 Search Console rows is benchmarked").
// Generated per-day CSVs (Date, Page, Query, Clicks, Impressions, CTR, Position: the Looker Studio /
// Sheets layout; ~2,000 pages, one row per day × page × query) of 100k, 300k and 1,000,000 rows are
// imported with `igny8 gsc import`'s core function (streamed, domain check, one transaction that
// replaces the range) into a fresh SQLite database, and PostgreSQL when IGNY8_BENCH_PG_URL is set.
// Each import runs in a child process of its own, so its peak RSS is the import's alone: the sizes
// show how time and memory grow. Baseline, in the same run on the same file: a streaming csv-parse
// pass that drops the records. Prints one JSON document.
// Needs the build (`npm run build`), or run from source: IGNY8_BENCH_SOURCE=1 node --import tsx bench/p14-gsc-import.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import { seedTenant } from './lib/bench-helpers.mjs';

const fromSource = process.env.IGNY8_BENCH_SOURCE === '1';
const load = (p) => import(fromSource ? `../src/${p}.ts` : `../dist/src/${p}.js`);
const SIZES = (process.env.BENCH_SIZES ?? '100000,300000,1000000').split(',').map(Number);
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

if (process.env.P14_FILE) {
  console.log(JSON.stringify(await importOnly(process.env.P14_FILE, process.env.P14_DB)));
  process.exit(0);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-bench-p14-'));
const results = [];
try {
  for (const rows of SIZES) {
    const file = path.join(dir, `gsc-${rows}.csv`);
    writeCsv(file, rows);
    const bytes = fs.statSync(file).size;
    const baselineMs = await rawParseMs(file);
    const targets = [['sqlite', `sqlite:${path.join(dir, `gsc-${rows}.db`)}`]];
    const pg = process.env.IGNY8_BENCH_PG_URL;
    if (pg) targets.push(['postgres', pg]);
    for (const [dialect, url] of targets) {
      const r =
        dialect === 'postgres' ? await inPgSchema(url, rows, (u) => child(file, u)) : child(file, url);
      results.push({
        dialect,
        rows,
        file_mb: round(bytes / 1e6),
        seconds: round(r.importMs / 1000, 2),
        cpu_seconds: round(r.importCpuMs / 1000, 2),
        rows_per_second: Math.round(rows / (r.importMs / 1000)),
        peak_rss_mb: r.peakRssMb,
        stored: r.stored,
        baseline_raw_csv_parse_seconds: round(baselineMs / 1000, 2),
        ratio_vs_raw_csv_parse: round(r.importMs / baselineMs, 2),
      });
    }
    fs.rmSync(file);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
const at = (d, n) => results.find((r) => r.dialect === d && r.rows === n);
const first = SIZES[0];
const last = SIZES[SIZES.length - 1];
console.log(
  JSON.stringify(
    {
      id: 'P14',
      what: 'Search Console CSV import (streamed, one transaction), growth over file sizes',
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 1e9)} GB, Node ${process.version}`,
      results,
      growth: Object.fromEntries(
        [...new Set(results.map((r) => r.dialect))].map((d) => [
          d,
          {
            time_per_row_ratio_last_vs_first: round(
              at(d, last).seconds / last / (at(d, first).seconds / first),
              2,
            ),
            peak_rss_ratio_last_vs_first: round(at(d, last).peak_rss_mb / at(d, first).peak_rss_mb, 2),
          },
        ]),
      ),
    },
    null,
    2,
  ),
);

/** Rows spread over days (≈ 11,000 a day), ~2,000 pages, a query per row: unique day × page × query. */
function writeCsv(file, rows) {
  const fd = fs.openSync(file, 'w');
  const words = [
    'cold brew',
    'espresso',
    'moka pot',
    'grinder',
    'french press',
    'latte art',
    'decaf',
    'pour over',
  ];
  let buf = 'Date,Landing Page,Query,Clicks,Impressions,CTR,Average Position\n';
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < rows; i++) {
    const day = new Date(start + Math.floor(i / 11_000) * 86_400_000).toISOString().slice(0, 10);
    const page = `https://www.example.com/${words[i % 8].replace(' ', '-')}/guide-${(i * 7919) % 2000}`;
    const impressions = 1 + ((i * 31) % 400);
    const clicks = (i * 13) % (impressions + 1) > impressions / 2 ? Math.floor(impressions / 10) : 0;
    const position = 1 + ((i * 17) % 900) / 10;
    buf += `${day},${page},how to ${words[(i >> 3) % 8]} ${i},${clicks},${impressions},${((clicks / impressions) * 100).toFixed(1)}%,${position.toFixed(1)}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

async function rawParseMs(file) {
  const t0 = performance.now();
  let n = 0;
  for await (const _ of fs.createReadStream(file).pipe(parse())) n++;
  if (n < 2) throw new Error('baseline parsed nothing');
  return performance.now() - t0;
}

function child(file, dbUrl) {
  const c = spawnSync(process.execPath, [...process.execArgv, new URL(import.meta.url).pathname], {
    env: { ...process.env, P14_FILE: file, P14_DB: dbUrl },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  if (c.status !== 0) throw new Error(`import child exited ${c.status}: ${c.stdout}`);
  return JSON.parse(c.stdout.trim().split('\n').pop());
}

async function inPgSchema(url, rows, fn) {
  const { default: pgLib } = await import('pg');
  const schema = `bench_p14_${rows}_${process.pid}`;
  const admin = new pgLib.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  try {
    return fn(u.toString());
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

async function importOnly(file, dbUrl) {
  const { importGscFile } = await load('search-console/index');
  const { createDb, migrateUp } = await load('db/index');
  const handle = await createDb(dbUrl);
  try {
    await migrateUp(handle.db);
    const t = await seedTenant(handle.db, 'bench');
    await handle.db.updateTable('sites').set({ domain: 'example.com' }).where('id', '=', t.siteId).execute();
    const scope = { accountId: t.accountId, siteId: t.siteId };
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const report = await importGscFile(handle.db, scope, { file });
    const importMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const n = await handle.db
      .selectFrom('search_console_rows')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n.n) !== report.stored) throw new Error(`stored ${n.n}, reported ${report.stored}`);
    return {
      importMs,
      importCpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      stored: report.stored,
    };
  } finally {
    await handle.close();
  }
}
