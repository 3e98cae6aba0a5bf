import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
} from 'openai/resources/chat/completions';
import { lazy } from '../../util/lazy.js';
import { classifyProviderError } from '../classify-error.js';
import { ProviderError } from '../provider-error.js';
import type { ProviderKind, TextProvider, TextRequest, TextResponse } from '../provider.types.js';
import { parseRateLimitHeaders } from '../rate-limit-headers.js';
import type { AdapterOptions } from './adapter-options.js';
import { openAiBatchApi } from './openai-batch.js';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

export interface OpenAiTextOptions extends AdapterOptions {
  kind?: 'openai' | 'compatible';
  /**
   * Compatible endpoints only: when the endpoint rejects `json_schema` (400), fall back to
   * `json_object` with the schema in the prompt, and remember that per base URL.
   */
  jsonFallback?: boolean;
}

type Mode = 'json_schema' | 'json_object' | 'text';

/** Base URLs that answered 400 to json_schema but accepted json_object (process-wide memory). */
const jsonSchemaRejected = new Set<string>();

/** Forget which endpoints rejected json_schema (tests). */
export function resetJsonSchemaMemory(): void {
  jsonSchemaRejected.clear();
}

/** OpenAI requires ^[a-zA-Z0-9_-]{1,64}$ for schema and tool names. */
export function safeSchemaName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'output';
}

function buildParams(
  req: TextRequest,
  mode: Mode,
  kind: ProviderKind,
): ChatCompletionCreateParamsNonStreaming {
  const messages: ChatCompletionCreateParamsNonStreaming['messages'] = req.messages.map((m) => ({
    role: m.role,
    content: m.content,
  }));
  const params: ChatCompletionCreateParamsNonStreaming = { model: req.model, messages };
  if (req.temperature !== undefined) params.temperature = req.temperature;
  // Compatible servers may reject unknown fields; only OpenAI itself routes by prompt_cache_key.
  if (req.cacheKey && kind === 'openai') params.prompt_cache_key = req.cacheKey;
  if (req.maxOutputTokens !== undefined) {
    // OpenAI's newer models only take max_completion_tokens; most compatible servers only max_tokens.
    if (kind === 'openai') params.max_completion_tokens = req.maxOutputTokens;
    else params.max_tokens = req.maxOutputTokens;
  }
  if (req.jsonSchema && mode === 'json_schema') {
    params.response_format = {
      type: 'json_schema',
      json_schema: {
        name: safeSchemaName(req.jsonSchema.name),
        schema: req.jsonSchema.schema,
        strict: false,
      },
    };
  } else if (req.jsonSchema && mode === 'json_object') {
    params.response_format = { type: 'json_object' };
    messages.push({
      role: 'system',
      content:
        'Reply with one JSON object only (no prose, no code fences) that validates against this JSON Schema:\n' +
        JSON.stringify(req.jsonSchema.schema),
    });
  }
  return params;
}

/** Some local servers wrap JSON in ``` fences even in JSON mode. */
function stripFences(text: string): string {
  const m = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(text);
  return m ? m[1]! : text;
}

function finishReason(reason: string | null | undefined): TextResponse['finishReason'] {
  if (reason === 'stop' || reason === 'tool_calls' || reason === 'function_call') return 'stop';
  if (reason === 'length') return 'length';
  if (reason === 'content_filter') return 'content_filter';
  return 'other';
}

function toResponse(
  data: ChatCompletion | unknown,
  headers: Headers,
  req: TextRequest,
  name: string,
  mode: Mode,
): TextResponse {
  const completion = data as Partial<ChatCompletion> | null;
  if (!completion || typeof completion !== 'object' || !Array.isArray(completion.choices)) {
    throw new ProviderError('invalid_output', `${name}: the response is not a chat completion`, {
      provider: name,
      unparseable: true,
    });
  }
  const choice = completion.choices[0];
  if (!choice?.message) {
    throw new ProviderError('invalid_output', `${name}: the response has no message`, {
      provider: name,
      unparseable: true,
    });
  }
  const { message } = choice;
  if (message.refusal || (choice.finish_reason === 'content_filter' && !message.content)) {
    throw new ProviderError('refused', `${name}: the model refused: ${message.refusal ?? 'content filter'}`, {
      provider: name,
    });
  }
  const usage = completion.usage;
  const text = message.content ?? '';
  return {
    text: mode === 'json_object' ? stripFences(text) : text,
    usage: {
      tokensIn: usage?.prompt_tokens ?? 0,
      tokensOut: usage?.completion_tokens ?? 0,
      tokensCached: usage?.prompt_tokens_details?.cached_tokens ?? 0,
      images: 0,
    },
    provider: name,
    model: completion.model ?? req.model,
    finishReason: finishReason(choice.finish_reason),
    rateLimit: parseRateLimitHeaders(headers),
  };
}

/**
 * OpenAI (and OpenAI-compatible) chat completions through the official SDK, SDK retries off.
 * Structured output: `response_format: json_schema` (strict false, so any JSON Schema zod emits works).
 * @example createOpenAiTextProvider({ name: 'openai', apiKey }).generateText({ model: 'gpt-4o-mini', messages })
 */
export function createOpenAiTextProvider(options: OpenAiTextOptions): TextProvider {
  const kind = options.kind ?? 'openai';
  const baseURL = options.baseUrl ?? OPENAI_BASE_URL;
  // Explicit everything: the SDK would otherwise read OPENAI_* variables and could send the OpenAI
  // key to a third-party compatible endpoint.
  // The SDK loads on the first call (P11: commands that never call a provider don't pay for it).
  const client = lazy(async () => {
    const { default: OpenAI } = await import('openai');
    return new OpenAI({
      apiKey: options.apiKey,
      baseURL,
      organization: null,
      project: null,
      maxRetries: 0,
      // The core never prints; failures reach the caller as classified errors.
      logLevel: 'off',
      timeout: options.timeoutMs ?? 600_000,
      fetch: options.fetch,
    });
  });
  const secrets = [options.apiKey];
  const classify = (err: unknown) => classifyProviderError(err, { provider: options.name, secrets });

  const call = async (req: TextRequest, mode: Mode) => {
    const c = await client();
    try {
      return await c.chat.completions
        .create(buildParams(req, mode, kind), { signal: req.signal })
        .withResponse();
    } catch (err) {
      throw classify(err);
    }
  };

  return {
    name: options.name,
    kind,
    // Compatible endpoints rarely implement the Batch API: only OpenAI itself batches.
    ...(kind === 'openai'
      ? {
          batch: openAiBatchApi(client, options.name, classify, {
            params: (req) => buildParams(req, 'json_schema', kind),
            read: (body, req) => toResponse(body, new Headers(), req, options.name, 'json_schema'),
          }),
        }
      : {}),
    async generateText(req) {
      const wanted: Mode = !req.jsonSchema
        ? 'text'
        : options.jsonFallback && jsonSchemaRejected.has(baseURL)
          ? 'json_object'
          : 'json_schema';
      try {
        const { data, response } = await call(req, wanted);
        return toResponse(data, response.headers, req, options.name, wanted);
      } catch (err) {
        const e = err as ProviderError;
        if (!(options.jsonFallback && wanted === 'json_schema' && e.providerStatus === 400)) throw err;
        const { data, response } = await call(req, 'json_object');
        jsonSchemaRejected.add(baseURL);
        return toResponse(data, response.headers, req, options.name, 'json_object');
      }
    },
    async ping() {
      const c = await client();
      try {
        await c.models.list();
      } catch (err) {
        throw classify(err);
      }
    },
  };
}
