import type { ImageGenerateParamsNonStreaming } from 'openai/resources/images';
import { lazy } from '../../util/lazy.js';
import { classifyProviderError } from '../classify-error.js';
import { ProviderError } from '../provider-error.js';
import type { ImageProvider } from '../provider.types.js';
import { parseRateLimitHeaders } from '../rate-limit-headers.js';
import type { AdapterOptions } from './adapter-options.js';
import { describeImage } from './image-bytes.js';
import { OPENAI_BASE_URL } from './openai-text.provider.js';

/**
 * OpenAI images (`images.generate`) through the official SDK: one image, base64, size from
 * width×height. gpt-image models always answer base64 and reject `response_format`; DALL·E needs it.
 * OpenAI has no negative prompt, so it is appended as an instruction.
 */
export function createOpenAiImageProvider(options: AdapterOptions): ImageProvider {
  // The SDK loads on the first call (P11: commands that never call a provider don't pay for it).
  const client = lazy(async () => {
    const { default: OpenAI } = await import('openai');
    return new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseUrl ?? OPENAI_BASE_URL,
      organization: null,
      project: null,
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
    kind: 'openai',
    async generateImage(req) {
      const params: ImageGenerateParamsNonStreaming = {
        model: req.model,
        prompt: req.negativePrompt ? `${req.prompt}\n\nAvoid: ${req.negativePrompt}` : req.prompt,
        n: 1,
        size: `${req.width}x${req.height}` as ImageGenerateParamsNonStreaming['size'],
      };
      if (!/^gpt-image/.test(req.model)) params.response_format = 'b64_json';
      const c = await client();
      let result;
      try {
        result = await c.images.generate(params, { signal: req.signal }).withResponse();
      } catch (err) {
        throw classify(err);
      }
      const b64 = (result.data as { data?: Array<{ b64_json?: string }> } | null)?.data?.[0]?.b64_json;
      if (typeof b64 !== 'string' || b64 === '') {
        throw new ProviderError('invalid_output', `${name}: the response carries no image`, {
          provider: name,
          unparseable: true,
        });
      }
      const bytes = Buffer.from(b64, 'base64');
      const usage = result.data.usage;
      return {
        bytes,
        ...describeImage(bytes, name),
        usage: {
          tokensIn: usage?.input_tokens ?? 0,
          tokensOut: usage?.output_tokens ?? 0,
          tokensCached: 0,
          images: 1,
        },
        provider: name,
        model: req.model,
        rateLimit: parseRateLimitHeaders(result.response.headers),
      };
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
