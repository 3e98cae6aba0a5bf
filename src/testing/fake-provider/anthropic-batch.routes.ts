import { checkAuth } from './fake-gate.js';
import { batchCounts, holdCreate, listPage, type FakeBatch } from './fake-batches.js';
import { errorBody, sendJson } from './fake-http.js';
import type { RouteContext } from './fake-types.js';

function batchObject(ctx: RouteContext, b: FakeBatch) {
  const c = batchCounts(b);
  const iso = (ms: number) => new Date(ms).toISOString();
  const ended = b.final !== undefined;
  return {
    id: b.id,
    type: 'message_batch',
    processing_status: ended ? 'ended' : 'in_progress',
    request_counts: {
      processing: ended ? 0 : c.total,
      succeeded: c.answered,
      errored: c.errored,
      canceled: c.cancelled,
      expired: c.expired,
    },
    created_at: iso(b.createdAt),
    expires_at: iso(b.createdAt + 86_400_000),
    ended_at: ended ? iso(Date.now()) : null,
    cancel_initiated_at: b.final === 'cancelled' ? iso(Date.now()) : null,
    archived_at: null,
    results_url: ended ? `${ctx.baseUrl}/v1/messages/batches/${b.id}/results` : null,
  };
}

/** POST /v1/messages/batches: `{ requests: [{ custom_id, params }] }`. */
export async function anthropicCreateBatch(ctx: RouteContext): Promise<void> {
  if (!checkAuth(ctx, 'anthropic', 'batches')) return;
  const body = (ctx.body ?? {}) as { requests?: Array<{ custom_id?: string; params?: unknown }> };
  const bad =
    !Array.isArray(body.requests) ||
    body.requests.some((r) => !/^[a-zA-Z0-9_-]{1,64}$/.test(r.custom_id ?? ''));
  if (bad) {
    sendJson(
      ctx.res,
      400,
      errorBody(
        'anthropic',
        400,
        'requests: each needs a custom_id matching ^[a-zA-Z0-9_-]{1,64}$ and params.',
      ),
    );
    return;
  }
  const requests = body.requests!.map((r) => ({
    customId: r.custom_id!,
    url: '/v1/messages',
    body: r.params,
  }));
  const batch = ctx.fakeBatches.store.create('anthropic', 'msgbatch', requests, ctx.req);
  ctx.record({ api: 'anthropic', route: 'batches', outcome: 'ok', status: 200 });
  if (batch.holdMs > 0) await holdCreate(batch);
  sendJson(ctx.res, 200, batchObject(ctx, batch));
}

/** GET /v1/messages/batches: newest first, cursor `after_id`, like the real list (no metadata). */
export function anthropicListBatches(ctx: RouteContext): void {
  if (!checkAuth(ctx, 'anthropic', 'batches')) return;
  const { page, hasMore } = listPage(
    ctx.fakeBatches.store.list('anthropic'),
    ctx.url.searchParams.get('after_id'),
    ctx.url.searchParams.get('limit'),
  );
  sendJson(ctx.res, 200, {
    data: page.map((b) => batchObject(ctx, b)),
    first_id: page[0]?.id ?? null,
    last_id: page.at(-1)?.id ?? null,
    has_more: hasMore,
  });
}

function find(ctx: RouteContext, id: string): FakeBatch | undefined {
  if (!checkAuth(ctx, 'anthropic', 'batches')) return undefined;
  const batch = ctx.fakeBatches.store.get(id);
  if (!batch || batch.api !== 'anthropic') {
    sendJson(ctx.res, 404, errorBody('anthropic', 404, `No batch ${id}`));
    return undefined;
  }
  return batch;
}

export function anthropicGetBatch(ctx: RouteContext, id: string, cancel = false): void {
  const batch = find(ctx, id);
  if (!batch) return;
  if (cancel) ctx.fakeBatches.store.cancel(batch);
  sendJson(ctx.res, 200, batchObject(ctx, batch));
}

/** GET /v1/messages/batches/:id/results: one JSON line per request, streamed. */
export function anthropicBatchResults(ctx: RouteContext, id: string): void {
  const batch = find(ctx, id);
  if (!batch) return;
  if (!batch.final) {
    sendJson(ctx.res, 400, errorBody('anthropic', 400, `Batch ${id} is still in progress.`));
    return;
  }
  ctx.res.writeHead(200, { 'content-type': 'application/binary' });
  for (const r of batch.requests) {
    const o = batch.outcomes.get(r.customId);
    if (!o) continue;
    const result =
      o.kind === 'answer'
        ? { type: 'succeeded', message: o.body }
        : o.kind === 'error'
          ? {
              type: 'errored',
              error: {
                type: 'error',
                error: {
                  type: 'api_error',
                  message:
                    (o.body as { error?: { message?: string } })?.error?.message ?? `status ${o.status}`,
                },
              },
            }
          : { type: o.kind === 'expired' ? 'expired' : 'canceled' };
    ctx.res.write(`${JSON.stringify({ custom_id: r.customId, result })}\n`);
  }
  ctx.record({ api: 'anthropic', route: 'batches', outcome: 'ok', status: 200 });
  ctx.res.end();
}
