#!/usr/bin/env node
// P7: scale-out. The same latency-bound workload — SITES sites × TASKS articles (stage 4), the fake
// provider answering after LATENCY ms — is executed by 1 `igny8 worker` process and then by 4, on
// PostgreSQL (a fresh schema each time). Each worker takes one run at a time (--concurrency 1) with
// stage concurrency 2, so extra workers add overlapping provider waits, not CPU. Timed from the
// enqueue until every run is completed (workers are started and idle before). The 1-worker figure
// is the baseline measured in the same run. Target: 4 workers ≥ 3.5× the throughput of 1.
// PostgreSQL: IGNY8_BENCH_PG_URL, else IGNY8_TEST_PG_URL, else a throwaway server
// (scripts/services/postgres.sh). Knobs: BENCH_P7_SITES (8), BENCH_P7_TASKS (10), BENCH_P7_LATENCY_MS (1000).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  envInt,
  fakeProviderConfig,
  load,
  root,
  round,
  seedTenant,
  addSite,
  seedTasks,
  sleep,
  startFakeProvider,
  dist,
} from './lib/bench-helpers.mjs';

const SITES = envInt('BENCH_P7_SITES', 8);
const TASKS = envInt('BENCH_P7_TASKS', 10);
const LATENCY = envInt('BENCH_P7_LATENCY_MS', 1000);
const ACCOUNTS = 4;

const { createCore, ConfigSchema, createDb, migrateUp } = await load('src/index.js');
const { default: pg } = await import('pg');

/** A PostgreSQL server: the configured one, or a throwaway started here. */
async function postgres() {
  const url = process.env.IGNY8_BENCH_PG_URL || process.env.IGNY8_TEST_PG_URL;
  if (url) return { url, stop: async () => undefined };
  // Its own folder directly under the temp dir: the postgres user must be able to reach it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-p7-pg-'));
  const port = String(55600 + Math.floor(Math.random() * 300));
  const script = path.join(root, 'scripts/services/postgres.sh');
  const r = spawnSync('bash', [script, 'start', dir, port], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`could not start PostgreSQL (${r.status}): ${r.stderr}${r.stdout}`);
  return { url: r.stdout.trim(), stop: async () => void spawnSync('bash', [script, 'stop', dir]) };
}

/** CPU seconds a process has used (Linux /proc), or null elsewhere. */
function cpuSeconds(pid) {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

/** One phase: a fresh schema, SITES queued runs, `workers` worker processes; seconds to finish. */
async function phase(baseUrl, fakeUrl, tmp, workers) {
  const schema = `p7_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const u = new URL(baseUrl);
  u.searchParams.set('options', `-c search_path=${schema}`);
  const dir = path.join(tmp, schema);
  fs.mkdirSync(dir, { recursive: true });
  const configJson = {
    database: { url: u.toString(), poolSize: 6 },
    media: { dir: './media' },
    ...fakeProviderConfig(fakeUrl),
  };
  fs.writeFileSync(path.join(dir, 'igny8.config.json'), JSON.stringify(configJson));
  fs.writeFileSync(
    path.join(dir, 'launch.mjs'),
    `import { main } from ${JSON.stringify(path.join(dist, 'cli/main.js'))};\nprocess.exitCode = await main(process.argv);\n`,
  );
  const handle = await createDb(u.toString(), { poolSize: 4 });
  await migrateUp(handle.db);
  const core = await createCore({ config: ConfigSchema.parse(configJson), baseDir: dir, db: handle });
  await core.models.seed();
  const scopes = [];
  for (let a = 0; a < ACCOUNTS; a++) {
    const t = await seedTenant(core.db, `a${a}`);
    await core.credits.grant(t, { opId: 'grant', amount: 10_000_000, pool: 'plan' });
    scopes.push(t);
  }
  for (let s = scopes.length; s < SITES; s++)
    scopes.push(await addSite(core.db, scopes[s % ACCOUNTS].accountId, `s${s}`));
  for (const s of scopes.slice(0, SITES)) await seedTasks(core.db, s, TASKS);

  const procs = Array.from({ length: workers }, () =>
    spawn(
      process.execPath,
      [
        path.join(dir, 'launch.mjs'),
        'worker',
        '--json',
        '--concurrency',
        '1',
        '--max-runs-per-account',
        '2',
        '--poll-ms',
        '100',
        '--sweep-ms',
        '120000',
      ],
      {
        cwd: dir,
        env: { ...process.env, IGNY8_DATABASE_URL: '', IGNY8_ACCOUNT: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  );
  // A worker's stderr is shown only if it fails.
  const stderr = procs.map((p) => {
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    return () => err;
  });
  const claims = new Map();
  await Promise.all(
    procs.map(
      (p, i) =>
        new Promise((resolve, reject) => {
          let buf = '';
          p.on('exit', (c) => reject(new Error(`worker exited ${c}: ${stderr[i]()}`)));
          p.stdout.on('data', (d) => {
            buf += d;
            const lines = buf.split('\n');
            buf = lines.pop();
            for (const l of lines) {
              if (l.includes('"type":"worker"') && l.includes('"started"')) resolve();
              if (l.includes('"type":"job"') && l.includes('"claimed"'))
                claims.set(i, (claims.get(i) ?? 0) + 1);
            }
          });
        }),
    ),
  );
  // The runs are created (queued) first; the clock starts when their jobs are enqueued, so what is
  // timed is the workers' work, not `run --detach`'s estimate.
  const runs = [];
  for (const s of scopes.slice(0, SITES)) {
    const run = await core.automation.start(s, {
      detach: true,
      force: true,
      options: { stages: [4], concurrency: 2, maxLinks: 0 },
    });
    runs.push([s, run.id]);
  }
  const cpu0 = procs.map((p) => cpuSeconds(p.pid));
  const t0 = performance.now();
  await Promise.all(runs.map(([s, id]) => core.jobs.enqueueRun(s, id)));
  const runIds = runs.map(([, id]) => id);
  let rows = [];
  for (;;) {
    rows = await core.db.selectFrom('automation_runs').select(['id', 'status']).execute();
    if (rows.every((r) => ['completed', 'failed', 'cancelled'].includes(r.status))) break;
    await sleep(50);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = procs.reduce((s, p, i) => s + ((cpuSeconds(p.pid) ?? 0) - (cpu0[i] ?? 0)), 0);
  const contents = await core.db
    .selectFrom('contents')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  await Promise.all(
    procs.map(
      (p) =>
        new Promise((r) => {
          p.removeAllListeners('exit');
          p.on('exit', r);
          p.kill('SIGTERM');
        }),
    ),
  );
  await core.close();
  await handle.close();
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.query(`drop schema if exists ${schema}_pgboss cascade`);
  await admin.end();
  const items = SITES * TASKS;
  return {
    workers,
    runs: runIds.length,
    runs_completed: rows.filter((r) => r.status === 'completed').length,
    items,
    articles: Number(contents.n),
    seconds: round(seconds),
    items_per_second: round(items / seconds, 3),
    runs_per_worker: [...claims.values()],
    worker_cpu_ms_per_item: round((cpu * 1000) / items, 1),
  };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-p7-'));
const server = await postgres();
const fake = await startFakeProvider({ latencyMs: LATENCY });
try {
  const one = await phase(server.url, fake.url, tmp, 1);
  const four = await phase(server.url, fake.url, tmp, 4);
  const speedup = four.items_per_second / one.items_per_second;
  const ideal = {
    one_worker_items_per_s: round((1 * 2) / (LATENCY / 1000), 2),
    four_workers_items_per_s: round((4 * 2) / (LATENCY / 1000), 2),
  };
  console.log(
    JSON.stringify(
      {
        id: 'P7',
        what: 'scale-out: 4 igny8 worker processes vs 1 on PostgreSQL, latency-bound article runs',
        cpus: os.cpus().length,
        latency_ms: LATENCY,
        stage_concurrency: 2,
        baseline_one_worker: one,
        four_workers: four,
        ideal_latency_bound: ideal,
        speedup_vs_one_worker: round(speedup, 2),
        target: { speedup: 3.5 },
        met: speedup >= 3.5 && one.runs_completed === one.runs && four.runs_completed === four.runs,
        provider: await fake.stop(),
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
