import type Anthropic from '@anthropic-ai/sdk';
import type { MessageBatchIndividualResponse } from '@anthropic-ai/sdk/resources/messages/batches';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import type {
  BatchItemResult,
  BatchPoll,
  TextBatchApi,
  TextRequest,
  TextResponse,
} from '../provider.types.js';

/** How the text adapter writes a request and reads an answer (passed in: the adapter imports this file). */
export interface AnthropicCodec {
  params(req: TextRequest): MessageCreateParamsNonStreaming;
  read(message: unknown, req: TextRequest): TextResponse;
}

/** How far the provider's clock may differ from ours when looking for a batch by its creation time. */
const SKEW_MS = 10 * 60_000;

function itemResult(
  r: MessageBatchIndividualResponse,
  req: TextRequest,
  name: string,
  codec: AnthropicCodec,
): BatchItemResult {
  const res = r.result;
  if (res.type === 'expired') return { kind: 'retry', why: 'expired' };
  if (res.type === 'canceled') return { kind: 'retry', why: 'cancelled' };
  if (res.type === 'errored') {
    return { kind: 'error', message: `${name} batch: ${res.error.error?.message ?? res.error.type}` };
  }
  try {
    return { kind: 'answer', response: codec.read(res.message, req) };
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Anthropic's Message Batches through the official SDK: the requests go up as one JSON body, the
 * results stream back as JSONL from the batch's results URL.
 * @example const id = await api.submit([{ customId: 'c1', request }]); const poll = await api.poll(id, requests)
 */
export function anthropicBatchApi(
  client: () => Promise<Anthropic>,
  name: string,
  classify: (e: unknown) => Error,
  codec: AnthropicCodec,
): TextBatchApi {
  const guard = async <T>(fn: (c: Anthropic) => Promise<T>): Promise<T> => {
    try {
      return await fn(await client());
    } catch (err) {
      throw classify(err);
    }
  };
  return {
    // Message Batches carry no metadata: the key cannot go up with the batch (see findSubmitted).
    submit: (batch) =>
      guard(async (c) => {
        const created = await c.messages.batches.create({
          requests: batch.map((b) => ({ custom_id: b.customId, params: codec.params(b.request) })),
        });
        return created.id;
      }),
    poll: (batchId, requests) =>
      guard(async (c) => {
        const b = await c.messages.batches.retrieve(batchId);
        const n = b.request_counts;
        const counts = {
          total: n.processing + n.succeeded + n.errored + n.canceled + n.expired,
          done: n.succeeded,
          failed: n.errored,
        };
        if (b.processing_status !== 'ended')
          return { state: 'pending' as const, providerStatus: b.processing_status, counts };
        const results = new Map<string, BatchItemResult>();
        for await (const r of await c.messages.batches.results(batchId)) {
          const req = requests.get(r.custom_id);
          if (req) results.set(r.custom_id, itemResult(r, req, name, codec));
        }
        // Anthropic ends every batch the same way; expiry and cancels show in the counts.
        const state: BatchPoll['state'] = n.expired > 0 ? 'expired' : n.canceled > 0 ? 'cancelled' : 'ended';
        return { state, providerStatus: b.processing_status, counts, results };
      }),
    findSubmitted: (_key, hint) =>
      guard(async (c) => {
        // Newest first. A candidate has the same number of requests and was created after the
        // submission began; the batcher skips batches already stored and, once the candidate ends,
        // takes only results under its own custom ids (anything else is resubmitted).
        const since = hint.since.getTime() - SKEW_MS;
        const found: Array<{ id: string; at: number }> = [];
        for await (const b of c.messages.batches.list({ limit: 100 })) {
          const at = Date.parse(b.created_at);
          if (at < since) break;
          const n = b.request_counts;
          if (n.processing + n.succeeded + n.errored + n.canceled + n.expired === hint.requests)
            found.push({ id: b.id, at });
        }
        const target = hint.since.getTime();
        return found.sort((a, b) => Math.abs(a.at - target) - Math.abs(b.at - target)).map((f) => f.id);
      }),
    async cancel(batchId) {
      await guard((c) => c.messages.batches.cancel(batchId));
    },
  };
}
