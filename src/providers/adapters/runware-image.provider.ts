import { randomUUID } from 'node:crypto';
import { classifyProviderError } from '../classify-error.js';
import { ProviderError } from '../provider-error.js';
import type { ImageProvider } from '../provider.types.js';
import type { AdapterOptions } from './adapter-options.js';
import { requestJson } from './http-json.js';
import { describeImage } from './image-bytes.js';

export const RUNWARE_BASE_URL = 'https://api.runware.ai';

/*
 * Assumed wire format (runware.ai/docs, REST):
 *   POST <base>/v1   Authorization: Bearer <key>
 *   body  [{ taskType: 'imageInference', taskUUID, positivePrompt, negativePrompt?, model, width, height,
 *            outputType: 'base64Data', numberResults: 1, includeCost: true }]
 *   200   { data: [{ taskType, taskUUID, imageUUID, imageBase64Data, cost? }] }
 *   4xx/5xx { errors: [{ code, message, parameter?, taskUUID? }] }
 * Sizes must be multiples of 64 within 128–2048, so the request is rounded to the nearest valid size.
 */
interface RunwareResult {
  data?: Array<{ taskUUID?: string; imageBase64Data?: string; cost?: number }>;
  errors?: Array<{ code?: string; message?: string }>;
}

export function runwareSide(px: number): number {
  return Math.min(2048, Math.max(128, Math.round(px / 64) * 64));
}

/** Runware image inference over its REST API (no SDK needed: one POST). */
export function createRunwareImageProvider(options: AdapterOptions): ImageProvider {
  const name = options.name;
  const url = `${(options.baseUrl ?? RUNWARE_BASE_URL).replace(/\/+$/, '')}/v1`;
  const headers = { authorization: `Bearer ${options.apiKey}` };
  const classify = (err: unknown) =>
    classifyProviderError(err, { provider: name, secrets: [options.apiKey] });
  const post = async (tasks: unknown[], signal?: AbortSignal) => {
    try {
      return await requestJson<RunwareResult>({ url, headers, body: tasks, signal, fetch: options.fetch });
    } catch (err) {
      throw classify(err);
    }
  };

  return {
    name,
    kind: 'runware',
    async generateImage(req) {
      const taskUUID = randomUUID();
      const task = {
        taskType: 'imageInference',
        taskUUID,
        positivePrompt: req.prompt,
        ...(req.negativePrompt ? { negativePrompt: req.negativePrompt } : {}),
        model: req.model,
        width: runwareSide(req.width),
        height: runwareSide(req.height),
        outputType: 'base64Data',
        numberResults: 1,
        includeCost: true,
      };
      const { data } = await post([task], req.signal);
      if (data?.errors?.length) {
        throw new ProviderError('bad_request', `${name}: ${data.errors[0]?.message ?? 'task failed'}`, {
          provider: name,
        });
      }
      const item = data?.data?.find((d) => d.taskUUID === taskUUID) ?? data?.data?.[0];
      if (!item?.imageBase64Data) {
        throw new ProviderError('invalid_output', `${name}: the response carries no image`, {
          provider: name,
          unparseable: true,
        });
      }
      const bytes = Buffer.from(item.imageBase64Data, 'base64');
      return {
        bytes,
        ...describeImage(bytes, name),
        usage: { tokensIn: 0, tokensOut: 0, tokensCached: 0, images: 1 },
        provider: name,
        model: req.model,
        ...(typeof item.cost === 'number' ? { costUsd: item.cost } : {}),
      };
    },
    async ping() {
      // A one-result model search: cheap, authenticated, generates nothing.
      await post(
        [{ taskType: 'modelSearch', taskUUID: randomUUID(), search: 'runware', limit: 1 }],
        AbortSignal.timeout(options.timeoutMs ?? 30_000),
      );
    },
  };
}
