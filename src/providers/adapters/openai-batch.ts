import type OpenAI from 'openai';
import type {
  BatchItemResult,
  BatchPoll,
  TextBatchApi,
  TextRequest,
  TextResponse,
} from '../provider.types.js';

/** How the text adapter writes a request body and reads an answer (passed in: the adapter imports this file). */
export interface OpenAiCodec {
  params(req: TextRequest): unknown;
  read(body: unknown, req: TextRequest): TextResponse;
}

interface OutputLine {
  custom_id?: string;
  response?: { status_code?: number; body?: unknown } | null;
  error?: { code?: string; message?: string } | null;
}

/** The metadata key that carries igny8's own batch key, so a resumed run finds what it submitted. */
export const BATCH_KEY = 'igny8_batch_key';
/** How far the provider's clock may lag ours when looking for a batch by its creation time. */
const SKEW_MS = 10 * 60_000;

const FINAL: Record<string, BatchPoll['state']> = {
  completed: 'ended',
  expired: 'expired',
  cancelled: 'cancelled',
  failed: 'failed',
};

function lineResult(line: OutputLine, req: TextRequest, name: string, codec: OpenAiCodec): BatchItemResult {
  const status = line.response?.status_code;
  if (line.error?.code === 'batch_expired') return { kind: 'retry', why: 'expired' };
  if (line.error?.code === 'batch_cancelled') return { kind: 'retry', why: 'cancelled' };
  if (status === 200) {
    try {
      return { kind: 'answer', response: codec.read(line.response!.body, req) };
    } catch (err) {
      return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
    }
  }
  const body = line.response?.body as { error?: { message?: string } } | undefined;
  return {
    kind: 'error',
    message: `${name} batch: ${body?.error?.message ?? line.error?.message ?? `status ${status ?? 'unknown'}`}`,
    ...(status ? { status } : {}),
  };
}

/**
 * OpenAI's Batch API through the official SDK: the requests go up as a JSONL file (purpose "batch"),
 * the answers come back as the output file's JSONL, failures in the error file.
 * @example const id = await api.submit([{ customId: 'c1', request }]); const poll = await api.poll(id)
 */
export function openAiBatchApi(
  client: () => Promise<OpenAI>,
  name: string,
  classify: (e: unknown) => Error,
  codec: OpenAiCodec,
): TextBatchApi {
  const guard = async <T>(fn: (c: OpenAI) => Promise<T>): Promise<T> => {
    try {
      return await fn(await client());
    } catch (err) {
      throw classify(err);
    }
  };
  const readLines = async (c: OpenAI, fileId: string | null | undefined): Promise<OutputLine[]> => {
    if (!fileId) return [];
    const text = await (await c.files.content(fileId)).text();
    return text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as OutputLine);
  };
  return {
    async submit(batch, key) {
      const { toFile } = await import('openai');
      const jsonl = batch
        .map((b) => {
          const body = codec.params(b.request);
          return JSON.stringify({ custom_id: b.customId, method: 'POST', url: '/v1/chat/completions', body });
        })
        .join('\n');
      return guard(async (c) => {
        const file = await c.files.create({
          file: await toFile(Buffer.from(jsonl), 'igny8-batch.jsonl', { type: 'application/jsonl' }),
          purpose: 'batch',
        });
        const created = await c.batches.create({
          input_file_id: file.id,
          endpoint: '/v1/chat/completions',
          completion_window: '24h',
          metadata: { [BATCH_KEY]: key },
        });
        return created.id;
      });
    },
    async poll(batchId, requests) {
      return guard(async (c) => {
        const b = await c.batches.retrieve(batchId);
        const counts = {
          total: b.request_counts?.total ?? 0,
          done: b.request_counts?.completed ?? 0,
          failed: b.request_counts?.failed ?? 0,
        };
        const state = FINAL[b.status] ?? 'pending';
        if (state === 'pending') return { state, providerStatus: b.status, counts };
        const results = new Map<string, BatchItemResult>();
        for (const line of [
          ...(await readLines(c, b.output_file_id)),
          ...(await readLines(c, b.error_file_id)),
        ]) {
          const req = line.custom_id ? requests.get(line.custom_id) : undefined;
          if (req) results.set(line.custom_id!, lineResult(line, req, name, codec));
        }
        const error = b.errors?.data?.map((e) => e.message).join('; ');
        return { state, providerStatus: b.status, counts, results, ...(error ? { error } : {}) };
      });
    },
    async findSubmitted(key, hint) {
      return guard(async (c) => {
        const found: string[] = [];
        // Newest first: stop paging once the batches predate the submission (with room for clock skew).
        const floor = (hint.since.getTime() - SKEW_MS) / 1000;
        for await (const b of c.batches.list({ limit: 100 })) {
          if (b.created_at < floor) break;
          if (b.metadata?.[BATCH_KEY] === key) found.push(b.id);
        }
        return found;
      });
    },
    async cancel(batchId) {
      await guard((c) => c.batches.cancel(batchId));
    },
  };
}
