// Shared by the benchmarks: where the build is, a fake provider in its own process,
// raw tenant/idea/task rows, and small statistics. Not a benchmark itself (run-all only runs bench/p*.mjs).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The build the benchmarks run (`npm run bench` builds dist/; IGNY8_BENCH_DIST points elsewhere). */
export const dist = process.env.IGNY8_BENCH_DIST
  ? path.resolve(process.env.IGNY8_BENCH_DIST)
  : path.join(root, 'dist');
export const load = (rel) => import(pathToFileURL(path.join(dist, rel)).href);

export const round = (x, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const envInt = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback);

/** The p-quantile of an ascending array. */
export function quantile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/**
 * The fake provider server (OpenAI/Anthropic wire protocols, sandbox-quality answers) in a child
 * process, so its CPU is not counted as ours. Resolves { url, stop() → stats }.
 */
export function startFakeProvider({ latencyMs = 0, rpm, tpm, seed = 1 } = {}) {
  const args = [
    path.join(root, 'bench/lib/fake-provider-child.mjs'),
    String(latencyMs),
    String(rpm ?? ''),
    String(tpm ?? ''),
    String(seed),
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`fake provider exited ${code}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0 || resolve === null) return;
      const url = out.slice(0, nl).trim();
      out = out.slice(nl + 1);
      const done = resolve;
      resolve = null;
      done({
        url,
        pid: child.pid,
        /** Stop it; resolves with its call statistics ({ calls, byOutcome }). */
        stop: () =>
          new Promise((res) => {
            child.removeAllListeners('exit');
            child.on('exit', () => {
              try {
                res(JSON.parse(out.trim() || '{}'));
              } catch {
                res({});
              }
            });
            child.stdin.end('stop\n');
          }),
      });
    });
  });
}

/** Raw rows for plan → account → site → sector (no service involved). */
export async function seedTenant(db, suffix, credits = 0) {
  const now = new Date().toISOString();
  const t = {
    planId: `plan-${suffix}`,
    accountId: `acct-${suffix}`,
    siteId: `site-${suffix}`,
    sectorId: `sector-${suffix}`,
  };
  await db
    .insertInto('plans')
    .values({
      id: t.planId,
      name: `Plan ${suffix}`,
      included_credits: credits,
      max_sites: 50,
      max_users: 5,
      max_keywords: 10_000_000,
      created_at: now,
    })
    .execute();
  await db
    .insertInto('accounts')
    .values({
      id: t.accountId,
      name: `Account ${suffix}`,
      plan_id: t.planId,
      timezone: 'UTC',
      status: 'active',
      modules: '{}',
      settings: '{}',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await addSite(db, t.accountId, suffix, t);
  return t;
}

/** Another site (and sector) of an account. */
export async function addSite(
  db,
  accountId,
  suffix,
  ids = { siteId: `site-${suffix}`, sectorId: `sector-${suffix}` },
) {
  const now = new Date().toISOString();
  await db
    .insertInto('sites')
    .values({
      id: ids.siteId,
      account_id: accountId,
      name: `Site ${suffix}`,
      slug: `site-${suffix}`,
      domain: null,
      industry: null,
      status: 'active',
      settings: '{}',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('sectors')
    .values({
      id: ids.sectorId,
      account_id: accountId,
      site_id: ids.siteId,
      name: `Sector ${suffix}`,
      slug: `sector-${suffix}`,
      status: 'active',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { accountId, siteId: ids.siteId, sectorId: ids.sectorId };
}

const OUTLINE = {
  sections: [
    'Why it matters',
    'What you need',
    'Step by step',
    'Common mistakes',
    'Tips from experts',
    'Frequently asked questions',
  ].map((heading, i) => ({
    heading,
    points: [`Point ${i + 1}a about the topic`, `Point ${i + 1}b with an example`],
    keywords: [],
  })),
};

/** `n` queued tasks (each with its idea and a stored outline) for stage 4 to write. */
export async function seedTasks(db, scope, n, topic = 'cold brew coffee') {
  const now = new Date().toISOString();
  for (let start = 0; start < n; start += 200) {
    const ideas = [];
    const tasks = [];
    for (let i = start; i < Math.min(n, start + 200); i++) {
      const ideaId = randomUUID();
      ideas.push({
        id: ideaId,
        account_id: scope.accountId,
        site_id: scope.siteId,
        sector_id: scope.sectorId,
        cluster_id: null,
        title: `How to make ${topic} at home, part ${i + 1}`,
        brief: `A practical guide to ${topic}.`,
        outline: JSON.stringify(OUTLINE),
        primary_keywords: JSON.stringify([`${topic} ${i + 1}`]),
        secondary_keywords: '[]',
        target_words: 800,
        content_type: 'post',
        structure: 'guide',
        source: 'ai',
        status: 'queued',
        created_at: now,
        updated_at: now,
      });
      tasks.push({
        id: randomUUID(),
        account_id: scope.accountId,
        site_id: scope.siteId,
        sector_id: scope.sectorId,
        idea_id: ideaId,
        prompt_override: null,
        attempts: 0,
        error: null,
        status: 'queued',
        created_at: new Date(Date.now() + i).toISOString(),
        updated_at: now,
      });
    }
    await db.insertInto('ideas').values(ideas).execute();
    await db.insertInto('tasks').values(tasks).execute();
  }
}

/** Config for a core whose OpenAI models are served by the fake provider, with room to go fast. */
export function fakeProviderConfig(url, overrides = {}) {
  return {
    providers: {
      openai: { apiKey: 'sk-bench-0123456789abcdef', baseUrl: `${url}/v1` },
      retry: {
        maxAttempts: 6,
        baseDelayMs: 50,
        maxDelayMs: 2000,
        attemptTimeoutMs: 60_000,
        deadlineMs: 300_000,
      },
      throttle: { concurrency: 256, requestsPerMinute: 1_000_000, tokensPerMinute: 1_000_000_000 },
      ...overrides.providers,
    },
    ai: { textModel: 'openai:gpt-4o-mini', imageModel: 'openai:gpt-image-1-mini' },
    log: { level: 'error' },
  };
}
