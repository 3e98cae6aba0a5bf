import { createHash } from 'node:crypto';
import { transaction } from '../db/index.js';
import { Igny8Error, isIgny8Error, parseInput } from '../errors/index.js';
import type { AiModel } from '../models/index.js';
import { cacheSavingsUsd, textCredits, usageUsd } from '../models/pricing.js';
import { assertRequiredVariables, renderPrompt, splitPrompt } from '../prompts/index.js';
import { withProviderNotices } from '../providers/provider-notices.js';
import type { ChatMessage, Usage, UsageCheck } from '../providers/provider.types.js';
import type { Scope } from '../tenancy/scope.js';
import { newId } from '../util/ids.js';
import type { AiRunMeta, AnyTextAiFunction } from './ai-function.js';
import type { AiEngineDeps, AiRunOptions, AiRunResult } from './engine.types.js';
import { releaseQuietly, reserveHold } from './hold.js';
import { parseOutput, repairMessage, salvageOutput } from './parse-output.js';
import { createProgress } from './progress.js';
import { resultSaver } from './result-saver.js';
import { providerJsonSchema } from './provider-schema.js';
import { resolveModel, textProviderFor } from './resolve-provider.js';
import { currentBatchItem } from './batch/batch-context.js';
import { batchPriceFactor } from '../providers/batch-pricing.js';

/** Sent with every text call; the template (overridable) carries the task itself. */
export const SYSTEM_PROMPT =
  'You are igny8, an expert SEO strategist and writer. Follow the instructions exactly. Reply with one JSON ' +
  'object matching the requested schema: no prose, no code fences. Never invent facts, statistics, prices, ' +
  'quotes or URLs; when unsure, write around them.';

export const zeroUsage = (): Usage => ({ tokensIn: 0, tokensOut: 0, tokensCached: 0, images: 0 });

export function addUsage(total: Usage, u: Usage): void {
  total.tokensIn += u.tokensIn;
  total.tokensOut += u.tokensOut;
  total.tokensCached += u.tokensCached;
  total.tokensCacheWrite = (total.tokensCacheWrite ?? 0) + (u.tokensCacheWrite ?? 0);
  total.images += u.images;
}

/** The output budget asked of the model: the function's wish within the model's limit. */
export const outputBudget = (fn: AnyTextAiFunction, input: unknown, model: AiModel) =>
  Math.min(fn.maxOutputTokens(input), model.maxOutput ?? Number.POSITIVE_INFINITY);

/** Pure: the credits held before a call — tokens in from prompt length ÷ 4, plus the whole output budget. */
export function estimateTextCredits(model: AiModel, promptChars: number, maxOutput: number, minimum: number) {
  const tokensIn = Math.ceil(promptChars / 4);
  return { tokensIn, tokensOut: maxOutput, credits: textCredits(model, tokensIn + maxOutput, minimum) };
}

/** Holds of batched calls live past the provider's 24-hour completion window. */
const BATCH_HOLD_TTL_MS = 26 * 3_600_000;

/**
 * Pure: the messages of a call. The stable prefix of the rendered template joins the system prompt
 * in one message marked for caching; the variable part (the item) is the user message.
 */
export function promptMessages(rendered: string): ChatMessage[] {
  const { prefix, variable } = splitPrompt(rendered);
  return [
    { role: 'system', content: prefix ? `${SYSTEM_PROMPT}\n\n${prefix}` : SYSTEM_PROMPT, cache: true },
    { role: 'user', content: variable },
  ];
}

/** Calls of one function for one site share a prefix: route them to the same cache (no ids in clear). */
export const promptCacheKey = (scope: Scope, fn: string) =>
  `igny8-${createHash('sha256')
    .update(`${scope.accountId}|${scope.siteId ?? ''}|${fn}`)
    .digest('hex')
    .slice(0, 32)}`;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 1900);

/** One text function run: prompt → reserve → call → validate (one repair) → settle, or release on failure. */
export async function runText(
  deps: AiEngineDeps,
  scope: Scope,
  fn: AnyTextAiFunction,
  rawInput: unknown,
  opts: AiRunOptions,
): Promise<AiRunResult<unknown>> {
  const input = parseInput(fn.input, rawInput, `${fn.name} input`);
  const persist = resultSaver(deps, fn.name, opts);
  const progress = createProgress(fn.name, opts.item, persist ? 5 : 4, opts.onProgress);
  const resolved = await resolveModel(deps, scope, fn.name, 'text', opts.model);
  const { model } = resolved;
  const base = {
    model: `${model.provider}:${model.modelId}`,
    provider: model.provider,
    sandbox: resolved.sandbox,
  };
  const opId = opts.opId ?? `${fn.name}:${newId()}`;

  const skipped = fn.skip?.(input);
  if (skipped !== undefined) {
    progress.emit('done', 0);
    return { ...base, output: skipped, usage: zeroUsage(), credits: 0, usd: 0, opId, repaired: false };
  }

  const prompt = await deps.prompts.get(scope, fn.promptKey, opts.taskPromptOverride);
  // An override stored before this check existed is refused here, before any credit is held.
  if (prompt.source !== 'default')
    assertRequiredVariables(
      fn.promptKey,
      prompt.body,
      deps.prompts.requiredVariables(fn.promptKey),
      prompt.source,
    );
  const messages = promptMessages(renderPrompt(prompt.body, fn.promptVars(input)));
  const maxOutputTokens = outputBudget(fn, input, model);
  const estimate = estimateTextCredits(
    model,
    messages[0]!.content.length + messages[1]!.content.length,
    maxOutputTokens,
    fn.minimumCredits,
  );
  // Resolve the adapter before holding credits: a missing key must not leave a hold behind.
  const provider = await textProviderFor(deps, scope, resolved);
  // Batch mode: the first call goes through the provider's batch API, held and charged at its price.
  const batchItem = currentBatchItem();
  const batched =
    batchItem && !resolved.sandbox && batchItem.batcher.supports(provider) ? batchItem : undefined;
  const factor = batched ? batchPriceFactor(provider.kind) : 1;
  const hold = await reserveHold(deps, scope, opId, Math.ceil(estimate.credits * factor), fn.name, {
    // An answer can take up to 24 h; the hold must outlive the wait (the sweeper frees it after).
    ...(batched ? { ttlMs: BATCH_HOLD_TTL_MS } : {}),
  }).catch((err: unknown) => {
    progress.emit('failed', 0, { message: errorText(err) });
    throw err;
  });
  progress.emit('reserve', hold.amount);

  const usage = zeroUsage();
  // The part of `usage` answered through the batch API (billed at `factor`).
  const batchUsage = zeroUsage();
  // Whether any call's figures are our tokenizer's count, and the implausible ones the provider sent.
  let estimated = false;
  let reported: Required<UsageCheck>['reported'] | undefined;
  const object = opts.object ?? fn.object?.(input);
  const usageInput = (error?: string) => ({
    operation: fn.name,
    provider: model.provider,
    model: model.modelId,
    ...usage,
    usd: meteredUsd(),
    usdCacheSaved: cacheSavingsUsd(model, usage),
    usdBatchSaved: batchSavedUsd(),
    objectType: object?.type,
    objectId: object?.id,
    siteId: scope.siteId,
    error,
    estimated,
    reported,
  });
  const meta = { fn: fn.name, opId: hold.opId, ...(opts.item ? { item: opts.item } : {}) };
  // Credits at the registry price, the batched tokens (and the minimum) at the batch price.
  const meteredCredits = () => {
    const batchTokens = batchUsage.tokensIn + batchUsage.tokensOut;
    const tokens = usage.tokensIn + usage.tokensOut - batchTokens * (1 - factor);
    return textCredits(model, tokens, fn.minimumCredits * factor);
  };
  // Only the batched tokens were discounted: a repair call went synchronously at the full price.
  const batchSavedUsd = () => Math.round(usageUsd(model, batchUsage) * (1 - factor) * 1e9) / 1e9;
  const meteredUsd = () => {
    const full = usageUsd(model, usage);
    return Math.round((full - usageUsd(model, batchUsage) * (1 - factor)) * 1e9) / 1e9;
  };
  let calls = 0;
  const call = async (msgs: ChatMessage[], budget = maxOutputTokens) => {
    const request = {
      model: model.modelId,
      messages: msgs,
      jsonSchema: { name: fn.name, schema: providerJsonSchema(fn.output) },
      maxOutputTokens: budget,
      signal: opts.signal,
      meta,
      cacheKey: promptCacheKey(scope, fn.name),
    };
    // Only the first call is batched: a repair goes synchronously rather than waiting another day.
    const viaBatch = batched && calls++ === 0;
    const res = viaBatch
      ? await batched.batcher.request(provider, request, hold.opId, batched.itemId)
      : await withProviderNotices(
          (n) => progress.notice(n, hold.amount),
          () => provider.generateText(request),
        );
    addUsage(usage, res.usage);
    if (viaBatch) addUsage(batchUsage, res.usage);
    estimated ||= res.usageCheck?.estimated === true;
    const r = res.usageCheck?.reported;
    if (r) {
      reported ??= { tokensIn: 0, tokensOut: 0, tokensCached: 0 };
      reported.tokensIn += r.tokensIn;
      reported.tokensOut += r.tokensOut;
      reported.tokensCached += r.tokensCached;
    }
    return res;
  };

  let output: unknown;
  let repaired = false;
  let charged: number;
  try {
    const first = await call(messages);
    progress.emit('call', hold.amount);
    let parsed = parseOutput(fn, input, first.text);
    if (!parsed.ok) {
      // An answer cut off at the output limit gets a larger budget for the repair (the hold still caps the charge).
      const cutOff = first.finishReason === 'length';
      const errors = cutOff
        ? ['the answer was cut off at the output limit: be more concise', ...parsed.errors]
        : parsed.errors;
      progress.grow(1);
      progress.emit('repair', hold.amount, { step: false, message: errors.slice(0, 5).join('; ') });
      const second = await call(
        [
          ...messages,
          { role: 'assistant', content: first.text.slice(0, 60_000) || '(empty answer)' },
          { role: 'user', content: repairMessage(errors) },
        ],
        cutOff
          ? Math.min(Math.ceil(maxOutputTokens * 1.5), model.maxOutput ?? Number.POSITIVE_INFINITY)
          : maxOutputTokens,
      );
      progress.emit('repair', hold.amount);
      const retried = parseOutput(fn, input, second.text);
      const salvaged = retried.ok ? retried : salvageOutput(fn, input, second.text);
      parsed = salvaged.ok ? salvaged : salvageOutput(fn, input, first.text);
      if (!parsed.ok) {
        const errors = salvaged.ok ? [] : salvaged.errors;
        throw new Igny8Error(
          'PROVIDER_INVALID_OUTPUT',
          `${fn.name}: the model's answer was invalid, and so was the repair (${errors[0] ?? 'unknown'})`,
          {
            hint: 'Try again, or use a stronger model for this function (config ai.functions.<name>.model).',
            details: { errors: errors.slice(0, 10) },
          },
        );
      }
      repaired = true;
    }
    output = fn.finalize(input, parsed.value);
    progress.emit('validate', hold.amount);
    const credits = Math.min(hold.amount, meteredCredits());
    charged = (await deps.credits.settle(scope, { opId: hold.opId, amount: credits, usage: usageInput() }))
      .charged;
    progress.emit('settle', charged);
  } catch (err) {
    // Still waiting in a provider batch when the run stopped: the hold stays for the resumed run.
    if (isIgny8Error(err) && err.code === 'BATCH_PENDING') throw err;
    await releaseQuietly(deps, scope, hold, usageInput(errorText(err)));
    progress.emit('failed', 0, { message: errorText(err) });
    throw isIgny8Error(err)
      ? err
      : new Igny8Error('INTERNAL', `${fn.name} failed: ${errorText(err)}`, { cause: err });
  }

  const result: AiRunResult<unknown> = {
    ...base,
    output,
    usage,
    credits: charged,
    usd: meteredUsd(),
    opId: hold.opId,
    repaired,
    prompt: { key: prompt.key, version: prompt.version, source: prompt.source },
  };
  if (persist) {
    const runMeta: AiRunMeta = {
      opId: hold.opId,
      provider: provider.name,
      model: result.model,
      sandbox: resolved.sandbox,
      ...usage,
      credits: charged,
      usd: result.usd,
      promptKey: prompt.key,
      promptVersion: prompt.version,
      promptSource: prompt.source,
      repaired,
    };
    result.saved = await transaction(deps.db, async (trx) => {
      await opts.beforeSave?.(trx);
      return persist(trx, scope, input, output, runMeta);
    });
    progress.emit('save', charged);
  }
  progress.emit('done', charged);
  return result;
}
