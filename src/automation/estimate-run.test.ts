import { describe, expect, it } from 'vitest';
import type { AiModel } from '../models/index.js';
import { loadModelTemplates } from '../models/model-templates.js';
import { BATCH_PRICE_FACTOR } from '../providers/batch-pricing.js';
import { CACHED_INPUT_SHARE, estimateRun, type StageCounts } from './estimate-run.js';
import { RunOptionsSchema } from './run-options.schema.js';

const model = (ref: string): AiModel => {
  const t = loadModelTemplates().find((m) => `${m.provider}:${m.modelId}` === ref)!;
  return {
    id: ref,
    cachedInputPrice: null,
    cacheWritePrice: null,
    imagePrice: null,
    creditsPerImage: null,
    contextWindow: null,
    maxOutput: null,
    sizes: [],
    capabilities: [],
    tier: null,
    ...t,
    isDefault: t.isDefault ?? false,
    active: true,
  } as AiModel;
};
const image = model('openai:dall-e-3');
const counts: StageCounts = {
  newKeywords: 0,
  newClusters: 0,
  newIdeas: 0,
  queuedTasks: 10,
  contentsWithoutImagePrompts: 0,
  pendingImages: 0,
  contentsToReview: 0,
};
const opts = (batch: boolean) => RunOptionsSchema.parse({ stages: [4], batch });

describe('estimateRun pricing (run --dry-run --batch)', () => {
  it('prices text at the batch factor in batch mode: USD and credits', () => {
    const text = model('openai:gpt-5.1');
    const sync = estimateRun(counts, opts(false), { text, image });
    const batch = estimateRun(counts, opts(true), { text, image });
    expect(batch.pricing).toMatchObject({ batch: true, batchFactor: BATCH_PRICE_FACTOR.openai });
    expect(sync.pricing.batchFactor).toBe(1);
    expect(batch.total.usd).toBeCloseTo(sync.total.usd * 0.5, 3);
    // Credits are held per call at ceil(credits × factor), as run-text holds them.
    const perCall = sync.stages[3]!.credits / 10;
    expect(batch.stages[3]!.credits).toBe(10 * Math.ceil(perCall * 0.5));
    expect(batch.total.credits).toBeLessThan(sync.total.credits);
  });

  it('prices the stable prefix at the cache-read price after the first call, only where the model has one', () => {
    const text = model('openai:gpt-5.1');
    const est = estimateRun(counts, opts(false), { text, image });
    const write = est.stages[3]!;
    const tin = write.tokensIn;
    const list = (tin * 1.25 + write.tokensOut * 10) / 1e6;
    const prefix = (tin / 10) * CACHED_INPUT_SHARE;
    expect(est.total.usd).toBeCloseTo(list - (prefix * 9 * (1.25 - 0.125)) / 1e6, 4);
    expect(est.pricing.cachedInputShare).toBe(CACHED_INPUT_SHARE);
    expect(est.pricing.cacheSavedUsd).toBeGreaterThan(0);

    const noCache = { ...text, cachedInputPrice: null };
    const plain = estimateRun(counts, opts(false), { text: noCache, image });
    expect(plain.total.usd).toBeCloseTo(list, 4);
    expect(plain.pricing).toMatchObject({ cachedInputShare: 0, cacheSavedUsd: 0 });
  });

  it('Anthropic: the first call writes the prefix at the cache-write price', () => {
    const text = model('anthropic:claude-haiku-4-5');
    const one = estimateRun({ ...counts, queuedTasks: 1 }, opts(false), { text, image });
    const w = one.stages[3]!;
    const expected = (w.tokensIn * 1 + w.tokensOut * 5 + w.tokensIn * CACHED_INPUT_SHARE * 0.25) / 1e6;
    expect(one.total.usd).toBeCloseTo(expected, 4);
    expect(estimateRun(counts, opts(true), { text, image }).pricing.batchFactor).toBe(0.5);
  });

  it('the sandbox is never batched', () => {
    const text = { ...model('openai:gpt-5.1'), provider: 'sandbox' };
    expect(estimateRun(counts, opts(true), { text, image }).pricing.batchFactor).toBe(1);
  });
});

describe('estimateRun: stage 7 revisits earlier articles of a cluster', () => {
  const text = model('openai:gpt-5.1');
  const run = (stages: number[], maxLinks = 3) => RunOptionsSchema.parse({ stages, maxLinks });
  it('counts one suggest_links call per relinkable article, with its tokens and credits', () => {
    const base = estimateRun({ ...counts, contentsToReview: 4 }, run([7]), { text, image });
    const more = estimateRun({ ...counts, contentsToReview: 4, relinkableArticles: 3 }, run([7]), {
      text,
      image,
    });
    const [b, m] = [base.stages[6]!, more.stages[6]!];
    expect(b.calls).toBe(4);
    expect(m).toMatchObject({ items: 4, calls: 7 });
    expect(m.credits).toBe((b.credits / 4) * 7);
    expect(m.tokensIn).toBe((b.tokensIn / 4) * 7);
    expect(more.required).toBeGreaterThan(base.required);
  });
  it('none without link suggestions, without stage 7, or without a new article to review', () => {
    const c = { ...counts, queuedTasks: 0, contentsToReview: 2, relinkableArticles: 5 };
    expect(estimateRun(c, run([7], 0), { text, image }).stages[6]!.calls).toBe(0);
    expect(estimateRun(c, run([4]), { text, image }).total.calls).toBe(0);
    expect(estimateRun({ ...c, contentsToReview: 0 }, run([7]), { text, image }).stages[6]!.calls).toBe(0);
  });
});
