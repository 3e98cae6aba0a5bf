import type {
  Message,
  MessageCreateParamsNonStreaming,
  TextBlockParam,
  Tool,
} from '@anthropic-ai/sdk/resources/messages';
import { lazy } from '../../util/lazy.js';
import { classifyProviderError } from '../classify-error.js';
import { ProviderError } from '../provider-error.js';
import type { TextProvider, TextRequest, TextResponse } from '../provider.types.js';
import { parseRateLimitHeaders } from '../rate-limit-headers.js';
import type { AdapterOptions } from './adapter-options.js';
import { safeSchemaName } from './openai-text.provider.js';
import { anthropicBatchApi } from './anthropic-batch.js';

/** The SDK's base URL has no `/v1`; it adds the path itself. */
export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';
/** Above this many output tokens we stream: the SDK refuses long non-streaming calls. */
export const ANTHROPIC_STREAM_ABOVE = 8192;
const DEFAULT_MAX_TOKENS = 4096;

/** A forced tool's input must be an object; other schemas are wrapped in `{ result }` and unwrapped. */
function toolSchema(schema: Record<string, unknown>): { schema: Record<string, unknown>; wrapped: boolean } {
  if (schema.type === 'object') return { schema, wrapped: false };
  return {
    schema: { type: 'object', properties: { result: schema }, required: ['result'] },
    wrapped: true,
  };
}

/**
 * The system prompt: plain text, or text blocks when a message is marked for caching, the marked
 * ones ending in an ephemeral cache breakpoint (tools and system above it are then cached).
 */
function systemParam(req: TextRequest): MessageCreateParamsNonStreaming['system'] {
  const system = req.messages.filter((m) => m.role === 'system');
  if (!system.some((m) => m.cache)) return system.map((m) => m.content).join('\n\n') || undefined;
  return system.map((m): TextBlockParam => ({
    type: 'text',
    text: m.content,
    ...(m.cache ? { cache_control: { type: 'ephemeral' } } : {}),
  }));
}

function buildParams(req: TextRequest): { params: MessageCreateParamsNonStreaming; wrapped: boolean } {
  const system = systemParam(req);
  const params: MessageCreateParamsNonStreaming = {
    model: req.model,
    max_tokens: req.maxOutputTokens ?? DEFAULT_MAX_TOKENS,
    messages: req.messages
      .filter((m) => m.role !== 'system')
      .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content })),
  };
  if (system) params.system = system;
  // No temperature: this SDK's params no longer carry sampling settings, and current models reject them.
  let wrapped = false;
  if (req.jsonSchema) {
    const name = safeSchemaName(req.jsonSchema.name);
    const tool = toolSchema(req.jsonSchema.schema);
    wrapped = tool.wrapped;
    params.tools = [
      {
        name,
        description: 'Return the answer as this tool input.',
        input_schema: tool.schema as Tool['input_schema'],
      },
    ];
    params.tool_choice = { type: 'tool', name };
  }
  return { params, wrapped };
}

/** A text answer to a wrapped (non-object) schema may carry the `{ result }` wrapper, prose around it too: drop both. */
function unwrapResult(text: string): string {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  for (const candidate of [text.trim(), start >= 0 && end > start ? text.slice(start, end + 1) : '']) {
    try {
      const value = JSON.parse(candidate) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value) && 'result' in value)
        return JSON.stringify((value as { result: unknown }).result);
    } catch {
      // Not JSON: the AI layer's parser handles fences and prose, or asks for the repair.
    }
  }
  return text;
}

function finishReason(reason: Message['stop_reason']): TextResponse['finishReason'] {
  if (reason === 'end_turn' || reason === 'stop_sequence' || reason === 'tool_use') return 'stop';
  if (reason === 'max_tokens' || reason === 'model_context_window_exceeded') return 'length';
  return 'other';
}

function toResponse(
  msg: Message | unknown,
  headers: Headers | undefined,
  req: TextRequest,
  name: string,
  wrapped: boolean,
): TextResponse {
  const m = msg as Partial<Message> | null;
  if (!m || typeof m !== 'object' || !Array.isArray(m.content)) {
    throw new ProviderError('invalid_output', `${name}: the response is not a message`, {
      provider: name,
      unparseable: true,
    });
  }
  if (m.stop_reason === 'refusal') {
    throw new ProviderError('refused', `${name}: the model refused the request`, { provider: name });
  }
  let text: string;
  const tool = req.jsonSchema ? m.content.find((b) => b.type === 'tool_use') : undefined;
  if (tool && tool.type === 'tool_use') {
    const input = tool.input as Record<string, unknown>;
    text = JSON.stringify(wrapped ? input.result : input);
  } else {
    // No tool call (models do answer in prose or a text block of JSON despite tool_choice): hand the
    // text on, so the AI layer parses the JSON from it or takes its one repair, as with OpenAI.
    text = m.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    if (wrapped) text = unwrapResult(text);
  }
  const u = m.usage;
  const cacheRead = u?.cache_read_input_tokens ?? 0;
  return {
    text,
    usage: {
      tokensIn: (u?.input_tokens ?? 0) + cacheRead + (u?.cache_creation_input_tokens ?? 0),
      tokensOut: u?.output_tokens ?? 0,
      tokensCached: cacheRead,
      tokensCacheWrite: u?.cache_creation_input_tokens ?? 0,
      images: 0,
    },
    provider: name,
    model: m.model ?? req.model,
    finishReason: finishReason(m.stop_reason ?? null),
    rateLimit: parseRateLimitHeaders(headers),
  };
}

/**
 * Anthropic messages through the official SDK, SDK retries off. Structured output is a forced tool
 * whose input is the JSON answer; long outputs (maxOutputTokens > 8192) stream and collect the
 * final message.
 * @example createAnthropicTextProvider({ name: 'anthropic', apiKey }).generateText({ model: 'claude-sonnet-4-5', messages })
 */
export function createAnthropicTextProvider(options: AdapterOptions): TextProvider {
  // The SDK loads on the first call (P11: commands that never call a provider don't pay for it).
  const client = lazy(async () => {
    const { default: Anthropic } = await import('@anthropic-ai/sdk');
    return new Anthropic({
      apiKey: options.apiKey,
      authToken: null,
      baseURL: options.baseUrl ?? ANTHROPIC_BASE_URL,
      maxRetries: 0,
      // The core never prints; failures reach the caller as classified errors.
      logLevel: 'off',
      timeout: options.timeoutMs ?? 600_000,
      fetch: options.fetch,
    });
  });
  const name = options.name;
  const classify = (err: unknown) =>
    classifyProviderError(err, { provider: name, secrets: [options.apiKey] });

  return {
    name,
    kind: 'anthropic',
    batch: anthropicBatchApi(client, name, classify, {
      params: (req) => buildParams(req).params,
      read: (message, req) => toResponse(message, undefined, req, name, buildParams(req).wrapped),
    }),
    async generateText(req) {
      const { params, wrapped } = buildParams(req);
      let msg: Message;
      let headers: Headers | undefined;
      const c = await client();
      try {
        if (params.max_tokens > ANTHROPIC_STREAM_ABOVE) {
          const stream = c.messages.stream(params, { signal: req.signal });
          msg = await stream.finalMessage();
          headers = stream.response?.headers;
        } else {
          const res = await c.messages.create(params, { signal: req.signal }).withResponse();
          msg = res.data;
          headers = res.response.headers;
        }
      } catch (err) {
        throw classify(err);
      }
      return toResponse(msg, headers, req, name, wrapped);
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
