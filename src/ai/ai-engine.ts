import { imageCredits, usageUsd } from '../models/pricing.js';
import { renderPrompt } from '../prompts/index.js';
import { registerSandbox } from '../providers/index.js';
import { sandboxProviders } from '../providers/sandbox/index.js';
import { AI_FUNCTION_NAMES, type AiFunctionName } from './ai-function.js';
import type { AiEngine, AiEngineDeps, AiEstimate } from './engine.types.js';
import { getAiFunction } from './functions/index.js';
import { parseInput } from '../errors/index.js';
import { resolveModel, type ResolvedModel } from './resolve-provider.js';
import { runImage } from './run-image.js';
import { estimateTextCredits, outputBudget, runText, SYSTEM_PROMPT } from './run-text.js';

/**
 * The AI engine: runs the registered AI functions with metering (reserve → call → settle/release),
 * one repair attempt on invalid output, progress events, and the sandbox when no key is configured.
 * @example const { output, credits } = await core.ai.run(scope, 'generate_ideas', { cluster, count: 5 }, { opId: `ideas:${cluster.id}` })
 */
export function createAiEngine(deps: AiEngineDeps): AiEngine {
  // Models whose provider is "sandbox" are served through the provider registry too.
  registerSandbox(deps.sandbox ?? sandboxProviders);

  const typeOf = (name: AiFunctionName) => (getAiFunction(name).kind === 'image' ? 'image' : 'text');

  return {
    // The registry's types tie each name to its input and output; the runners work on any function.
    run: ((scope, name, input, options = {}) => {
      const fn = getAiFunction(name);
      return fn.kind === 'image'
        ? runImage(deps, scope, fn, input, options)
        : runText(deps, scope, fn, input, options);
    }) as AiEngine['run'],

    async estimate(name, rawInput): Promise<AiEstimate> {
      const fn = getAiFunction(name);
      const input = parseInput(fn.input, rawInput, `${name} input`);
      const model = await deps.models.modelFor(name, typeOf(name));
      const ref = `${model.provider}:${model.modelId}`;
      if (fn.kind === 'image') {
        const usage = { tokensIn: 0, tokensOut: 0, tokensCached: 0, images: 1 };
        return {
          calls: 1,
          tokens: 0,
          tokensIn: 0,
          tokensOut: 0,
          images: 1,
          credits: imageCredits(model, 1),
          usd: usageUsd(model, usage),
          model: ref,
        };
      }
      if (fn.skip?.(input) !== undefined) {
        return { calls: 0, tokens: 0, tokensIn: 0, tokensOut: 0, images: 0, credits: 0, usd: 0, model: ref };
      }
      const prompt = await deps.prompts.getDefault(fn.promptKey);
      const chars = SYSTEM_PROMPT.length + renderPrompt(prompt.body, fn.promptVars(input)).length;
      const e = estimateTextCredits(model, chars, outputBudget(fn, input, model), fn.minimumCredits);
      const usd = usageUsd(model, {
        tokensIn: e.tokensIn,
        tokensOut: e.tokensOut,
        tokensCached: 0,
        images: 0,
      });
      return {
        calls: 1,
        tokens: e.tokensIn + e.tokensOut,
        tokensIn: e.tokensIn,
        tokensOut: e.tokensOut,
        images: 0,
        credits: e.credits,
        usd,
        model: ref,
      };
    },

    async providerNotice(scope) {
      const resolved: ResolvedModel[] = [];
      for (const name of AI_FUNCTION_NAMES)
        resolved.push(await resolveModel(deps, scope, name, typeOf(name)));
      const missing = new Map<string, Set<string>>();
      for (const r of resolved.filter((x) => x.fallback)) {
        const refs = missing.get(r.requested.provider) ?? new Set<string>();
        refs.add(`${r.requested.provider}:${r.requested.modelId}`);
        missing.set(r.requested.provider, refs);
      }
      if (missing.size > 0) {
        const lines = [...missing].map(
          ([provider, refs]) =>
            `No API key for ${provider} (${[...refs].join(', ')}): set one with \`igny8 providers set-key ${provider}\` or ${provider.toUpperCase()}_API_KEY.`,
        );
        return [
          'Using the offline sandbox provider: its articles and images are labelled sample content, not real AI output.',
          ...lines,
        ].join('\n');
      }
      if (resolved.some((r) => r.sandbox)) {
        return 'Using the offline sandbox provider (chosen in the model registry): output is labelled sample content.';
      }
      return null;
    },

    async resolveModel(scope, name, model) {
      const r = await resolveModel(deps, scope, name, typeOf(name), model);
      return { model: r.model, sandbox: r.sandbox, fallback: r.fallback };
    },
  };
}
