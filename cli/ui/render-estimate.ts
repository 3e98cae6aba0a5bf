import type { RunCost, RunEstimate, RunView } from '../../src/automation/index.js';
import { renderTable } from '../output.js';

export function renderEstimate(est: RunEstimate & { balance: number; enough: boolean }): string {
  const rows = est.stages.map((s) => ({
    stage: `${s.stage} ${s.label}`,
    items: s.items,
    calls: s.calls,
    tokens: s.tokensIn + s.tokensOut,
    images: s.images,
    credits: s.credits,
    usd: s.usd.toFixed(4),
  }));
  return [
    `Plan (dry run: nothing spent) — text model ${est.models.text}, image model ${est.models.image}`,
    renderTable(rows),
    `total: ${est.total.calls} calls, ${est.total.tokens} tokens, ${est.total.images} images, ${est.total.credits} credits, $${est.total.usd.toFixed(4)}`,
    pricingLine(est),
    `needs ${est.required} credits with the 20% buffer; ${est.balance} available — ${est.enough ? 'enough' : 'NOT enough (grant credits or lower --max-items)'}`,
  ].join('\n');
}

function pricingLine(est: RunEstimate): string {
  const p = est.pricing;
  const batch = p.batch
    ? p.batchFactor < 1
      ? `batch mode: text at ${p.batchFactor}× list price`
      : est.models.text.startsWith('sandbox:')
        ? 'batch mode: the sandbox answers at once'
        : 'batch mode: this text provider has no batch API, list price'
    : 'synchronous: list price';
  const cache = p.cachedInputShare
    ? `prompt cache: ${Math.round(p.cachedInputShare * 100)}% of input read after each stage's first call, saves $${p.cacheSavedUsd.toFixed(4)}`
    : 'prompt cache: this text model has no cache-read price';
  return `${batch} · ${cache}`;
}

type ProfileEstimate = RunEstimate & { profile: string; label: string };

/** The cost profiles side by side: models, images, credits and USD of the same run, and per article. */
export function renderProfiles(profiles: ProfileEstimate[]): string {
  const articles = (p: ProfileEstimate) => p.stages.find((s) => s.key === 'write')?.items ?? 0;
  const rows = profiles.map((p) => ({
    profile: p.profile,
    text: p.models.text,
    image: p.models.image,
    images: p.total.images,
    credits: p.total.credits,
    usd: p.total.usd.toFixed(4),
    'usd/article': articles(p) ? (p.total.usd / articles(p)).toFixed(4) : '—',
  }));
  return ['Cost profiles (same run; choose with --profile):', renderTable(rows)].join('\n');
}

export function renderRunSummary(run: RunView): string {
  const rows = Object.values(run.results).map((r) => ({
    stage: r.stage,
    key: r.key,
    status: r.status,
    total: r.total,
    done: r.done,
    failed: r.failed,
    created: r.created,
    credits: r.credits,
  }));
  const failures = Object.values(run.results).flatMap((r) =>
    r.failures.slice(0, 5).map((f) => `  stage ${r.stage} ${f.item}: ${f.code ?? ''} ${f.reason}`),
  );
  return [
    `run ${run.id}: ${run.status}${run.error ? ` (${run.error})` : ''} · ${run.creditsUsed} credits used`,
    renderTable(rows),
    ...(failures.length ? ['failures:', ...failures] : []),
  ].join('\n');
}

/** A run's cost per stage and per article, with what prompt caching and batching saved. */
export function renderRunCost(cost: RunCost): string {
  const rows = cost.stages.map((s) => ({
    stage: `${s.stage} ${s.label}`,
    calls: s.calls,
    credits: s.credits,
    usd: s.usd.toFixed(4),
    'usd/article': s.usdPerArticle.toFixed(4),
    'credits/article': s.creditsPerArticle,
    'cache read': s.tokensIn > 0 ? `${Math.round((s.tokensCached / s.tokensIn) * 100)}%` : '—',
    'cache saved': `$${s.usdCacheSaved.toFixed(4)}`,
    'batch saved': `$${s.usdBatchSaved.toFixed(4)}`,
  }));
  const t = cost.total;
  return [
    `Cost of run ${cost.runId} (${cost.articles} article${cost.articles === 1 ? '' : 's'}, from the usage log)`,
    rows.length ? renderTable(rows) : '(no AI calls recorded for this run)',
    `total: $${t.usd.toFixed(4)}, ${t.credits} credits · per article $${t.usdPerArticle.toFixed(4)}, ${t.creditsPerArticle} credits · prompt cache: ${Math.round(t.cacheReadShare * 100)}% of input read from cache, saved $${t.usdCacheSaved.toFixed(4)} · batch API saved $${t.usdBatchSaved.toFixed(4)}`,
  ].join('\n');
}
