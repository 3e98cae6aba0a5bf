#!/usr/bin/env node
// P9: reads at scale. For each size (1,000 and 100,000 rows per table by default) a SQLite workspace
// gets that many keywords, clusters, ideas, tasks, articles (with a 3 KB body and an SEO report) and
// usage rows; the real API (`createServer(core)`, API-key auth) runs in this process and every list
// and search route is asked, one request at a time, for its first and its last page. The figure is
// the p50 per route and page; the ratio is p50 at the largest size over p50 at the smallest (same
// run). Target: ratio ≤ 2 and p50 ≤ 25 ms at 100,000.
// Knobs: BENCH_P9_SIZES (1000,100000), BENCH_P9_REQUESTS (100 per route and page), BENCH_P9_WARMUPS
// (20 unmeasured requests before them), BENCH_P9_ONLY
// (route names, comma-separated), BENCH_P9_KEEP (keep the database files).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { envInt, load, quantile, round, seedTenant } from './lib/bench-helpers.mjs';

const SIZES = (process.env.BENCH_P9_SIZES ?? '1000,100000').split(',').map(Number);
// 25 requests after 2 warm-ups measured the JIT at the first size: its p50s were 2.5-4 ms where 200
// requests settle at 1.2-1.8 ms, and they moved 10-20% between identical runs.
const REQUESTS = envInt('BENCH_P9_REQUESTS', 100);
const WARMUPS = envInt('BENCH_P9_WARMUPS', 20);
const PAGE = 50;

const { createCore, ConfigSchema, createDb, migrateUp } = await load('src/index.js');
const { createServer } = await load('server/create-server.js');
const { createLogger } = await load('server/logger.js');

const WORDS = [
  'coffee',
  'espresso',
  'brew',
  'grinder',
  'beans',
  'roast',
  'latte',
  'filter',
  'kettle',
  'milk',
];
const phrase = (i) => `${WORDS[i % 10]} ${WORDS[Math.floor(i / 10) % 10]} ${WORDS[Math.floor(i / 100) % 10]}`;
const BODY = `<p>${'Cold brew is coffee steeped in cold water for many hours. '.repeat(50)}</p>`;
const REPORT = JSON.stringify({
  score: 80,
  wordCount: 500,
  readingEase: 60,
  checks: Array.from({ length: 12 }, (_, i) => ({
    id: `c${i}`,
    label: `Check ${i}`,
    passed: true,
    weight: 5,
    detail: 'A sentence explaining the check result in some detail.',
    severity: 'ok',
  })),
});

async function openCore(file) {
  const config = ConfigSchema.parse({ database: { url: `sqlite:${file}` }, log: { level: 'error' } });
  const handle = await createDb(config.database.url);
  await migrateUp(handle.db);
  const core = await createCore({ config, baseDir: path.dirname(file), db: handle });
  return { core, handle };
}

/** Raw rows straight through better-sqlite3 (one transaction): the bench measures reads, not seeding. */
function seedRows(file, t, n) {
  const db = new Database(file);
  const at = (i) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  const kw = db.prepare(
    `insert into keywords (id, account_id, site_id, sector_id, keyword, normalized, volume, difficulty, cpc, intent, source, cluster_id, status, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, null, null, 'bench', ?, 'clustered', ?, ?)`,
  );
  const cl = db.prepare(
    `insert into clusters (id, account_id, site_id, sector_id, name, description, primary_keyword, keyword_count, volume_sum, method, status, created_at, updated_at)
     values (?, ?, ?, ?, ?, null, ?, 1, ?, 'local', 'new', ?, ?)`,
  );
  const idea = db.prepare(
    `insert into ideas (id, account_id, site_id, sector_id, cluster_id, title, brief, outline, primary_keywords, secondary_keywords, target_words, content_type, structure, source, status, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, '{"sections":[]}', '[]', '[]', 1200, 'post', 'guide', 'ai', 'queued', ?, ?)`,
  );
  const task = db.prepare(
    `insert into tasks (id, account_id, site_id, sector_id, idea_id, prompt_override, attempts, error, status, created_at, updated_at)
     values (?, ?, ?, ?, ?, null, 1, null, 'done', ?, ?)`,
  );
  const content = db.prepare(
    `insert into contents (id, account_id, site_id, sector_id, task_id, idea_id, cluster_id, title, slug, html, excerpt, meta_title, meta_description, focus_keyword, keywords, word_count, seo_score, seo_report, link_suggestions, provenance, status, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'An excerpt.', ?, 'A description.', ?, '[]', 500, 80, ?, null, '{}', 'review', ?, ?)`,
  );
  const usage = db.prepare(
    `insert into usage_log (id, account_id, site_id, op_id, operation, provider, model, tokens_in, tokens_out, tokens_cached, images, credits, usd, object_type, object_id, status, error, created_at)
     values (?, ?, ?, ?, 'write', 'sandbox', 'sandbox-text', 100, 900, 0, 0, 2, 0, null, null, 'ok', null, ?)`,
  );
  const s = [t.accountId, t.siteId, t.sectorId];
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = String(i).padStart(7, '0');
      const title = `${phrase(i)} guide ${i}`;
      cl.run(`cl-${id}`, ...s, `${phrase(i)} ${i}`, phrase(i), i % 5000, at(i), at(i));
      kw.run(
        `kw-${id}`,
        ...s,
        `${phrase(i)} ${i}`,
        `${phrase(i)} ${i}`,
        (i * 7919) % 50_000,
        i % 100,
        `cl-${id}`,
        at(i),
        at(i),
      );
      idea.run(`id-${id}`, ...s, `cl-${id}`, title, `A brief about ${phrase(i)}.`, at(i), at(i));
      task.run(`tk-${id}`, ...s, `id-${id}`, at(i), at(i));
      content.run(
        `ct-${id}`,
        ...s,
        `tk-${id}`,
        `id-${id}`,
        `cl-${id}`,
        title,
        `slug-${id}`,
        BODY,
        title,
        `${phrase(i)} ${i}`,
        REPORT,
        at(i),
        at(i),
      );
      usage.run(`us-${id}`, t.accountId, t.siteId, `op-${id}`, at(i));
    }
  })();
  db.exec('analyze');
  db.close();
}

/**
 * p50/p95 of REQUESTS sequential GETs (after WARMUPS unmeasured ones), and the body size of one. The
 * server is in this process and requests go one at a time, so the process's CPU time over a request is
 * that request's cost: on a loaded machine it is the steadier figure (wall time waits for other work).
 */
async function measure(base, headers, p) {
  let bytes = 0;
  const lat = [];
  const cpu = [];
  for (let i = 0; i < REQUESTS + WARMUPS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = await fetch(`${base}${p}`, { headers });
    const body = await res.arrayBuffer();
    const ms = performance.now() - t0;
    if (res.status !== 200)
      throw new Error(`GET ${p} → ${res.status}: ${Buffer.from(body).toString().slice(0, 300)}`);
    const c = process.cpuUsage(c0);
    bytes = body.byteLength;
    if (i >= WARMUPS) {
      lat.push(ms);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  lat.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    p50_ms: round(quantile(lat, 0.5)),
    p95_ms: round(quantile(lat, 0.95)),
    cpu_p50_ms: round(quantile(cpu, 0.5)),
    bytes,
  };
}

async function runSize(n) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-p9-'));
  const file = path.join(dir, 'p9.db');
  const { core, handle } = await openCore(file);
  const t = await seedTenant(core.db, 'p9');
  const { key } = await core.tenancy.createApiKey(t, { name: 'bench', role: 'admin' });
  await core.close();
  await handle.close();
  const s0 = Date.now();
  seedRows(file, t, n);
  const seedSeconds = (Date.now() - s0) / 1000;
  const opened = await openCore(file);
  const app = createServer(opened.core, {
    logger: createLogger('error'),
    rateLimits: Object.fromEntries(
      ['ai', 'image', 'content_read', 'content_write', 'auth', 'auth_strict', 'planner', 'billing'].map(
        (k) => [k, 1e9],
      ),
    ),
  });
  const server = await new Promise((r) => {
    const srv = app.listen(0, '127.0.0.1', () => r(srv));
  });
  const base = `http://127.0.0.1:${server.address().port}/api/v1`;
  const headers = { authorization: `ApiKey ${key}` };
  const last = Math.ceil(n / PAGE);
  const rare = encodeURIComponent(`${phrase(n - 7)} guide ${n - 7}`);
  const routes = {
    keywords: `/keywords?siteId=${t.siteId}`,
    clusters: `/clusters?siteId=${t.siteId}`,
    ideas: `/ideas?siteId=${t.siteId}`,
    tasks: `/tasks?siteId=${t.siteId}`,
    content: `/content?siteId=${t.siteId}`,
    content_all_sites: `/content?x=1`,
    credits_usage: `/credits/usage?x=1`,
    content_search: `/content?search=${rare}`,
    ideas_search: `/ideas?search=${rare}`,
  };
  const out = {};
  for (const [name, p] of Object.entries(routes)) {
    if (process.env.BENCH_P9_ONLY && !process.env.BENCH_P9_ONLY.split(',').includes(name)) continue;
    const paged = !name.endsWith('_search');
    out[name] = {
      first: await measure(base, headers, `${p}&page=1&page_size=${PAGE}`),
      ...(paged ? { last: await measure(base, headers, `${p}&page=${last}&page_size=${PAGE}`) } : {}),
    };
  }
  out.search_no_keywords = {
    first: await measure(base, headers, `/search?q=${rare}&types=cluster,idea,content`),
  };
  // The keywords were seeded raw, as an import leaves them: the first search that includes keywords
  // indexes them (migration 0034's catch-up) and is reported on its own, not in the route's p50.
  const c0 = performance.now();
  const caughtUp = await fetch(`${base}/search?q=${rare}&types=keyword`, { headers });
  await caughtUp.arrayBuffer();
  const keywordIndexCatchUpMs = round(performance.now() - c0);
  out.search_all_types = { first: await measure(base, headers, `/search?q=${rare}`) };
  server.closeAllConnections();
  server.close();
  await opened.core.close();
  await opened.handle.close();
  if (process.env.BENCH_P9_KEEP) process.stderr.write(`[p9] kept ${file}\n`);
  else fs.rmSync(dir, { recursive: true, force: true });
  return {
    rows: n,
    seed_seconds: round(seedSeconds, 1),
    keyword_index_catch_up_ms: keywordIndexCatchUpMs,
    routes: out,
  };
}

const results = [];
for (const n of SIZES) {
  process.stderr.write(`[p9] ${n} rows\n`);
  results.push(await runSize(n));
}
const small = results[0];
const big = results[results.length - 1];
const growth = {};
let met = true;
for (const [name, r] of Object.entries(big.routes)) {
  for (const [pg, m] of Object.entries(r)) {
    const s = small.routes[name][pg];
    const ratio = round(m.p50_ms / s.p50_ms);
    const cpuRatio = round(m.cpu_p50_ms / s.cpu_p50_ms);
    const ok = ratio <= 2 && m.p50_ms <= 25;
    growth[`${name}.${pg}`] = {
      p50_small_ms: s.p50_ms,
      p50_big_ms: m.p50_ms,
      ratio,
      cpu_p50_small_ms: s.cpu_p50_ms,
      cpu_p50_big_ms: m.cpu_p50_ms,
      cpu_ratio: cpuRatio,
      met: ok,
    };
    if (!ok) met = false;
  }
}
console.log(
  JSON.stringify(
    {
      id: 'P9',
      what: `API list and search routes, first and last page, ${SIZES.join(' vs ')} rows per table`,
      target: { ratio_big_vs_small: 2, p50_ms: 25 },
      growth,
      sizes: results,
      met,
    },
    null,
    2,
  ),
);
