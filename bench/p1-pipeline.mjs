#!/usr/bin/env node
// P1: pipeline efficiency. A fake provider (own process) answers every call after a fixed latency L;
// a run processes ITEMS items with stage concurrency C; the ideal throughput is C/L. Two runs:
//  - "articles": stage 4 of a real run (tasks → articles: prompt, reserve, call, validate, settle,
//    save, SEO score) on SQLite — the whole pipeline per item;
//  - "runner": the same runner (p-queue, lease heartbeat, events) with a stage whose item is one
//    provider call through the registry (retry + throttle) — the machinery alone.
// Baselines measured in the same run: bare HTTP calls to the same fake with the same concurrency.
// Local CPU per item = this process's CPU (the fake's is not ours) / items.
// Knobs: BENCH_P1_ITEMS (1000), BENCH_P1_LATENCY_MS (400), BENCH_P1_CONCURRENCY (8),
//        BENCH_P1_RUNNER_LATENCY_MS (100), BENCH_P1_RUNNER_CONCURRENCY (16),
//        BENCH_P1_ONLY (articles | runner: run one of the two, e.g. under a profiler).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  envInt,
  fakeProviderConfig,
  load,
  round,
  seedTenant,
  seedTasks,
  startFakeProvider,
} from './lib/bench-helpers.mjs';

const ITEMS = envInt('BENCH_P1_ITEMS', 1000);
const L = envInt('BENCH_P1_LATENCY_MS', 400);
const C = envInt('BENCH_P1_CONCURRENCY', 8);
const RL = envInt('BENCH_P1_RUNNER_LATENCY_MS', 100);
const RC = envInt('BENCH_P1_RUNNER_CONCURRENCY', 16);

const { createCore, ConfigSchema, migrateUp, createDb, warmCore } = await load('src/index.js');
const { executeRun } = await load('src/automation/run-runner.js');
const { insertRun } = await load('src/automation/run.repository.js');
const { RunOptionsSchema } = await load('src/automation/run-options.schema.js');
const { emptyResults } = await load('src/automation/stages.js');

/** Measure wall time and this process's CPU around fn. */
async function measure(fn) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await fn();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { seconds, cpuMs: (cpu.user + cpu.system) / 1000, out };
}

/** Bare HTTP: `n` chat calls to the fake, `c` at a time — the transport's own throughput and CPU. */
async function bareCalls(url, n, c) {
  let next = 0;
  const body = JSON.stringify({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Say hi.' }],
    max_tokens: 20,
  });
  const one = async () => {
    while (next < n) {
      next += 1;
      const res = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
        body,
      });
      await res.json();
    }
  };
  const m = await measure(() => Promise.all(Array.from({ length: c }, one)));
  return {
    calls: n,
    concurrency: c,
    seconds: round(m.seconds),
    per_second: round(n / m.seconds),
    cpu_ms_per_call: round(m.cpuMs / n, 3),
  };
}

async function openCore(url, dir) {
  const config = ConfigSchema.parse({
    database: { url: `sqlite:${path.join(dir, 'p1.db')}` },
    media: { dir: path.join(dir, 'media') },
    ...fakeProviderConfig(url),
  });
  const handle = await createDb(config.database.url);
  await migrateUp(handle.db);
  const core = await createCore({ config, baseDir: dir, db: handle });
  // Services load on their first call (P11); load them before the clock starts, as a worker does, so
  // CPU per item is the items' and not a one-off module load spread over them.
  await warmCore(core);
  await core.models.seed();
  const t = await seedTenant(core.db, 'p1');
  await core.credits.grant(t, { opId: 'bench-grant', amount: 100_000_000, pool: 'plan' });
  return {
    core,
    scope: t,
    close: async () => {
      await core.close();
      await handle.close();
    },
  };
}

async function runWith(core, scope, options, stages) {
  const run = await insertRun(core.db, scope, {
    trigger: 'cli',
    status: 'running',
    options: RunOptionsSchema.parse(options),
    results: emptyResults(),
    estimateCredits: 0,
    creditCap: null,
    leaseOwner: 'bench',
  });
  const owner = 'bench';
  let done = 0;
  let failed = 0;
  const status = await executeRun({
    core,
    scope,
    run,
    owner,
    stages,
    onEvent: (e) => {
      if (e.type === 'item') {
        if (e.status === 'done') done += 1;
        else failed += 1;
      }
    },
  });
  return { status, done, failed };
}

async function articles(dir) {
  const fake = await startFakeProvider({ latencyMs: L });
  const { core, scope, close } = await openCore(fake.url, dir);
  try {
    const baseline = await bareCalls(fake.url, Math.min(ITEMS, 20 * C), C);
    await seedTasks(core.db, scope, ITEMS);
    const { PIPELINE_STAGES } = await load('src/automation/stages/index.js');
    const m = await measure(() =>
      runWith(core, scope, { stages: [4], concurrency: C, maxLinks: 0 }, PIPELINE_STAGES),
    );
    const contents = await core.db
      .selectFrom('contents')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    const ideal = C / (L / 1000);
    const throughput = m.out.done / m.seconds;
    return {
      items: ITEMS,
      latency_ms: L,
      concurrency: C,
      done: m.out.done,
      failed: m.out.failed,
      contents: Number(contents.n),
      run_status: m.out.status,
      seconds: round(m.seconds),
      throughput_per_s: round(throughput),
      ideal_per_s: round(ideal),
      ratio_vs_ideal: round(throughput / ideal, 3),
      ratio_vs_bare_http: round(throughput / baseline.per_second, 3),
      cpu_ms_per_item: round(m.cpuMs / ITEMS, 2),
      cpu_ratio_vs_bare_http_call: round(m.cpuMs / ITEMS / baseline.cpu_ms_per_call, 1),
      baseline_bare_http: baseline,
      provider: await fake.stop(),
    };
  } finally {
    await close();
  }
}

async function runnerOnly(dir) {
  const fake = await startFakeProvider({ latencyMs: RL });
  const { core, scope, close } = await openCore(fake.url, dir);
  try {
    const baseline = await bareCalls(fake.url, Math.min(ITEMS, 40 * RC), RC);
    const model = await core.models.get('openai:gpt-4o-mini');
    const registry = core.providers(scope);
    const stage = {
      n: 4,
      select: async () => Array.from({ length: ITEMS }, (_, i) => ({ id: `item-${i}`, label: `item ${i}` })),
      async process() {
        const provider = await registry.text(model);
        await provider.generateText({
          model: model.modelId,
          messages: [{ role: 'user', content: 'Say hi.' }],
          maxOutputTokens: 20,
        });
        return { credits: 0, created: 0 };
      },
    };
    const m = await measure(() => runWith(core, scope, { stages: [4], concurrency: RC }, { 4: stage }));
    const ideal = RC / (RL / 1000);
    const throughput = m.out.done / m.seconds;
    return {
      items: ITEMS,
      latency_ms: RL,
      concurrency: RC,
      done: m.out.done,
      failed: m.out.failed,
      seconds: round(m.seconds),
      throughput_per_s: round(throughput),
      ideal_per_s: round(ideal),
      ratio_vs_ideal: round(throughput / ideal, 3),
      ratio_vs_bare_http: round(throughput / baseline.per_second, 3),
      cpu_ms_per_item: round(m.cpuMs / ITEMS, 2),
      cpu_ratio_vs_bare_http_call: round(m.cpuMs / ITEMS / baseline.cpu_ms_per_call, 1),
      baseline_bare_http: baseline,
      provider: await fake.stop(),
    };
  } finally {
    await close();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-p1-'));
try {
  const only = process.env.BENCH_P1_ONLY;
  const a = only === 'runner' ? {} : await articles(path.join(dir, 'a'));
  const r = only === 'articles' ? {} : await runnerOnly(path.join(dir, 'r'));
  console.log(
    JSON.stringify(
      {
        id: 'P1',
        what: 'pipeline efficiency: throughput vs C/L with a fixed-latency fake provider, local CPU per item',
        target: { ratio_vs_ideal: 0.95, cpu_ms_per_item: 2 },
        articles: a,
        runner: r,
        met: {
          throughput_articles: a.ratio_vs_ideal >= 0.95 && a.failed === 0,
          throughput_runner: r.ratio_vs_ideal >= 0.95 && r.failed === 0,
          cpu_articles: a.cpu_ms_per_item <= 2,
          cpu_runner: r.cpu_ms_per_item <= 2,
        },
      },
      null,
      2,
    ),
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
