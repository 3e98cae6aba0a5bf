import { createHash, type Hash } from 'node:crypto';
import { tokensOf } from './fake-http.js';
import type { FakePromptCache } from './fake-types.js';

/** The fake counts a token per 4 characters (tokensOf); cache boundaries are counted the same way. */
const CHARS_PER_TOKEN = 4;
/** OpenAI caches prompts of 1,024 tokens and more, and reports hits in steps of 128 tokens. */
export const OPENAI_CACHE_MIN_TOKENS = 1024;
export const OPENAI_CACHE_STEP_TOKENS = 128;

/**
 * Anthropic's minimum cacheable prefix per model (tokens): shorter marked prefixes are not cached
 * and report no cache figures at all.
 */
export function anthropicCacheMinTokens(model: string): number {
  if (/opus-4-5|haiku-4-5/.test(model)) return 4096;
  if (/haiku/.test(model)) return 2048;
  return 1024;
}

const hashUpTo = (h: Hash) => h.copy().digest('hex');

export function createFakePromptCache(): FakePromptCache {
  const openAiSeen = new Set<string>();
  const anthropicSeen = new Set<string>();
  return {
    openAi(model, seed, prompt) {
      const step = OPENAI_CACHE_STEP_TOKENS * CHARS_PER_TOKEN;
      const h = createHash('sha1').update(`${model}\0${seed}\0`);
      let at = 0;
      let hit = 0;
      // A hash per 128-token boundary from 1,024 tokens: the longest boundary seen before is the hit.
      for (let end = OPENAI_CACHE_MIN_TOKENS * CHARS_PER_TOKEN; end <= prompt.length; end += step) {
        h.update(prompt.slice(at, end));
        at = end;
        const id = hashUpTo(h);
        if (openAiSeen.has(id)) hit = end / CHARS_PER_TOKEN;
        else openAiSeen.add(id);
      }
      return hit;
    },
    anthropic(model, breakpoints) {
      const min = anthropicCacheMinTokens(model);
      let read = 0;
      let last = 0;
      for (const bp of breakpoints) {
        if (bp.tokens < min) continue;
        const id = createHash('sha1').update(`${model}\0${bp.key}`).digest('hex');
        if (anthropicSeen.has(id)) read = Math.max(read, bp.tokens);
        else anthropicSeen.add(id);
        last = Math.max(last, bp.tokens);
      }
      return { read, write: Math.max(0, last - read) };
    },
  };
}

/** Tokens of a prefix as the fake counts a prompt (texts joined by newlines). */
export const prefixTokens = (texts: string[]) => tokensOf(texts.join('\n'));
