#!/usr/bin/env node
// P8 (batch half): the same run synchronous and in batch mode against the fake provider, measured in
// one run. N tasks are written (stage 4) and given image prompts (stage 5) twice, each time in a
// fresh SQLite database: once synchronously, once with `batch: true` (OpenAI's Batch API on the
// fake). Cost is the usage log's USD at the registry's prices. Target: batch ≤ 0.52× of sync, the
// same article count, no item lost (every task done, none failed, every batched request answered).
// Also reported: time to the first article (first item through stage 5) and to the first written one.
// Knobs: BENCH_P8_ARTICLES (20; the issue's figure is 200), BENCH_P8_BATCH_DELAY_MS (300).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { envInt, fakeProviderConfig, load, round, seedTenant, seedTasks } from './lib/bench-helpers.mjs';

const N = envInt('BENCH_P8_ARTICLES', 20);
const DELAY = envInt('BENCH_P8_BATCH_DELAY_MS', 300);
process.env.IGNY8_BATCH_POLL_MS ??= '50';

const { createCore, ConfigSchema, migrateUp, createDb, sandboxRespond } = await load('src/index.js');
const { createFakeProviderServer } = await load('src/testing/index.js');

async function one(mode, dir) {
  const fake = await createFakeProviderServer({
    seed: 8,
    batchDelayMs: DELAY,
    respond: sandboxRespond,
    recordBodies: false,
  });
  const config = ConfigSchema.parse({
    database: { url: `sqlite:${path.join(dir, `p8-${mode}.db`)}` },
    media: { dir: path.join(dir, `media-${mode}`) },
    ...fakeProviderConfig(fake.url),
  });
  const handle = await createDb(config.database.url);
  await migrateUp(handle.db);
  const core = await createCore({ config, baseDir: dir, db: handle });
  try {
    await core.models.seed();
    const scope = await seedTenant(core.db, `p8${mode}`);
    await core.credits.grant(scope, { opId: 'bench-grant', amount: 100_000_000, pool: 'plan' });
    await seedTasks(core.db, scope, N);
    const t0 = performance.now();
    // Time to first article: the first item through the run's last stage (stage 5), and the first
    // written (stage 4). In batch mode each is bounded below by the batch latency of every stage it
    // went through, since a stage starts once the one before has finished.
    const first = {};
    const run = await core.automation.start(scope, {
      options: { stages: [4, 5], concurrency: 8, maxLinks: 0, batch: mode === 'batch' },
      onEvent(e) {
        if (e.type === 'item' && e.status === 'done') first[e.stage] ??= (performance.now() - t0) / 1000;
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const sum = async (table, col, where = (q) => q) =>
      Number(
        (await where(core.db.selectFrom(table).select((eb) => eb.fn.sum(col).as('s'))).executeTakeFirst())
          .s ?? 0,
      );
    const count = async (table, where = (q) => q) =>
      Number(
        (await where(core.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'))).executeTakeFirst())
          .n,
      );
    return {
      status: run.status,
      seconds: round(seconds),
      first_written_s: round(first[4] ?? NaN),
      first_article_s: round(first[5] ?? NaN),
      usd: round(await sum('usage_log', 'usd'), 6),
      credits: await sum('usage_log', 'credits'),
      tokens: (await sum('usage_log', 'tokens_in')) + (await sum('usage_log', 'tokens_out')),
      articles: await count('contents'),
      tasks_not_done: await count('tasks', (q) => q.where('status', '<>', 'done')),
      failed: run.results['4'].failed + run.results['5'].failed,
      batches: fake.stats.batches.submitted,
      batched_requests: fake.stats.batches.requests,
      unanswered_batch_items: await count('ai_batch_items', (q) => q.where('status', '<>', 'answered')),
    };
  } finally {
    await core.close();
    await handle.close();
    await fake.close();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-p8-'));
try {
  const sync = await one('sync', dir);
  const batch = await one('batch', dir);
  const costRatio = batch.usd / sync.usd;
  const noItemLost =
    batch.articles === N &&
    sync.articles === N &&
    batch.tasks_not_done === 0 &&
    batch.failed === 0 &&
    batch.unanswered_batch_items === 0;
  console.log(
    JSON.stringify(
      {
        bench: 'P8 batch mode vs synchronous (stages 4–5, fake provider, registry prices)',
        articles: N,
        sync,
        batch,
        cost_ratio: round(costRatio, 4),
        credits_ratio: round(batch.credits / sync.credits, 4),
        target_cost_ratio: 0.52,
        same_article_count: batch.articles === sync.articles,
        no_item_lost: noItemLost,
        pass: costRatio <= 0.52 && batch.articles === sync.articles && noItemLost,
      },
      null,
      2,
    ),
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
