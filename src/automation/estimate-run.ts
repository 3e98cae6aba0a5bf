import type { AiModel } from '../models/index.js';
import { imageCredits, textCredits } from '../models/pricing.js';
import { batchPriceFactor } from '../providers/batch-pricing.js';
import { MAX_LINK_REVISITS } from '../writer/index.js';
import type { RunOptions } from './run-options.schema.js';
import { STAGES, type StageKey } from './stages.js';

/** Rows eligible at each stage right now. */
export interface StageCounts {
  newKeywords: number;
  newClusters: number;
  newIdeas: number;
  queuedTasks: number;
  contentsWithoutImagePrompts: number;
  pendingImages: number;
  contentsToReview: number;
  /** Stage 8: refreshes waiting for their rewrite, and approved ones waiting to be published. */
  refreshesToRewrite?: number;
  refreshesToPublish?: number;
  /** Average target words of queued ideas/tasks (defaults to 1,500). */
  avgTargetWords?: number;
  /**
   * Articles in review that stage 7 may revisit because a sibling of their cluster is still to be
   * written or reviewed (see stage-counts.ts); each revisit is one suggest_links call.
   */
  relinkableArticles?: number;
  /** Clusters local clustering will make of the new keywords (else a keywords-per-cluster guess). */
  projectedClusters?: number;
}

export interface StagePlan {
  stage: number;
  key: StageKey;
  label: string;
  items: number;
  calls: number;
  tokensIn: number;
  tokensOut: number;
  images: number;
  credits: number;
  usd: number;
}

export interface RunEstimate {
  stages: StagePlan[];
  total: { calls: number; tokens: number; images: number; credits: number; usd: number };
  /** Credits the balance must cover before a run starts: estimate + 20%. */
  required: number;
  models: { text: string; image: string };
  /** How text calls were priced: the batch factor (1 when synchronous) and the input share read from the cache. */
  pricing: { batch: boolean; batchFactor: number; cachedInputShare: number; cacheSavedUsd: number };
}

// Token budgets per call, measured on the sandbox prompts and rounded up; an estimate should err high.
// Keywords per cluster, for when the real count is not projected (the fixture's average is 3.6).
const KEYWORDS_PER_LOCAL_CLUSTER = 3;
const TOKENS = {
  cluster: { inPerKeyword: 14, outPerKeyword: 18, base: 700 },
  ideas: { in: 900, outPerIdea: 500 },
  write: { in: 1_400, outPerWord: 1.8 },
  imagePrompts: { in: 1_200, out: 500 },
  // The article's text goes in (about 1.6 tokens a word with markup stripped) plus the candidates.
  links: { in: 1_200, inPerWord: 1.6, out: 400 },
};
const MINIMUM = { cluster: 2, ideas: 1, write: 3, imagePrompts: 1, links: 1 };

/**
 * The share of a call's input that is its stable prefix (instructions, site context, voice), read
 * from the prompt cache from a stage's second call on. P8 measures at least 0.60 on the writing stage;
 * 0.5 keeps the estimate erring high. Models without a cache-read price are billed in full.
 */
export const CACHED_INPUT_SHARE = 0.5;

/** USD of a stage's text calls: the first writes the prefix to the cache, the rest read it. */
function usdTextAt(model: AiModel, tokensIn: number, tokensOut: number, calls = 1, batchFactor = 1): number {
  const price = (p: number | null | undefined) => (p ?? 0) / 1_000_000;
  const input = price(model.inputPrice);
  let usd = tokensIn * input + tokensOut * price(model.outputPrice);
  if (model.cachedInputPrice != null && calls > 0) {
    const prefix = (tokensIn / calls) * CACHED_INPUT_SHARE;
    usd += prefix * (price(model.cacheWritePrice ?? model.inputPrice) - input);
    usd += prefix * (calls - 1) * (price(model.cachedInputPrice) - input);
  }
  return usd * batchFactor;
}

/**
 * Pure: the per-stage plan of a run from what is eligible now, projecting what earlier stages will
 * create (clusters → ideas → tasks → articles → images). `--dry-run` prints exactly this.
 */
export function estimateRun(
  counts: StageCounts,
  options: RunOptions,
  models: { text: AiModel; image: AiModel },
): RunEstimate {
  const on = (n: number) => options.stages.includes(n);
  const cap = (n: number) => (options.maxItemsPerStage ? Math.min(n, options.maxItemsPerStage) : n);
  const plans: StagePlan[] = [];
  const plan = (n: number, p: Omit<StagePlan, 'stage' | 'key' | 'label'>) => {
    const s = STAGES[n - 1]!;
    plans.push({ stage: s.n, key: s.key, label: s.label, ...p, usd: Math.round(p.usd * 10_000) / 10_000 });
  };
  const text = models.text;
  // Batch mode halves text calls where the provider has a batch API (the sandbox answers at once);
  // holds and charges are the credits × factor, rounded up per call as run-text holds them.
  const batchFactor = options.batch && text.provider !== 'sandbox' ? batchPriceFactor(text.provider) : 1;
  const perCall = (tin: number, tout: number, min: number) =>
    Math.ceil(textCredits(text, tin + tout, min) * batchFactor);
  let cacheSavedUsd = 0;
  const usdText = (tin: number, tout: number, calls: number) => {
    const usd = usdTextAt(text, tin, tout, calls, batchFactor);
    cacheSavedUsd += usdTextAt(text, tin, tout, 0, batchFactor) - usd;
    return usd;
  };

  // 1 keywords → clusters
  const kw = on(1) ? counts.newKeywords : 0;
  let clustersMade = 0;
  if (options.clusterMethod === 'ai' && kw > 0) {
    const batches = Math.ceil(kw / options.batchSize);
    const items = cap(batches);
    const kwIn = Math.min(kw, items * options.batchSize);
    const tin = items * TOKENS.cluster.base + kwIn * TOKENS.cluster.inPerKeyword;
    const tout = kwIn * TOKENS.cluster.outPerKeyword;
    const credits = Array.from({ length: items }, (_, i) => {
      const size = Math.min(options.batchSize, kwIn - i * options.batchSize);
      return perCall(
        TOKENS.cluster.base + size * TOKENS.cluster.inPerKeyword,
        size * TOKENS.cluster.outPerKeyword,
        MINIMUM.cluster,
      );
    }).reduce((a, b) => a + b, 0);
    clustersMade = Math.ceil(kwIn / KEYWORDS_PER_LOCAL_CLUSTER);
    plan(1, {
      items: kwIn,
      calls: items,
      tokensIn: tin,
      tokensOut: tout,
      images: 0,
      credits,
      usd: usdText(tin, tout, items),
    });
  } else {
    clustersMade = counts.projectedClusters ?? Math.ceil(kw / KEYWORDS_PER_LOCAL_CLUSTER);
    plan(1, { items: kw, calls: 0, tokensIn: 0, tokensOut: 0, images: 0, credits: 0, usd: 0 });
  }

  // 2 clusters → ideas
  const clusters = on(2) ? cap(counts.newClusters + clustersMade) : 0;
  const ideaOut = options.ideasPerCluster * TOKENS.ideas.outPerIdea;
  plan(2, {
    items: clusters,
    calls: clusters,
    tokensIn: clusters * TOKENS.ideas.in,
    tokensOut: clusters * ideaOut,
    images: 0,
    credits: clusters * perCall(TOKENS.ideas.in, ideaOut, MINIMUM.ideas),
    usd: usdText(clusters * TOKENS.ideas.in, clusters * ideaOut, clusters),
  });

  // 3 ideas → tasks (free)
  const ideas = on(3) ? cap(counts.newIdeas + clusters * options.ideasPerCluster) : 0;
  plan(3, { items: ideas, calls: 0, tokensIn: 0, tokensOut: 0, images: 0, credits: 0, usd: 0 });

  // 4 tasks → articles
  const tasks = on(4) ? cap(counts.queuedTasks + ideas) : 0;
  const writeOut = Math.ceil((counts.avgTargetWords ?? 1_500) * TOKENS.write.outPerWord);
  plan(4, {
    items: tasks,
    calls: tasks,
    tokensIn: tasks * TOKENS.write.in,
    tokensOut: tasks * writeOut,
    images: 0,
    credits: tasks * perCall(TOKENS.write.in, writeOut, MINIMUM.write),
    usd: usdText(tasks * TOKENS.write.in, tasks * writeOut, tasks),
  });

  // 5 articles → image prompts
  const articles = on(5) ? cap(counts.contentsWithoutImagePrompts + tasks) : 0;
  plan(5, {
    items: articles,
    calls: articles,
    tokensIn: articles * TOKENS.imagePrompts.in,
    tokensOut: articles * TOKENS.imagePrompts.out,
    images: 0,
    credits: articles * perCall(TOKENS.imagePrompts.in, TOKENS.imagePrompts.out, MINIMUM.imagePrompts),
    usd: usdText(articles * TOKENS.imagePrompts.in, articles * TOKENS.imagePrompts.out, articles),
  });

  // 6 image prompts → images
  const images = on(6) ? cap(counts.pendingImages + articles * (1 + options.maxImages)) : 0;
  plan(6, {
    items: images,
    calls: images,
    tokensIn: 0,
    tokensOut: 0,
    images,
    credits: imageCredits(models.image, images),
    usd: images * (models.image.imagePrice ?? 0),
  });

  // 7 review: SEO checks are free; link suggestions are one small call per article when enabled,
  // plus one per earlier article of the same cluster revisited when its sibling lands (each at most
  // once: the revisit sees every sibling written before it; never more than the new articles allow).
  const review = on(7) ? cap(counts.contentsToReview + tasks) : 0;
  const revisits = Math.min(counts.relinkableArticles ?? 0, review * MAX_LINK_REVISITS);
  const linkCalls = options.maxLinks > 0 ? review + revisits : 0;
  const linkIn = TOKENS.links.in + Math.ceil((counts.avgTargetWords ?? 1_500) * TOKENS.links.inPerWord);
  plan(7, {
    items: review,
    calls: linkCalls,
    tokensIn: linkCalls * linkIn,
    tokensOut: linkCalls * TOKENS.links.out,
    images: 0,
    credits: linkCalls * perCall(linkIn, TOKENS.links.out, MINIMUM.links),
    usd: usdText(linkCalls * linkIn, linkCalls * TOKENS.links.out, linkCalls),
  });

  // 8 refresh (opt-in): a rewrite and a link-suggestion call per post; publishing in place is free
  if (on(8)) {
    const posts = cap(counts.refreshesToRewrite ?? 0);
    const words = counts.avgTargetWords ?? 1_500;
    const rin = TOKENS.write.in + Math.ceil(words * TOKENS.links.inPerWord);
    const rout = Math.ceil(words * TOKENS.write.outPerWord * 1.2);
    const calls = posts * (options.maxLinks > 0 ? 2 : 1);
    const linkCredits = options.maxLinks > 0 ? perCall(linkIn, TOKENS.links.out, MINIMUM.links) : 0;
    const tin = posts * (rin + (options.maxLinks > 0 ? linkIn : 0));
    const tout = posts * (rout + (options.maxLinks > 0 ? TOKENS.links.out : 0));
    plan(8, {
      items: posts + cap(counts.refreshesToPublish ?? 0),
      calls,
      tokensIn: tin,
      tokensOut: tout,
      images: 0,
      credits: posts * (perCall(rin, rout, MINIMUM.write) + linkCredits),
      usd: usdText(tin, tout, calls),
    });
  }

  const total = plans.reduce(
    (t, p) => ({
      calls: t.calls + p.calls,
      tokens: t.tokens + p.tokensIn + p.tokensOut,
      images: t.images + p.images,
      credits: t.credits + p.credits,
      usd: t.usd + p.usd,
    }),
    { calls: 0, tokens: 0, images: 0, credits: 0, usd: 0 },
  );
  total.usd = Math.round(total.usd * 10_000) / 10_000;
  return {
    stages: plans,
    total,
    required: Math.ceil(total.credits * 1.2),
    models: {
      text: `${text.provider}:${text.modelId}`,
      image: `${models.image.provider}:${models.image.modelId}`,
    },
    pricing: {
      batch: options.batch,
      batchFactor,
      cachedInputShare: text.cachedInputPrice != null ? CACHED_INPUT_SHARE : 0,
      cacheSavedUsd: Math.round(cacheSavedUsd * 10_000) / 10_000,
    },
  };
}
