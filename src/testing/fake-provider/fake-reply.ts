import { createPrng } from '../../util/prng.js';
import { sampleFromSchema } from './schema-sample.js';
import { FakeRefusal, type FakeTextRequest, type RouteContext } from './fake-types.js';

export type TextReply =
  | { kind: 'text'; text: string }
  | { kind: 'json'; value: unknown; text: string }
  | { kind: 'refusal'; message: string };

/** A few words from the last user message, to make synthesized strings look on topic. */
export function topicOf(messages: FakeTextRequest['messages']): string {
  const last = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const words = last
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 6);
  return words.join(' ').toLowerCase() || 'sample topic';
}

/** What the fake model says: the `respond` override if it answers, else a schema-valid sample or a labelled text. */
export async function buildReply(ctx: RouteContext, req: FakeTextRequest): Promise<TextReply> {
  const custom = ctx.options.respond ? await ctx.options.respond(req) : undefined;
  if (custom instanceof FakeRefusal) return { kind: 'refusal', message: custom.message };
  if (typeof custom === 'string') return { kind: 'text', text: custom };
  if (custom !== undefined) return { kind: 'json', value: custom, text: JSON.stringify(custom) };
  const topic = topicOf(req.messages);
  if (req.schema) {
    // Content draws from its own PRNG so the fault pattern does not depend on the schemas asked for.
    const value = sampleFromSchema(req.schema, {
      rand: createPrng((ctx.options.seed ?? 1) * 7919 + req.callIndex),
      topic,
    });
    return { kind: 'json', value, text: JSON.stringify(value) };
  }
  return { kind: 'text', text: `[fake ${req.model}] A canned answer about ${topic}.` };
}
