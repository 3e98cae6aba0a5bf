import type { TextProvider } from '../provider.types.js';
import type { AdapterOptions } from './adapter-options.js';
import { createOpenAiTextProvider } from './openai-text.provider.js';

/** Sent when an endpoint needs no key (Ollama, LM Studio): the SDK insists on one. */
export const NO_KEY = 'no-key';

/**
 * Any OpenAI-compatible endpoint (Ollama, vLLM, LM Studio, OpenRouter, Gemini's compatible API) by
 * base URL, with the json_schema → json_object fallback for servers that do not know json_schema.
 * @example createCompatibleTextProvider({ name: 'ollama', apiKey: '', baseUrl: 'http://localhost:11434/v1' })
 */
export function createCompatibleTextProvider(options: AdapterOptions & { baseUrl: string }): TextProvider {
  return createOpenAiTextProvider({
    ...options,
    apiKey: options.apiKey || NO_KEY,
    kind: 'compatible',
    jsonFallback: true,
  });
}
