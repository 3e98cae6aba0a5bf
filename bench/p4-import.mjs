#!/usr/bin/env node
// P4: keyword import of 1,000,000-row files into SQLite (target ≤ 20 s), for two layouts: a full
// Semrush export (9 columns, quoted trend and SERP-feature cells, ~128 MB) and a narrow CSV
// (Keyword, Volume, KD, CPC; ~45 MB). Files are generated (seeded synthetic keywords × locale
// suffixes), never downloaded. Baseline, measured in the same run on the same file: a raw csv-parse
// pass (no options, records dropped). Also reports the parse-only share (decode, sniff, validate,
// dedupe). Each import runs in a child process of its own, so its peak RSS (maxRSS) is the import's
// alone, not the file generation's or the baseline's. Files from 2 MB parse in a worker thread while
// the main thread inserts; P4_PATHS=worker,thread also imports each file with the parse in the main
// thread (the way before), alternating, for same-run ratios. BENCH_ROWS sets the rows (default 1M).
// Prints one JSON document.
// Needs the build (`npm run build`), or run from source: IGNY8_BENCH_SOURCE=1 node --import tsx bench/p4-import.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { seedTenant } from './lib/bench-helpers.mjs';

const fromSource = process.env.IGNY8_BENCH_SOURCE === '1';
const load = (p) => import(fromSource ? `../src/${p}.ts` : `../dist/src/${p}.js`);
const { importKeywords, parseKeywordFile, syntheticKeywords } = await load('planner/index');
const { createDb, migrateUp } = await load('db/index');

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PATHS = (process.env.P4_PATHS ?? 'worker').split(',');
const round = (x) => Math.round(x * 10) / 10;
if (process.env.P4_IMPORT_FILE) {
  // Child: import one file into a fresh SQLite database and print the figures.
  console.log(JSON.stringify(await importOnly(process.env.P4_IMPORT_FILE)));
  process.exit(0);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-bench-p4-'));

try {
  const cases = [];
  for (const layout of (process.env.P4_LAYOUTS ?? 'semrush,narrow').split(','))
    cases.push(...(await measure(layout)));
  console.log(
    JSON.stringify(
      {
        id: 'P4',
        what: 'keyword import into SQLite (one transaction), per file layout',
        rows: ROWS,
        cases,
        target_ms: 20_000,
        met: cases.filter((c) => c.parse === 'worker').every((c) => c.import_ms <= 20_000),
      },
      null,
      2,
    ),
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

async function measure(layout) {
  const file = path.join(dir, `${layout}.csv`);
  writeCsv(file, layout);
  const bytes = fs.statSync(file).size;

  let t0 = performance.now();
  let records = 0;
  parse(fs.readFileSync(file), {
    on_record: () => {
      records++;
      return null;
    },
  });
  const csvParseMs = performance.now() - t0;

  t0 = performance.now();
  const unique = parseKeywordFile(fs.readFileSync(file)).keywords.length;
  const parseMs = performance.now() - t0;

  const out = [];
  for (const parse of PATHS) out.push({ parse, ...importIn(file, parse, unique) });
  fs.rmSync(file);
  return out.map(({ parse, report, importMs, importCpuMs, mainCpuMs, peakRssMb }) => ({
    layout,
    parse,
    format: report.format,
    rows: report.rows,
    file_mb: round(bytes / 1e6),
    imported: report.imported,
    duplicates: report.duplicates,
    baseline_raw_csv_parse_ms: round(csvParseMs),
    baseline_records: records - 1,
    parse_validate_ms: round(parseMs),
    parse_ratio_vs_csv_parse: round(parseMs / csvParseMs),
    import_ms: round(importMs),
    // CPU time of the import (every thread: the parse worker's too): on a busy machine wall time
    // also counts waiting for a core.
    import_cpu_ms: round(importCpuMs),
    // CPU time of the main thread alone (Linux): with the parse in a worker, what bounds the wall
    // time when a second core is free.
    import_main_thread_cpu_ms: mainCpuMs === null ? null : round(mainCpuMs),
    import_ratio_vs_csv_parse: round(importMs / csvParseMs),
    rows_per_second: Math.round(report.rows / (importMs / 1000)),
    // Peak RSS of the process that only imported (node itself, the database, the import).
    import_peak_rss_mb: peakRssMb,
    parse_validate_note: 'parse_validate_ms is parseKeywordFile (whole file in memory), the import streams',
  }));
}

/** One import of the file in a child process; parse 'thread' keeps the parse in the main thread. */
function importIn(file, parse, unique) {
  const child = spawnSync(process.execPath, [...process.execArgv, new URL(import.meta.url).pathname], {
    env: { ...process.env, P4_IMPORT_FILE: file, P4_PARSE: parse },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`import child exited ${child.status}: ${child.stdout}`);
  const res = JSON.parse(child.stdout);
  if (res.report.imported !== unique) throw new Error(`imported ${res.report.imported}, unique ${unique}`);
  return res;
}

async function importOnly(file) {
  const handle = await createDb(`sqlite:${file}.db`);
  try {
    await migrateUp(handle.db);
    const scope = await seedTenant(handle.db, 'bench');
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const main0 = mainThreadCpuMs();
    const options = process.env.P4_PARSE === 'thread' ? { workerMinBytes: Infinity } : {};
    const report = await importKeywords(handle.db, scope, { file }, options);
    const importMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const mainCpuMs = main0 === null ? null : mainThreadCpuMs() - main0;
    const stored = await handle.db
      .selectFrom('keywords')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(stored.n) !== report.imported)
      throw new Error(`stored ${stored.n}, reported ${report.imported}`);
    const { format, rows, imported, duplicates } = report;
    return {
      report: { format, rows, imported, duplicates },
      importMs,
      importCpuMs: (cpu.user + cpu.system) / 1000,
      mainCpuMs,
      peakRssMb: round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await handle.close();
    fs.rmSync(`${file}.db`, { force: true });
  }
}

/** CPU time of this process's main thread (its task's utime + stime), or null off Linux. */
function mainThreadCpuMs() {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime) in clock ticks, usually 100 per second.
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** ROWS data rows: 100k synthetic keywords, each also with locale suffixes. */
function writeCsv(file, layout) {
  const base = syntheticKeywords(Math.min(ROWS, 100_000), { seed: 4 });
  const suffixes = [
    '',
    ' uk',
    ' usa',
    ' canada',
    ' australia',
    ' online',
    ' 2026',
    ' reddit',
    ' amazon',
    ' ireland',
  ];
  const intents = [
    'Commercial',
    'Informational',
    '"Informational, Commercial"',
    'Transactional',
    'Navigational',
  ];
  const out = fs.openSync(file, 'w');
  const trend = '"0.81,0.66,0.75,0.62,0.62,0.98,0.85,0.65,0.51,0.75,0.84,0.71"';
  let buf =
    layout === 'semrush'
      ? 'Keyword,Intent,Volume,Trend,Keyword Difficulty,CPC (USD),Competitive Density,SERP Features,Number of Results\r\n'
      : 'Keyword,Volume,KD,CPC\n';
  for (let i = 0; i < ROWS; i++) {
    const k = base[i % base.length];
    const suffix = suffixes[Math.floor(i / base.length) % suffixes.length];
    const cpc = ((i % 700) / 100).toFixed(2);
    buf +=
      layout === 'semrush'
        ? `${k.keyword}${suffix},${intents[i % 5]},${k.volume},${trend},${i % 101},${cpc},` +
          `0.${i % 100},"Featured snippet, People also ask, Video",${1000 + i}\r\n`
        : `${k.keyword}${suffix},${k.volume},${i % 101},${cpc}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(out, buf);
      buf = '';
    }
  }
  fs.writeSync(out, buf);
  fs.closeSync(out);
}
