import { transaction } from '../db/index.js';
import { Igny8Error, isIgny8Error, parseInput } from '../errors/index.js';
import { imageCredits, usageUsd } from '../models/pricing.js';
import { assertRequiredVariables, renderPrompt } from '../prompts/index.js';
import type { Scope } from '../tenancy/scope.js';
import { newId } from '../util/ids.js';
import type { AiRunMeta, AnyImageAiFunction } from './ai-function.js';
import type { AiEngineDeps, AiRunOptions, AiRunResult } from './engine.types.js';
import { releaseQuietly, reserveHold } from './hold.js';
import { storeMedia } from './media-store.js';
import { createProgress } from './progress.js';
import { resultSaver } from './result-saver.js';
import { imageProviderFor, resolveModel } from './resolve-provider.js';
import { zeroUsage } from './run-text.js';
import { withProviderNotices } from '../providers/provider-notices.js';

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 1900);

/** One image run: reserve → draw → store by content hash → settle, or release on failure. */
export async function runImage(
  deps: AiEngineDeps,
  scope: Scope,
  fn: AnyImageAiFunction,
  rawInput: unknown,
  opts: AiRunOptions,
): Promise<AiRunResult<unknown>> {
  const input = parseInput(fn.input, rawInput, `${fn.name} input`);
  const persist = resultSaver(deps, fn.name, opts);
  const progress = createProgress(fn.name, opts.item, persist ? 5 : 4, opts.onProgress);
  const resolved = await resolveModel(deps, scope, fn.name, 'image', opts.model);
  const { model } = resolved;
  const provider = await imageProviderFor(deps, scope, resolved);
  const prompt = await deps.prompts.get(scope, fn.promptKey, opts.taskPromptOverride);
  if (prompt.source !== 'default')
    assertRequiredVariables(
      fn.promptKey,
      prompt.body,
      deps.prompts.requiredVariables(fn.promptKey),
      prompt.source,
    );
  const request = {
    ...fn.imageRequest(input, model),
    prompt: renderPrompt(prompt.body, fn.promptVars(input)).trim(),
  };
  const hold = await reserveHold(
    deps,
    scope,
    opts.opId ?? `${fn.name}:${newId()}`,
    imageCredits(model, 1),
    fn.name,
  ).catch((err: unknown) => {
    progress.emit('failed', 0, { message: errorText(err) });
    throw err;
  });
  progress.emit('reserve', hold.amount);

  let usage = zeroUsage();
  let usd = 0;
  const object = opts.object ?? fn.object?.(input);
  const usageInput = (error?: string) => ({
    operation: fn.name,
    provider: model.provider,
    model: model.modelId,
    ...usage,
    usd,
    objectType: object?.type,
    objectId: object?.id,
    siteId: scope.siteId,
    error,
  });

  let output: unknown;
  let charged: number;
  try {
    const res = await withProviderNotices(
      (n) => progress.notice(n, hold.amount),
      () =>
        provider.generateImage({
          model: model.modelId,
          ...request,
          signal: opts.signal,
          meta: { fn: fn.name, opId: hold.opId, ...(opts.item ? { item: opts.item } : {}) },
        }),
    );
    // An image was delivered even when the provider reports no usage.
    usage = { ...res.usage, images: Math.max(1, res.usage.images) };
    usd = res.costUsd ?? usageUsd(model, usage);
    progress.emit('call', hold.amount);
    const stored = await storeMedia(
      deps.mediaDir,
      res.bytes,
      provider.name,
      deps.sharedMedia ? deps.db : undefined,
    );
    output = fn.finalize(input, stored, model);
    progress.emit('store', hold.amount);
    const credits = Math.min(hold.amount, imageCredits(model, usage.images));
    charged = (await deps.credits.settle(scope, { opId: hold.opId, amount: credits, usage: usageInput() }))
      .charged;
    progress.emit('settle', charged);
  } catch (err) {
    await releaseQuietly(deps, scope, hold, usageInput(errorText(err)));
    progress.emit('failed', 0, { message: errorText(err) });
    throw isIgny8Error(err)
      ? err
      : new Igny8Error('INTERNAL', `${fn.name} failed: ${errorText(err)}`, { cause: err });
  }

  const result: AiRunResult<unknown> = {
    model: `${model.provider}:${model.modelId}`,
    provider: model.provider,
    sandbox: resolved.sandbox,
    output,
    usage,
    credits: charged,
    usd,
    opId: hold.opId,
    repaired: false,
    prompt: { key: prompt.key, version: prompt.version, source: prompt.source },
  };
  if (persist) {
    const meta: AiRunMeta = {
      opId: hold.opId,
      provider: provider.name,
      model: result.model,
      sandbox: resolved.sandbox,
      ...usage,
      credits: charged,
      usd,
      promptKey: prompt.key,
      promptVersion: prompt.version,
      promptSource: prompt.source,
      repaired: false,
    };
    result.saved = await transaction(deps.db, async (trx) => {
      await opts.beforeSave?.(trx);
      return persist(trx, scope, input, output, meta);
    });
    progress.emit('save', charged);
  }
  progress.emit('done', charged);
  return result;
}
