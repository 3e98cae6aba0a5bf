import type { StageUsage } from './run-records.repository.js';
import { STAGES } from './stages.js';

export interface StageCost extends StageUsage {
  key: string;
  label: string;
  /** The stage's USD and credits divided by the run's articles (0 when it wrote none). */
  usdPerArticle: number;
  creditsPerArticle: number;
}

/** What a run cost, from the usage log: per stage, per article, and what prompt caching and batching saved. */
export interface RunCost {
  runId: string;
  /** Articles the run wrote (stage 4 items done). */
  articles: number;
  stages: StageCost[];
  total: {
    calls: number;
    credits: number;
    usd: number;
    usdPerArticle: number;
    creditsPerArticle: number;
    /** USD prompt caching saved against the uncached price (net of cache-write surcharges). */
    usdCacheSaved: number;
    /** Share of input tokens read from the prompt cache (0–1). */
    cacheReadShare: number;
    /** USD answering through the provider's batch API saved against the synchronous price. */
    usdBatchSaved: number;
  };
}

const round = (n: number, places = 6) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * Pure: per-stage and per-article cost of a run from its usage rows.
 * @example runCost('run1', [{ stage: 4, usd: 0.1, credits: 20, … }], 4).total.usdPerArticle // 0.025
 */
export function runCost(runId: string, usage: StageUsage[], articles: number): RunCost {
  const per = (n: number) => (articles > 0 ? n / articles : 0);
  const stages = usage.map((u) => {
    const s = STAGES[u.stage - 1];
    return {
      ...u,
      usd: round(u.usd),
      usdCacheSaved: round(u.usdCacheSaved),
      usdBatchSaved: round(u.usdBatchSaved),
      key: s?.key ?? String(u.stage),
      label: s?.label ?? `stage ${u.stage}`,
      usdPerArticle: round(per(u.usd)),
      creditsPerArticle: round(per(u.credits), 2),
    };
  });
  const sum = (f: (s: StageUsage) => number) => usage.reduce((n, s) => n + f(s), 0);
  const tokensIn = sum((s) => s.tokensIn);
  return {
    runId,
    articles,
    stages,
    total: {
      calls: sum((s) => s.calls),
      credits: sum((s) => s.credits),
      // The sum of the stage rows as shown (each rounded to 6 places), so the table adds up.
      usd: round(stages.reduce((n, s) => n + s.usd, 0)),
      usdPerArticle: round(per(sum((s) => s.usd))),
      creditsPerArticle: round(per(sum((s) => s.credits)), 2),
      usdCacheSaved: round(stages.reduce((n, s) => n + s.usdCacheSaved, 0)),
      usdBatchSaved: round(stages.reduce((n, s) => n + s.usdBatchSaved, 0)),
      cacheReadShare: tokensIn > 0 ? round(sum((s) => s.tokensCached) / tokensIn, 4) : 0,
    },
  };
}
