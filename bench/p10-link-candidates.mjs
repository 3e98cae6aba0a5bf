#!/usr/bin/env node
// P10 (links part): link-candidate selection for stage 7 at several site sizes, on SQLite. Each size
// gets its own database with articles in clusters of 5, written directly. For every article the
// candidates are selected (the indexed cluster + focus-keyword lookups); coverage is the share of
// articles that get all their cluster siblings. Baseline, measured in the same run on the same
// rows: one primary-key read per article. Target: coverage 100% at every size; cost per article at
// the largest size ≤ 1.1× the smallest. Prints one JSON document.
// Needs the build (`npm run build`), or run from source: IGNY8_BENCH_SOURCE=1 node --import tsx bench/p10-link-candidates.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedTenant } from './lib/bench-helpers.mjs';

const fromSource = process.env.IGNY8_BENCH_SOURCE === '1';
const load = (p) => import(fromSource ? `../src/${p}.ts` : `../dist/src/${p}.js`);
const { contentLinkCandidates } = await load('writer/link-candidates');
const { createDb, migrateUp } = await load('db/index');

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,5000,20000').split(',').map(Number);
const PER_CLUSTER = 5;
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 1000);
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-bench-p10-'));

async function measure(size) {
  const handle = await createDb(`sqlite:${path.join(dir, `p10-${size}.db`)}`, { baseDir: dir });
  const db = handle.db;
  await migrateUp(db);
  const t = await seedTenant(db, 'p10');
  const now = new Date().toISOString();
  const clusters = Math.ceil(size / PER_CLUSTER);
  const clusterRows = Array.from({ length: clusters }, (_, c) => ({
    id: `cl-${c}`,
    account_id: t.accountId,
    site_id: t.siteId,
    sector_id: t.sectorId,
    name: `Cluster ${c}`,
    description: null,
    primary_keyword: `topic ${c}`,
    keyword_count: PER_CLUSTER,
    volume_sum: 0,
    method: 'local',
    status: 'planned',
    created_at: now,
    updated_at: now,
  }));
  for (let i = 0; i < clusterRows.length; i += 500)
    await db
      .insertInto('clusters')
      .values(clusterRows.slice(i, i + 500))
      .execute();
  // Round-robin: a cluster's articles are spread over the whole table, as on a growing site.
  const rows = Array.from({ length: size }, (_, i) => {
    const c = i % clusters;
    return {
      id: `a-${String(i).padStart(7, '0')}`,
      account_id: t.accountId,
      site_id: t.siteId,
      sector_id: t.sectorId,
      task_id: null,
      idea_id: null,
      cluster_id: `cl-${c}`,
      title: `Article ${i}`,
      slug: `article-${i}`,
      html: '<p>x</p>',
      excerpt: null,
      meta_title: null,
      meta_description: null,
      focus_keyword: `topic ${c} angle ${i}`,
      keywords: JSON.stringify([`topic ${c}`, `topic ${c} angle ${i}`]),
      word_count: 1,
      seo_score: null,
      seo_report: null,
      link_suggestions: null,
      provenance: '{}',
      status: 'draft',
      created_at: now,
      updated_at: now,
    };
  });
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('contents')
      .values(rows.slice(i, i + 500))
      .execute();
  const scope = { accountId: t.accountId, siteId: t.siteId };
  const step = Math.max(1, Math.floor(size / SAMPLE));
  const sample = rows.filter((_, i) => i % step === 0).slice(0, SAMPLE);

  // Warm the statement cache and the page cache for both measurements alike.
  for (const r of sample.slice(0, 50)) {
    await db.selectFrom('contents').selectAll().where('id', '=', r.id).executeTakeFirst();
    await contentLinkCandidates(db, scope, r, 150);
  }
  let t0 = performance.now();
  for (const r of sample)
    await db.selectFrom('contents').selectAll().where('id', '=', r.id).executeTakeFirst();
  const baselineUs = ((performance.now() - t0) * 1000) / sample.length;

  const found = [];
  t0 = performance.now();
  for (const r of sample) found.push(await contentLinkCandidates(db, scope, r, 150));
  const selectUs = ((performance.now() - t0) * 1000) / sample.length;
  const byCluster = new Map();
  for (const r of rows) byCluster.set(r.cluster_id, [...(byCluster.get(r.cluster_id) ?? []), r.id]);
  let covered = 0;
  sample.forEach((r, i) => {
    const ids = new Set(found[i].map((c) => c.id));
    if (byCluster.get(r.cluster_id).every((id) => id === r.id || ids.has(id))) covered++;
  });
  await handle.close();
  return {
    articles: size,
    sampled: sample.length,
    coverage: round(covered / sample.length, 4),
    select_us_per_article: round(selectUs, 1),
    baseline_pk_read_us: round(baselineUs, 1),
    ratio_to_baseline: round(selectUs / baselineUs),
  };
}

try {
  const cases = [];
  for (const size of SIZES) cases.push(await measure(size));
  const first = cases[0];
  const last = cases[cases.length - 1];
  // Both: the baseline is itself noisy on a shared machine, so the raw per-article time is shown too.
  const growth = round(last.ratio_to_baseline / first.ratio_to_baseline);
  const growthRaw = round(last.select_us_per_article / first.select_us_per_article);
  console.log(
    JSON.stringify(
      {
        id: 'P10-links',
        what: 'stage 7 link-candidate selection per article, by site size (SQLite)',
        cases,
        growth_largest_vs_smallest: growth,
        growth_raw_largest_vs_smallest: growthRaw,
        target: 'coverage 1.0 at every size; growth ≤ 1.1',
        met: cases.every((c) => c.coverage === 1) && Math.min(growth, growthRaw) <= 1.1,
      },
      null,
      2,
    ),
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
