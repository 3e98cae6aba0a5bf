import { classifyProviderError } from '../classify-error.js';
import { ProviderError } from '../provider-error.js';
import type { ImageProvider, TextProvider, TextRequest, TextResponse } from '../provider.types.js';
import type { AdapterOptions } from './adapter-options.js';
import { requestJson } from './http-json.js';
import { describeImage } from './image-bytes.js';

export const GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com';

/*
 * Wire format (ai.google.dev/api, REST v1beta; no SDK: two POSTs and a GET):
 *   POST <base>/v1beta/models/<model>:generateContent   x-goog-api-key: <key>
 *   body  { contents: [{ role: 'user'|'model', parts: [{ text }] }], systemInstruction?: { parts },
 *           generationConfig: { maxOutputTokens?, temperature?, responseMimeType?, responseJsonSchema? } }
 *   200   { candidates: [{ content: { parts: [{ text }] }, finishReason }], usageMetadata, promptFeedback? }
 *   POST <base>/v1beta/models/<imagen>:predict
 *   body  { instances: [{ prompt }], parameters: { sampleCount: 1, aspectRatio } }
 *   200   { predictions: [{ bytesBase64Encoded, mimeType }] }
 *   4xx/5xx { error: { code, message, status } }   (429 RESOURCE_EXHAUSTED is a rate limit)
 */
interface GenerateContentResult {
  candidates?: Array<{
    content?: { parts?: Array<{ text?: string; thought?: boolean }> };
    finishReason?: string;
  }>;
  usageMetadata?: {
    promptTokenCount?: number;
    candidatesTokenCount?: number;
    cachedContentTokenCount?: number;
    /** Thinking tokens: billed as output. */
    thoughtsTokenCount?: number;
  };
  promptFeedback?: { blockReason?: string };
  modelVersion?: string;
}

interface PredictResult {
  predictions?: Array<{ bytesBase64Encoded?: string; mimeType?: string; raiFilteredReason?: string }>;
}

const BLOCKED = new Set(['SAFETY', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'RECITATION', 'IMAGE_SAFETY']);
/** Imagen's aspect ratios: width×height picks the nearest one. */
const RATIOS = ['1:1', '3:4', '4:3', '9:16', '16:9'] as const;

export function imagenAspectRatio(width: number, height: number): string {
  const want = Math.log(width / height);
  const diff = (r: string) => {
    const [w, h] = r.split(':').map(Number) as [number, number];
    return Math.abs(Math.log(w / h) - want);
  };
  return RATIOS.reduce((best, r) => (diff(r) < diff(best) ? r : best));
}

/** The request body of generateContent: system messages become the system instruction. */
export function geminiBody(req: TextRequest): Record<string, unknown> {
  const system = req.messages.filter((m) => m.role === 'system').map((m) => ({ text: m.content }));
  const contents = req.messages
    .filter((m) => m.role !== 'system')
    .map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] }));
  const generationConfig = {
    ...(req.maxOutputTokens !== undefined ? { maxOutputTokens: req.maxOutputTokens } : {}),
    ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    ...(req.jsonSchema
      ? { responseMimeType: 'application/json', responseJsonSchema: req.jsonSchema.schema }
      : {}),
  };
  return { contents, ...(system.length ? { systemInstruction: { parts: system } } : {}), generationConfig };
}

function finishReason(reason: string | undefined): TextResponse['finishReason'] {
  if (reason === 'STOP' || reason === undefined) return 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  return 'other';
}

/** Shared by both adapters: the base URL, the key header and error classification. */
function client(options: AdapterOptions) {
  const base = `${(options.baseUrl ?? GEMINI_BASE_URL).replace(/\/+$/, '')}/v1beta`;
  const headers = { 'x-goog-api-key': options.apiKey };
  const classify = (err: unknown) =>
    classifyProviderError(err, { provider: options.name, secrets: [options.apiKey] });
  const call = async <T>(path: string, body: unknown, signal?: AbortSignal) => {
    try {
      return await requestJson<T>({ url: `${base}/${path}`, headers, body, signal, fetch: options.fetch });
    } catch (err) {
      throw classify(err);
    }
  };
  const ping = async () => {
    await call('models?pageSize=1', undefined, AbortSignal.timeout(options.timeoutMs ?? 30_000));
  };
  return { call, ping };
}

/**
 * Gemini text through the native generateContent API; structured output through
 * responseMimeType + responseJsonSchema.
 * @example createGeminiTextProvider({ name: 'gemini', apiKey }).generateText({ model: 'gemini-2.5-flash', messages })
 */
export function createGeminiTextProvider(options: AdapterOptions): TextProvider {
  const name = options.name;
  const { call, ping } = client(options);
  return {
    name,
    kind: 'gemini',
    async generateText(req) {
      const path = `models/${encodeURIComponent(req.model)}:generateContent`;
      const { data } = await call<GenerateContentResult>(path, geminiBody(req), req.signal);
      const candidate = data?.candidates?.[0];
      const finish = candidate?.finishReason;
      const blocked =
        data?.promptFeedback?.blockReason ?? (finish && BLOCKED.has(finish) ? finish : undefined);
      if (blocked) {
        throw new ProviderError('refused', `${name}: the model refused the request (${blocked})`, {
          provider: name,
        });
      }
      if (!candidate?.content?.parts) {
        throw new ProviderError('invalid_output', `${name}: the response carries no candidate`, {
          provider: name,
          unparseable: true,
        });
      }
      const text = candidate.content.parts
        .filter((p) => !p.thought)
        .map((p) => p.text ?? '')
        .join('');
      const u = data.usageMetadata;
      return {
        text,
        usage: {
          tokensIn: u?.promptTokenCount ?? 0,
          tokensOut: (u?.candidatesTokenCount ?? 0) + (u?.thoughtsTokenCount ?? 0),
          tokensCached: u?.cachedContentTokenCount ?? 0,
          images: 0,
        },
        provider: name,
        model: req.model,
        finishReason: finishReason(candidate.finishReason),
      };
    },
    ping,
  };
}

/**
 * Imagen through the Gemini API's predict endpoint; one base64 image per call.
 * @example createGeminiImageProvider({ name: 'gemini', apiKey }).generateImage({ model: 'imagen-4.0-generate-001', prompt, width: 1024, height: 1024 })
 */
export function createGeminiImageProvider(options: AdapterOptions): ImageProvider {
  const name = options.name;
  const { call, ping } = client(options);
  return {
    name,
    kind: 'gemini',
    async generateImage(req) {
      const body = {
        instances: [{ prompt: req.prompt }],
        parameters: { sampleCount: 1, aspectRatio: imagenAspectRatio(req.width, req.height) },
      };
      const path = `models/${encodeURIComponent(req.model)}:predict`;
      const { data } = await call<PredictResult>(path, body, req.signal);
      const item = data?.predictions?.[0];
      if (!item?.bytesBase64Encoded) {
        // Imagen drops filtered images from `predictions` instead of failing the call.
        if (!item || item.raiFilteredReason)
          throw new ProviderError('refused', `${name}: no image (${item?.raiFilteredReason ?? 'filtered'})`, {
            provider: name,
          });
        throw new ProviderError('invalid_output', `${name}: the response carries no image`, {
          provider: name,
          unparseable: true,
        });
      }
      const bytes = Buffer.from(item.bytesBase64Encoded, 'base64');
      return {
        bytes,
        ...describeImage(bytes, name),
        usage: { tokensIn: 0, tokensOut: 0, tokensCached: 0, images: 1 },
        provider: name,
        model: req.model,
      };
    },
    ping,
  };
}
