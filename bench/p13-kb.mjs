#!/usr/bin/env node
// P13: the knowledge base. Indexing N passages (one Markdown source split into N passages of ~80
// words: extraction, chunking, one transaction of inserts into the passages and the full-text
// index) and retrieving for one article (the writer's per-section retrieval over an 8-section
// outline), at several knowledge-base sizes on SQLite (and PostgreSQL when IGNY8_BENCH_PG_URL is
// set). Baseline, measured in the same run on the same rows: a primary-key read of one passage per
// section. Issue 18 asks for 1,000 passages; the other sizes show how the cost grows.
// Needs the build (`npm run build`), or run from source: IGNY8_BENCH_SOURCE=1 node --import tsx bench/p13-kb.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedTenant } from './lib/bench-helpers.mjs';

const fromSource = process.env.IGNY8_BENCH_SOURCE === '1';
const load = (p) => import(fromSource ? `../src/${p}.ts` : `../dist/src/${p}.js`);
const { createKbService, retrieveForOutline } = await load('kb/index');
const { createDb, migrateUp } = await load('db/index');

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const REPS = Number(process.env.BENCH_REPS ?? 20);
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-bench-p12-'));

// A seeded word stream with a long tail, so the index sees realistic term frequencies.
const WORDS = (
  'coffee espresso grinder burr brew cold ratio water temperature milk froth latte cappuccino roast bean ' +
  'arabica robusta kettle gooseneck pour over chemex aeropress french press moka pot descale scale ' +
  'filter paper extraction bloom crema shot grind coarse fine medium acidity body sweetness bitterness ' +
  'storage airtight fresh stale caffeine decaf single origin blend light dark steam wand pitcher'
).split(' ');
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const sentence = () =>
  Array.from(
    { length: 8 + Math.floor(rand() * 8) },
    () => WORDS[Math.floor(rand() ** 1.6 * WORDS.length)],
  ).join(' ') + ` ${Math.floor(rand() * 1000)}.`;

function markdown(n) {
  const parts = [];
  for (let i = 0; i < n; i++)
    parts.push(`## Section ${i}\n\n${Array.from({ length: 7 }, sentence).join(' ')}`);
  return parts.join('\n\n');
}

const OUTLINE = {
  focusKeyword: 'cold brew ratio',
  sections: [
    'What cold brew is',
    'The right coffee to water ratio',
    'Grind size for cold brew',
    'How long to steep',
    'Filtering and storage',
    'Milk and serving ideas',
    'Common mistakes with bitterness',
    'Frequently asked questions about caffeine',
  ].map((heading) => ({ heading, points: [`${heading.toLowerCase()} explained`], keywords: [] })),
};

async function measure(dialect, url, size) {
  const handle = await createDb(url, { baseDir: dir });
  const db = handle.db;
  await migrateUp(db);
  const t = await seedTenant(db, `p12-${size}`);
  const scope = { accountId: t.accountId, siteId: t.siteId };
  const kb = createKbService({
    db,
    urlGuard: { allowPrivate: false },
    maxPassages: 100_000,
    maxBytes: 1 << 30,
  });
  const bytes = Buffer.from(markdown(size));
  const t0 = process.hrtime.bigint();
  const added = await kb.add(scope, { kind: 'bytes', bytes, fileName: 'bench.md' });
  const indexMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (added.source.passageCount !== size)
    throw new Error(`expected ${size} passages, got ${added.source.passageCount}`);
  const ids = (await db.selectFrom('kb_passages').select('id').limit(8).execute()).map((r) => r.id);

  const retrieve = [];
  const baseline = [];
  let supplied = 0;
  for (let i = 0; i < REPS + 2; i++) {
    const a = process.hrtime.bigint();
    const r = await retrieveForOutline(db, scope, OUTLINE);
    const b = process.hrtime.bigint();
    for (const id of ids)
      await db.selectFrom('kb_passages').selectAll().where('id', '=', id).executeTakeFirst();
    const c = process.hrtime.bigint();
    if (i < 2) continue;
    supplied = r.passages.length;
    retrieve.push(Number(b - a) / 1e6);
    baseline.push(Number(c - b) / 1e6);
  }
  await handle.close();
  return {
    dialect,
    passages: size,
    index_ms: round(indexMs, 1),
    index_us_per_passage: round((indexMs * 1000) / size, 1),
    retrieve_article_p50_ms: round(median(retrieve), 2),
    baseline_pk_reads_p50_ms: round(median(baseline), 2),
    retrieve_vs_baseline: round(median(retrieve) / median(baseline), 1),
    passages_supplied: supplied,
  };
}

const results = [];
try {
  for (const size of SIZES)
    results.push(await measure('sqlite', `sqlite:${path.join(dir, `p12-${size}.db`)}`, size));
  const pg = process.env.IGNY8_BENCH_PG_URL;
  if (pg) {
    const { default: pgLib } = await import('pg');
    for (const size of SIZES) {
      const schema = `bench_p12_${size}_${process.pid}`;
      const admin = new pgLib.Client({ connectionString: pg });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      const u = new URL(pg);
      u.searchParams.set('options', `-c search_path=${schema}`);
      try {
        results.push(await measure('postgres', u.toString(), size));
      } finally {
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
      }
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
const at = (d, n) => results.find((r) => r.dialect === d && r.passages === n);
const first = SIZES[0];
const last = SIZES[SIZES.length - 1];
console.log(
  JSON.stringify(
    {
      id: 'P13',
      what: 'knowledge base: index N passages (one source), retrieve for one 8-section article',
      results,
      growth: Object.fromEntries(
        [...new Set(results.map((r) => r.dialect))].map((d) => [
          d,
          {
            index_per_passage_ratio: round(
              at(d, last).index_us_per_passage / at(d, first).index_us_per_passage,
              2,
            ),
            retrieve_ratio: round(
              at(d, last).retrieve_article_p50_ms / at(d, first).retrieve_article_p50_ms,
              2,
            ),
          },
        ]),
      ),
    },
    null,
    2,
  ),
);
