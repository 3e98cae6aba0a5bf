#!/usr/bin/env node
// P5: API latency and throughput. 100,000 keywords in SQLite; `createServer(core)` (the real API:
// request id, helmet, CORS, JSON, API-key auth, rate limits, zod, envelope) and a bare Express
// route serving a 50-item page of the same shape run in a child process on loopback; this process
// is the load generator: CONNECTIONS keep-alive connections, each sending requests back to back
// for SECONDS per workload. Workloads: "browse" (pages 1–20, what a dashboard asks for) and "deep"
// (any of the 2,000 pages); baseline: the bare route, measured in the same run.
// Target: p95 ≤ 25 ms at 32 connections; throughput reported as a ratio of the bare route's.
// (An earlier experiment section added an index on (account_id, site_id, volume desc, id): migration
// 0002's keywords_list_volume is that index, so it measured nothing new and was dropped.)
// Knobs: BENCH_P5_ROWS (100000), BENCH_P5_CONNECTIONS (32), BENCH_P5_SECONDS (6);
// BENCH_P5_CPU_PROF=<dir> writes the server child's CPU profile there (node --cpu-prof).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { envInt, load, quantile, round, seedTenant } from './lib/bench-helpers.mjs';

const ROWS = envInt('BENCH_P5_ROWS', 100_000);
const CONNECTIONS = envInt('BENCH_P5_CONNECTIONS', 32);
const SECONDS = envInt('BENCH_P5_SECONDS', 6);
const PAGE = 50;

const { createCore, ConfigSchema, createDb, migrateUp } = await load('src/index.js');

async function openCore(file) {
  const config = ConfigSchema.parse({ database: { url: `sqlite:${file}` }, log: { level: 'error' } });
  const handle = await createDb(config.database.url);
  await migrateUp(handle.db);
  const core = await createCore({ config, baseDir: path.dirname(file), db: handle });
  return {
    core,
    close: async () => {
      await core.close();
      await handle.close();
    },
  };
}

/** Child mode: serve the API and the bare route; print their ports; stop on stdin end. */
async function serve(file, sample) {
  const { default: express } = await import('express');
  const { createServer } = await load('server/create-server.js');
  const { createLogger } = await load('server/logger.js');
  const { core, close } = await openCore(file);
  const huge = 1_000_000_000;
  const app = createServer(core, {
    logger: createLogger('error'),
    rateLimits: {
      ai: huge,
      image: huge,
      content_read: huge,
      content_write: huge,
      auth: huge,
      auth_strict: huge,
      planner: huge,
      billing: huge,
    },
  });
  const bare = express();
  let page;
  // Read on first use: the parent writes a real API page there once the server is up.
  bare.get('/bare', (_req, res) => res.json((page ??= JSON.parse(fs.readFileSync(sample, 'utf8')))));
  const listen = (a) =>
    new Promise((resolve) => {
      const s = a.listen(0, '127.0.0.1', () => resolve(s));
    });
  const [api, b] = [await listen(app), await listen(bare)];
  process.stdout.write(`${JSON.stringify({ api: api.address().port, bare: b.address().port })}\n`);
  process.stdin.resume();
  // "cpu" on stdin: answer this process's CPU time so far (the parent turns it into ms per request).
  process.stdin.on('data', (d) => {
    if (String(d).includes('cpu')) process.stdout.write(`${JSON.stringify(process.cpuUsage())}\n`);
  });
  process.stdin.on('end', async () => {
    api.closeAllConnections();
    b.closeAllConnections();
    await close();
    process.exit(0);
  });
}

async function seed(file) {
  const { core, close } = await openCore(file);
  const t = await seedTenant(core.db, 'p5');
  const now = Date.now();
  const words = [
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
  for (let start = 0; start < ROWS; start += 2000) {
    const rows = [];
    for (let i = start; i < Math.min(ROWS, start + 2000); i++) {
      const kw = `${words[i % 10]} ${words[(i >> 3) % 10]} ${i}`;
      rows.push({
        id: `kw-${i}`,
        account_id: t.accountId,
        site_id: t.siteId,
        sector_id: t.sectorId,
        keyword: kw,
        normalized: kw,
        volume: (i * 7919) % 50_000,
        difficulty: i % 100,
        cpc: null,
        intent: null,
        source: 'bench',
        cluster_id: null,
        status: 'new',
        created_at: new Date(now + i).toISOString(),
        updated_at: new Date(now).toISOString(),
      });
    }
    await core.db.insertInto('keywords').values(rows).execute();
  }
  const { key } = await core.tenancy.createApiKey(t, { name: 'bench', role: 'admin' });
  await close();
  return { key, siteId: t.siteId };
}

/**
 * CONNECTIONS loops over keep-alive sockets for SECONDS; latencies in ms, status errors counted;
 * the server's own CPU per request from `serverCpu` (a machine shared with other work stretches
 * latencies, much less the CPU each request costs).
 */
async function load_(port, pathFor, headers, serverCpu) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const get = (p) =>
    new Promise((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: p, agent, headers }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
    });
  for (let i = 0; i < CONNECTIONS * 4; i++) await get(pathFor(i)); // warm up sockets, JIT and caches
  const latencies = [];
  let errors = 0;
  const server0 = await serverCpu();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const stopAt = t0 + SECONDS * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < stopAt) {
        const s = performance.now();
        const status = await get(pathFor(n++));
        latencies.push(performance.now() - s);
        if (status !== 200) errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const server1 = await serverCpu();
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    per_second: round(latencies.length / seconds, 1),
    p50_ms: round(quantile(latencies, 0.5)),
    p95_ms: round(quantile(latencies, 0.95)),
    p99_ms: round(quantile(latencies, 0.99)),
    load_generator_cpu_share: round((cpu.user + cpu.system) / 1000 / (seconds * 1000), 2),
    server_cpu_ms_per_request: round(
      (server1.user + server1.system - server0.user - server0.system) / 1000 / latencies.length,
      3,
    ),
  };
}

if (process.argv[2] === '--serve') {
  await serve(process.argv[3], process.argv[4]);
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-p5-'));
  const file = path.join(dir, 'p5.db');
  const sample = path.join(dir, 'page.json');
  let child;
  try {
    const t0 = Date.now();
    const { key, siteId } = await seed(file);
    const seedSeconds = (Date.now() - t0) / 1000;
    // The bare route serves a real page of this API (written below), so both answer the same bytes.
    fs.writeFileSync(sample, '{}');
    const profDir = process.env.BENCH_P5_CPU_PROF;
    const prof = profDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profDir)}`] : [];
    child = spawn(process.execPath, [...prof, fileURLToPath(import.meta.url), '--serve', file, sample], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const ports = await new Promise((resolve, reject) => {
      let buf = '';
      child.on('exit', (c) => reject(new Error(`server exited ${c}`)));
      child.stdout.on('data', (d) => {
        buf += d;
        if (buf.includes('\n')) resolve(JSON.parse(buf));
      });
    });
    child.stdout.removeAllListeners('data');
    const serverCpu = () =>
      new Promise((resolve) => {
        child.stdout.once('data', (d) => resolve(JSON.parse(String(d))));
        child.stdin.write('cpu\n');
      });
    const headers = { authorization: `ApiKey ${key}` };
    const list = (page) => `/api/v1/keywords?siteId=${siteId}&page=${page}&page_size=${PAGE}`;
    const first = await new Promise((resolve, reject) =>
      http.get({ host: '127.0.0.1', port: ports.api, path: list(1), headers }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(body)
            : reject(new Error(`GET ${list(1)} → ${res.statusCode}: ${body}`)),
        );
      }),
    );
    fs.writeFileSync(sample, first);
    const pages = Math.ceil(ROWS / PAGE);
    const bare = await load_(ports.bare, () => '/bare', {}, serverCpu);
    const browse = await load_(ports.api, (i) => list(1 + (i % 20)), headers, serverCpu);
    const deep = await load_(ports.api, (i) => list(1 + ((i * 7919) % pages)), headers, serverCpu);
    const parsed = JSON.parse(first);
    console.log(
      JSON.stringify(
        {
          id: 'P5',
          what: 'paginated keyword list (page_size 50) over the real API vs a bare Express route, loopback',
          rows: ROWS,
          connections: CONNECTIONS,
          seconds_per_workload: SECONDS,
          seed_seconds: round(seedSeconds, 1),
          page_bytes: first.length,
          page_items: (parsed.results ?? parsed.items ?? parsed.data ?? []).length,
          baseline_bare_express: bare,
          api_browse_pages_1_20: {
            ...browse,
            throughput_ratio_vs_bare: round(browse.per_second / bare.per_second, 3),
            p95_ratio_vs_bare: round(browse.p95_ms / bare.p95_ms, 1),
            server_cpu_ratio_vs_bare: round(
              browse.server_cpu_ms_per_request / bare.server_cpu_ms_per_request,
              2,
            ),
          },
          api_deep_random_pages: {
            ...deep,
            throughput_ratio_vs_bare: round(deep.per_second / bare.per_second, 3),
            p95_ratio_vs_bare: round(deep.p95_ms / bare.p95_ms, 1),
            server_cpu_ratio_vs_bare: round(
              deep.server_cpu_ms_per_request / bare.server_cpu_ms_per_request,
              2,
            ),
          },
          target: { p95_ms: 25 },
          met: {
            browse: browse.p95_ms <= 25 && browse.errors === 0,
            deep: deep.p95_ms <= 25 && deep.errors === 0,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    if (child && child.exitCode === null) {
      child.removeAllListeners('exit');
      await new Promise((r) => {
        child.on('exit', r);
        child.stdin.end();
      });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
