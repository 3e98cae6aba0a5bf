import { isSandboxTextFunction, sandboxAnswer } from './sandbox-generate.js';
import { topicOf } from './sandbox-text.provider.js';

/** The part of the fake provider server's request that the sandbox needs (FakeTextRequest fits). */
export interface SandboxRespondRequest {
  schemaName?: string;
  messages: Array<{ role: string; content: string }>;
}

/**
 * A `respond` hook for the fake provider server (src/testing): structured calls named after an
 * igny8 AI function get the sandbox's rich answer over the real OpenAI/Anthropic wire protocols;
 * anything else is left to the fake server's own schema sampler (undefined).
 * @example await createFakeProviderServer({ respond: sandboxRespond })
 */
export function sandboxRespond(req: SandboxRespondRequest): Record<string, unknown> | undefined {
  if (!isSandboxTextFunction(req.schemaName)) return undefined;
  return sandboxAnswer(req.schemaName, req.messages, topicOf(req.messages)) as Record<string, unknown>;
}
