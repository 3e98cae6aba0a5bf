#!/usr/bin/env node
// P2: rate-limit saturation. The fake provider (own process) enforces RPM or TPM like a real one
// (429 + x-ratelimit-* headers + retry-after). Callers go through the provider registry (our retry
// policy + the key's shared throttle, configured above the provider's limit so the provider's own
// headers must be learnt). A closed loop of CALLERS keeps asking for DURATION s; throughput is
// measured in steady state (after WARMUP s, once the provider's initial full bucket is spent).
// Baseline in the same run: the same load with retry but no throttle (raw adapter + withRetry).
// Targets: ≥ 0.90 of the limit, ≤ 2% 429s, 0 calls failed.
// Knobs: BENCH_P2_DURATION_S (20), BENCH_P2_WARMUP_S (8), BENCH_P2_RPM (600), BENCH_P2_TPM (120000),
//        BENCH_P2_CALLERS (32), BENCH_P2_LATENCY_MS (50).
import { envInt, fakeProviderConfig, load, round, sleep, startFakeProvider } from './lib/bench-helpers.mjs';

const DURATION = envInt('BENCH_P2_DURATION_S', 20);
const WARMUP = envInt('BENCH_P2_WARMUP_S', 8);
const RPM = envInt('BENCH_P2_RPM', 600);
const TPM = envInt('BENCH_P2_TPM', 120_000);
const CALLERS = envInt('BENCH_P2_CALLERS', 32);
const LATENCY = envInt('BENCH_P2_LATENCY_MS', 50);

const {
  ConfigSchema,
  createProviderRegistry,
  resetThrottles,
  resetProviderCache,
  createOpenAiTextProvider,
  withRetry,
} = await load('src/index.js');

const MODEL = { provider: 'openai', modelId: 'gpt-4o-mini', type: 'text' };
// ~400 prompt tokens (the fake counts ~4 characters per token) and a small answer.
const PROMPT = `Summarise the following notes in one sentence. ${'Cold brew coffee steeps coarse grounds in cold water for many hours. '.repeat(23)}`;
const request = { model: MODEL.modelId, messages: [{ role: 'user', content: PROMPT }], maxOutputTokens: 60 };

/** Drive `call` from CALLERS loops for `seconds`; per-call completion time, tokens and errors. */
async function drive(call, seconds) {
  const t0 = Date.now();
  const stopAt = t0 + seconds * 1000;
  const done = [];
  const errors = [];
  const loop = async () => {
    while (Date.now() < stopAt) {
      try {
        const res = await call();
        done.push({ at: (Date.now() - t0) / 1000, tokens: res.usage.tokensIn + res.usage.tokensOut });
      } catch (err) {
        errors.push(err.reason ?? err.code ?? String(err.message).slice(0, 80));
      }
    }
  };
  await Promise.all(Array.from({ length: CALLERS }, loop));
  return { done, errors, seconds: (Date.now() - t0) / 1000 };
}

function steady(done, from, to) {
  const inWindow = done.filter((d) => d.at >= from && d.at < to);
  const span = to - from;
  return {
    calls: inWindow.length,
    per_minute: (inWindow.length / span) * 60,
    tokens_per_minute: (inWindow.reduce((s, d) => s + d.tokens, 0) / span) * 60,
  };
}

async function scenario(kind, throttled) {
  const limits = kind === 'rpm' ? { rpm: RPM } : { tpm: TPM };
  const fake = await startFakeProvider({ latencyMs: LATENCY, ...limits });
  resetThrottles();
  resetProviderCache();
  const base = fakeProviderConfig(fake.url);
  const config = ConfigSchema.parse({
    ...base,
    providers: {
      ...base.providers,
      retry: { ...base.providers.retry, maxAttempts: 20 },
      throttle: { concurrency: 16, requestsPerMinute: 100_000, tokensPerMinute: 100_000_000 },
    },
  });
  let call;
  if (throttled) {
    const registry = createProviderRegistry({
      config,
      keys: { resolve: async () => null },
      scope: { accountId: 'bench' },
    });
    const provider = await registry.text(MODEL);
    call = () => provider.generateText(request);
  } else {
    const raw = createOpenAiTextProvider({
      name: 'openai',
      apiKey: config.providers.openai.apiKey,
      baseUrl: config.providers.openai.baseUrl,
      timeoutMs: 60_000,
    });
    call = () =>
      withRetry(() => raw.generateText(request), config.providers.retry, { provider: 'openai', secrets: [] });
  }
  const seconds = throttled ? DURATION : Math.max(WARMUP + 6, Math.round(DURATION / 2));
  const run = await drive(call, seconds);
  const stats = await fake.stop();
  const s = steady(run.done, WARMUP, run.seconds);
  const limited = stats.byOutcome?.limited429 ?? 0;
  const achieved = kind === 'rpm' ? s.per_minute / RPM : s.tokens_per_minute / TPM;
  return {
    limit: kind === 'rpm' ? { requests_per_minute: RPM } : { tokens_per_minute: TPM },
    seconds: round(run.seconds, 1),
    calls_ok: run.done.length,
    calls_failed: run.errors.length,
    failures: [...new Set(run.errors)].slice(0, 5),
    provider_calls: stats.calls,
    provider_429s: limited,
    share_429: round(limited / Math.max(1, stats.calls), 4),
    steady_window_s: round(run.seconds - WARMUP, 1),
    steady_requests_per_minute: round(s.per_minute, 1),
    steady_tokens_per_minute: Math.round(s.tokens_per_minute),
    achieved_ratio_of_limit: round(achieved, 3),
  };
}

const rpm = await scenario('rpm', true);
const tpm = await scenario('tpm', true);
const baseline = await scenario('rpm', false);
const ok = (s) => s.achieved_ratio_of_limit >= 0.9 && s.share_429 <= 0.02 && s.calls_failed === 0;
console.log(
  JSON.stringify(
    {
      id: 'P2',
      what: 'rate-limit saturation through the provider registry (retry + throttle) against a fake enforcing RPM/TPM',
      callers: CALLERS,
      latency_ms: LATENCY,
      target: { achieved_ratio_of_limit: 0.9, share_429: 0.02, calls_failed: 0 },
      rpm_bound: rpm,
      tpm_bound: tpm,
      baseline_retry_without_throttle: baseline,
      ratio_429_vs_baseline: round(rpm.share_429 / Math.max(1e-9, baseline.share_429), 3),
      met: { rpm_bound: ok(rpm), tpm_bound: ok(tpm) },
    },
    null,
    2,
  ),
);
await sleep(0);
