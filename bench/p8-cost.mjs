#!/usr/bin/env node
// P8 (synchronous half): prompt caching and the economy profile, against the fake provider (own
// process), which reports cached tokens only for repeated prefixes above each provider's minimum.
//  - cache: stage 4 (write) for ARTICLES articles of one site on the default text model (gpt-5.1):
//    the share of the writing stage's input tokens read from the prompt cache (target ≥ 0.60);
//  - economy: stages 4–7 (article, image prompts, images, review) under the economy profile and,
//    as the baseline in the same run, the standard profile: USD per article at registry prices
//    (target: economy ≤ $0.03 for text and images). Ideas are seeded, so stage 2 is not in the figure.
// Knobs: BENCH_P8_ARTICLES (10; 50 for the figure), BENCH_P8_CONCURRENCY (8).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  envInt,
  fakeProviderConfig,
  load,
  round,
  seedTasks,
  seedTenant,
  startFakeProvider,
} from './lib/bench-helpers.mjs';

const ARTICLES = envInt('BENCH_P8_ARTICLES', 10);
const C = envInt('BENCH_P8_CONCURRENCY', 8);

const { createCore, ConfigSchema, migrateUp, createDb } = await load('src/index.js');

async function openCore(url, dir) {
  const base = fakeProviderConfig(url);
  const config = ConfigSchema.parse({
    database: { url: `sqlite:${path.join(dir, 'p8.db')}` },
    media: { dir: path.join(dir, 'media') },
    ...base,
    ai: { textModel: 'openai:gpt-5.1', imageModel: 'openai:dall-e-3' },
  });
  const handle = await createDb(config.database.url);
  await migrateUp(handle.db);
  const core = await createCore({ config, baseDir: dir, db: handle });
  await core.models.seed();
  return {
    core,
    close: async () => {
      await core.close();
      await handle.close();
    },
  };
}

async function tenant(core, suffix) {
  const t = await seedTenant(core.db, suffix);
  await core.credits.grant(t, { opId: `bench-grant-${suffix}`, amount: 100_000_000, pool: 'plan' });
  await seedTasks(core.db, t, ARTICLES);
  return t;
}

async function run(core, scope, options) {
  const t0 = performance.now();
  const view = await core.automation.start(
    { accountId: scope.accountId, siteId: scope.siteId },
    { options: { concurrency: C, minSeoScore: 0, ...options }, force: true },
  );
  const cost = await core.automation.cost({ accountId: scope.accountId }, view.id);
  return { view, cost, seconds: (performance.now() - t0) / 1000 };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-p8-'));
const fake = await startFakeProvider();
const { core, close } = await openCore(fake.url, dir);
try {
  // Cache: the writing stage alone on the default model.
  const a = await tenant(core, 'p8cache');
  const cacheRun = await run(core, a, { stages: [4], maxLinks: 0 });
  const write = cacheRun.cost.stages.find((s) => s.key === 'write');
  const readShare = write && write.tokensIn > 0 ? write.tokensCached / write.tokensIn : 0;

  // Economy against standard, the whole article after the idea (text and images).
  const e = await tenant(core, 'p8eco');
  const eco = await run(core, e, { stages: [4, 5, 6, 7], profile: 'economy' });
  const s = await tenant(core, 'p8std');
  const std = await run(core, s, { stages: [4, 5, 6, 7], profile: 'standard' });
  const perArticle = (r) => r.cost.total.usdPerArticle;

  console.log(
    JSON.stringify(
      {
        id: 'P8',
        what: 'prompt caching on the writing stage; economy profile cost per article (sync half of P8)',
        articles: ARTICLES,
        cache: {
          model: 'openai:gpt-5.1',
          articles_written: cacheRun.cost.articles,
          write_input_tokens: write?.tokensIn ?? 0,
          write_cached_tokens: write?.tokensCached ?? 0,
          read_share: round(readShare, 3),
          usd_saved: write?.usdCacheSaved ?? 0,
          target_read_share: 0.6,
          pass: readShare >= 0.6,
          seconds: round(cacheRun.seconds),
        },
        economy: {
          stages: '4-7 (ideas seeded)',
          articles_written: eco.cost.articles,
          usd_per_article: perArticle(eco),
          credits_per_article: eco.cost.total.creditsPerArticle,
          baseline_standard_usd_per_article: perArticle(std),
          ratio_to_standard: perArticle(std) > 0 ? round(perArticle(eco) / perArticle(std), 3) : null,
          by_stage: eco.cost.stages.map((x) => ({ stage: x.key, usd_per_article: x.usdPerArticle })),
          target_usd_per_article: 0.03,
          pass: eco.cost.articles === ARTICLES && perArticle(eco) <= 0.03,
        },
        pass: readShare >= 0.6 && eco.cost.articles === ARTICLES && perArticle(eco) <= 0.03,
      },
      null,
      2,
    ),
  );
} finally {
  await close();
  await fake.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
