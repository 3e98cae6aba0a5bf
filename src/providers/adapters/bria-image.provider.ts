import { classifyProviderError } from '../classify-error.js';
import { ProviderError } from '../provider-error.js';
import type { ImageProvider } from '../provider.types.js';
import type { AdapterOptions } from './adapter-options.js';
import { HttpStatusError, requestBytes, requestJson } from './http-json.js';
import { describeImage } from './image-bytes.js';

export const BRIA_BASE_URL = 'https://engine.prod.bria-api.com';

/*
 * Assumed wire format (docs.bria.ai, v2):
 *   POST <base>/v2/image/generate   api_token: <key>
 *   body  { prompt, negative_prompt?, aspect_ratio: '1:1' | '16:9' | …, sync: true }
 *   200   { result: { image_url, seed? }, request_id }   then GET image_url for the bytes.
 * v2 sizes by aspect ratio, not pixels, so width×height picks the nearest ratio Bria offers. The v2
 * endpoint takes no model id (it is Bria's current model). `sync: true` is required; an asynchronous
 * answer (status_url only) is reported as invalid output rather than polled.
 * Ping: GET <base>/v2/status/<unknown id> — 404 means the key was accepted, 401/403 that it was not.
 */
const RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9'] as const;

export function briaAspectRatio(width: number, height: number): string {
  const want = Math.log(width / height);
  let best: string = RATIOS[0];
  let bestDiff = Number.POSITIVE_INFINITY;
  for (const r of RATIOS) {
    const [w, h] = r.split(':').map(Number) as [number, number];
    const diff = Math.abs(Math.log(w / h) - want);
    if (diff < bestDiff) {
      best = r;
      bestDiff = diff;
    }
  }
  return best;
}

interface BriaResult {
  result?: { image_url?: string; seed?: number } | Array<{ urls?: string[] }>;
  request_id?: string;
}

/** Bria text-to-image over its REST API (no official Node SDK). */
export function createBriaImageProvider(options: AdapterOptions): ImageProvider {
  const name = options.name;
  const base = (options.baseUrl ?? BRIA_BASE_URL).replace(/\/+$/, '');
  const headers = { api_token: options.apiKey };
  const classify = (err: unknown) =>
    classifyProviderError(err, { provider: name, secrets: [options.apiKey] });

  return {
    name,
    kind: 'bria',
    async generateImage(req) {
      let bytes: Buffer;
      try {
        const { data } = await requestJson<BriaResult>({
          url: `${base}/v2/image/generate`,
          headers,
          body: {
            prompt: req.prompt,
            ...(req.negativePrompt ? { negative_prompt: req.negativePrompt } : {}),
            aspect_ratio: briaAspectRatio(req.width, req.height),
            sync: true,
          },
          signal: req.signal,
          fetch: options.fetch,
        });
        const result = data?.result;
        const imageUrl = Array.isArray(result) ? result[0]?.urls?.[0] : result?.image_url;
        if (typeof imageUrl !== 'string') {
          throw new ProviderError('invalid_output', `${name}: the response carries no image URL`, {
            provider: name,
            unparseable: true,
          });
        }
        // The image URL is the provider's storage, not Bria's API: it gets no api_token.
        bytes = await requestBytes({ url: imageUrl, signal: req.signal, fetch: options.fetch });
      } catch (err) {
        throw classify(err);
      }
      return {
        bytes,
        ...describeImage(bytes, name),
        usage: { tokensIn: 0, tokensOut: 0, tokensCached: 0, images: 1 },
        provider: name,
        model: req.model,
      };
    },
    async ping() {
      try {
        await requestJson({
          url: `${base}/v2/status/igny8-ping`,
          headers,
          fetch: options.fetch,
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
      } catch (err) {
        if (err instanceof HttpStatusError && err.status === 404) return;
        throw classify(err);
      }
    },
  };
}
