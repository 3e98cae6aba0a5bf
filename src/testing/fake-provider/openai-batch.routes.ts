import { checkAuth } from './fake-gate.js';
import { batchCounts, holdCreate, listPage, type FakeBatch } from './fake-batches.js';
import { errorBody, sendJson } from './fake-http.js';
import type { RouteContext } from './fake-types.js';

const now = () => Math.floor(Date.now() / 1000);

/** POST /v1/files (multipart, purpose "batch"): keeps the JSONL. */
export async function openAiUploadFile(ctx: RouteContext): Promise<void> {
  if (!checkAuth(ctx, 'openai', 'files')) return;
  const form = await new Response(String(ctx.body ?? ''), {
    headers: { 'content-type': String(ctx.req.headers['content-type'] ?? '') },
  })
    .formData()
    .catch(() => null);
  const file = form?.get('file');
  if (!form || form.get('purpose') !== 'batch' || !file || typeof file === 'string') {
    sendJson(ctx.res, 400, errorBody('openai', 400, 'Expected multipart with purpose "batch" and a file.'));
    return;
  }
  const content = await file.text();
  const id = `file-fake-${ctx.fakeBatches.files.size + 1}`;
  ctx.fakeBatches.files.set(id, content);
  ctx.record({ api: 'openai', route: 'files', outcome: 'ok', status: 200 });
  sendJson(ctx.res, 200, {
    id,
    object: 'file',
    bytes: Buffer.byteLength(content),
    created_at: now(),
    filename: file.name,
    purpose: 'batch',
    status: 'processed',
  });
}

function statusOf(b: FakeBatch): string {
  return b.final ?? 'in_progress';
}

function batchObject(b: FakeBatch, inputFileId: string) {
  const c = batchCounts(b);
  const final = b.final !== undefined;
  return {
    id: b.id,
    object: 'batch',
    endpoint: '/v1/chat/completions',
    errors: null,
    input_file_id: inputFileId,
    completion_window: '24h',
    status: statusOf(b),
    output_file_id: final ? `file-out-${b.id}` : null,
    error_file_id: final ? `file-err-${b.id}` : null,
    created_at: Math.floor(b.createdAt / 1000),
    in_progress_at: Math.floor(b.createdAt / 1000),
    expires_at: Math.floor(b.createdAt / 1000) + 86_400,
    completed_at: b.final === 'completed' ? now() : null,
    expired_at: b.final === 'expired' ? now() : null,
    cancelled_at: b.final === 'cancelled' ? now() : null,
    request_counts: { total: c.total, completed: c.answered, failed: c.errored + c.expired + c.cancelled },
    metadata: b.metadata,
  };
}

/** POST /v1/batches: every line of the input file becomes a request. */
export async function openAiCreateBatch(ctx: RouteContext): Promise<void> {
  if (!checkAuth(ctx, 'openai', 'batches')) return;
  const body = (ctx.body ?? {}) as {
    input_file_id?: string;
    endpoint?: string;
    metadata?: Record<string, string> | null;
  };
  const content = body.input_file_id ? ctx.fakeBatches.files.get(body.input_file_id) : undefined;
  if (content === undefined || body.endpoint !== '/v1/chat/completions') {
    sendJson(ctx.res, 400, errorBody('openai', 400, 'Unknown input_file_id or unsupported endpoint.'));
    return;
  }
  const requests = content
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const line = JSON.parse(l) as { custom_id: string; url: string; body: unknown };
      return { customId: line.custom_id, url: line.url, body: line.body };
    });
  const batch = ctx.fakeBatches.store.create('openai', 'batch', requests, ctx.req, body.metadata ?? null);
  ctx.fakeBatches.inputs.set(batch.id, body.input_file_id!);
  ctx.record({ api: 'openai', route: 'batches', outcome: 'ok', status: 200 });
  if (batch.holdMs > 0) await holdCreate(batch);
  sendJson(ctx.res, 200, batchObject(batch, body.input_file_id!));
}

/** GET /v1/batches: newest first, cursor `after`, like the real list. */
export function openAiListBatches(ctx: RouteContext): void {
  if (!checkAuth(ctx, 'openai', 'batches')) return;
  const { page, hasMore } = listPage(
    ctx.fakeBatches.store.list('openai'),
    ctx.url.searchParams.get('after'),
    ctx.url.searchParams.get('limit'),
  );
  sendJson(ctx.res, 200, {
    object: 'list',
    data: page.map((b) => batchObject(b, ctx.fakeBatches.inputs.get(b.id) ?? '')),
    first_id: page[0]?.id ?? null,
    last_id: page.at(-1)?.id ?? null,
    has_more: hasMore,
  });
}

export function openAiGetBatch(ctx: RouteContext, id: string, cancel = false): void {
  if (!checkAuth(ctx, 'openai', 'batches')) return;
  const batch = ctx.fakeBatches.store.get(id);
  if (!batch || batch.api !== 'openai') {
    sendJson(ctx.res, 404, errorBody('openai', 404, `No batch ${id}`));
    return;
  }
  if (cancel) ctx.fakeBatches.store.cancel(batch);
  sendJson(ctx.res, 200, batchObject(batch, ctx.fakeBatches.inputs.get(id) ?? ''));
}

/** GET /v1/files/:id/content: the batch's output (answers) or error (failures, expired, cancelled) JSONL. */
export function openAiFileContent(ctx: RouteContext, fileId: string): void {
  if (!checkAuth(ctx, 'openai', 'files')) return;
  const m = /^file-(out|err)-(.+)$/.exec(fileId);
  const batch = m ? ctx.fakeBatches.store.get(m[2]!) : undefined;
  if (!m || !batch?.final) {
    const input = ctx.fakeBatches.files.get(fileId);
    if (input === undefined) return sendJson(ctx.res, 404, errorBody('openai', 404, `No file ${fileId}`));
    ctx.res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(input);
    return;
  }
  const lines: string[] = [];
  for (const r of batch.requests) {
    const o = batch.outcomes.get(r.customId);
    if (!o) continue;
    const id = `batch_req_${r.customId}`;
    if (m[1] === 'out' && o.kind === 'answer') {
      lines.push(
        JSON.stringify({
          id,
          custom_id: r.customId,
          response: { status_code: 200, request_id: id, body: o.body },
          error: null,
        }),
      );
    } else if (m[1] === 'err' && o.kind === 'error') {
      lines.push(
        JSON.stringify({
          id,
          custom_id: r.customId,
          response: { status_code: o.status, request_id: id, body: o.body },
          error: null,
        }),
      );
    } else if (m[1] === 'err' && (o.kind === 'expired' || o.kind === 'cancelled')) {
      const code = o.kind === 'expired' ? 'batch_expired' : 'batch_cancelled';
      lines.push(
        JSON.stringify({
          id,
          custom_id: r.customId,
          response: null,
          error: { code, message: `This request was not executed (${o.kind}).` },
        }),
      );
    }
  }
  ctx.record({ api: 'openai', route: 'files', outcome: 'ok', status: 200 });
  ctx.res
    .writeHead(200, { 'content-type': 'application/octet-stream' })
    .end(lines.map((l) => `${l}\n`).join(''));
}
