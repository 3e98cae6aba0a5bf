import type { ProviderModelRef, TextProvider, TextRequest, TextResponse } from '../provider.types.js';
import { isSandboxTextFunction, sandboxAnswer } from './sandbox-generate.js';

const tokens = (chars: number) => Math.ceil(chars / 4);

/** A few words from the last user message (the topic of a plain-text answer or a fallback input). */
export function topicOf(messages: Array<{ role: string; content: string }>): string {
  const last = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const line = last.split('\n').find((l) => /\p{L}/u.test(l) && !l.startsWith('<!--')) ?? '';
  return line
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 4)
    .join(' ')
    .toLowerCase();
}

/**
 * Offline, deterministic text "model": structured calls for igny8's AI functions get realistic,
 * schema-valid answers built from the prompt's input block; anything else gets a labelled sentence.
 * Usage is counted like a real model would (4 characters a token), so metering works the same.
 */
export function createSandboxTextProvider(model?: ProviderModelRef): TextProvider {
  return {
    name: 'sandbox',
    kind: 'sandbox',
    async generateText(req: TextRequest): Promise<TextResponse> {
      if (req.signal?.aborted) throw req.signal.reason ?? new Error('aborted');
      const fn = req.jsonSchema?.name ?? req.meta?.fn;
      const text = isSandboxTextFunction(fn)
        ? JSON.stringify(sandboxAnswer(fn, req.messages, topicOf(req.messages)))
        : `[igny8 sandbox] Sample answer about ${topicOf(req.messages) || 'your request'}; configure a provider key for real output.`;
      const chars = req.messages.reduce((n, m) => n + m.content.length, 0);
      return {
        text,
        usage: { tokensIn: tokens(chars), tokensOut: tokens(text.length), tokensCached: 0, images: 0 },
        provider: 'sandbox',
        model: req.model || model?.modelId || 'sandbox-text',
        finishReason: 'stop',
      };
    },
    async ping() {},
  };
}
