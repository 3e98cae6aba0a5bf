import type { IncomingMessage } from 'node:http';

/** Faults of the batch APIs (OpenAI Batch, Anthropic Message Batches). */
export interface FakeBatchFaults {
  /** The batch expires with this share (0–1) of its requests never run (the last ones). */
  expire?: number;
  /** This share of the requests comes back errored (the first ones): a partly failed batch. */
  fail?: number;
  /** The batch ends cancelled before any request ran. */
  cancel?: boolean;
  /** The batch completes, but its results leave one request out. */
  dropOne?: boolean;
  /**
   * The create call is accepted (the batch exists, runs and counts in the stats) but its response is
   * held this long: a caller killed meanwhile never learns the batch id (the resubmission window).
   */
  holdCreateMs?: number;
  /** Fault only the next this-many batches (default: every batch). */
  times?: number;
}

/** One request's fate inside a fake batch. */
export type FakeBatchOutcome =
  | { kind: 'answer'; status: number; body: unknown }
  | { kind: 'error'; status: number; body: unknown }
  | { kind: 'expired' }
  | { kind: 'cancelled' };

export interface FakeBatch {
  id: string;
  api: 'openai' | 'anthropic';
  createdAt: number;
  requests: Array<{ customId: string; url: string; body: unknown }>;
  /** Final once processing is over; `undefined` while in progress. */
  final?: 'completed' | 'expired' | 'cancelled';
  outcomes: Map<string, FakeBatchOutcome>;
  /** Set when the results leave a request out (fault `dropOne`). */
  dropped?: string;
  /** OpenAI's batch metadata (string pairs), as given at create. */
  metadata: Record<string, string> | null;
  /** How long the create response is held (fault `holdCreateMs`). */
  holdMs: number;
}

/** Headers that carry the caller's key, replayed on the fake's own sync route for each request. */
function authHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = { 'content-type': 'application/json' };
  for (const h of ['authorization', 'x-api-key', 'anthropic-version']) {
    const v = req.headers[h];
    if (typeof v === 'string') out[h] = v;
  }
  return out;
}

/**
 * The batches of one fake server: each request is answered by the server's own sync route (so the
 * answers and their usage are exactly the sync ones), after the configured completion delay, with the
 * batch faults applied (expired, partly failed, cancelled, a result missing).
 */
export function createBatchStore(opts: {
  baseUrl: () => string;
  delayMs: () => number;
  faults: () => FakeBatchFaults;
  onSubmit: (requests: number) => void;
}) {
  const batches = new Map<string, FakeBatch>();
  const timers = new Set<NodeJS.Timeout>();
  let seq = 0;
  let faultedBatches = 0;
  let faultsSeen: FakeBatchFaults | undefined;

  async function answer(req: { url: string; body: unknown }, headers: Record<string, string>) {
    const res = await fetch(`${opts.baseUrl()}${req.url}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(req.body),
    });
    const body = (await res.json().catch(() => null)) as unknown;
    return { status: res.status, body };
  }

  async function run(batch: FakeBatch, faults: FakeBatchFaults, headers: Record<string, string>) {
    if (batch.final) return;
    if (faults.cancel) return cancel(batch);
    const n = batch.requests.length;
    const failing = Math.ceil(n * (faults.fail ?? 0));
    const expiring = Math.ceil(n * (faults.expire ?? 0));
    const outcomes = new Map<string, FakeBatchOutcome>();
    for (let i = 0; i < n; i += 8) {
      await Promise.all(
        batch.requests.slice(i, i + 8).map(async (r, j) => {
          const at = i + j;
          if (at >= n - expiring) return outcomes.set(r.customId, { kind: 'expired' });
          if (at < failing) {
            return outcomes.set(r.customId, {
              kind: 'error',
              status: 500,
              body: {
                error: { message: 'The server had an error processing this request.', type: 'server_error' },
              },
            });
          }
          const a = await answer(r, headers);
          outcomes.set(r.customId, { kind: a.status === 200 ? 'answer' : 'error', ...a });
        }),
      );
    }
    if (batch.final) return;
    if (faults.dropOne && n > 0) {
      batch.dropped = batch.requests[Math.floor((n - expiring) / 2)]!.customId;
      outcomes.delete(batch.dropped);
    }
    batch.outcomes = outcomes;
    batch.final = expiring > 0 ? 'expired' : 'completed';
  }

  function cancel(batch: FakeBatch): void {
    if (batch.final) return;
    for (const r of batch.requests) batch.outcomes.set(r.customId, { kind: 'cancelled' });
    batch.final = 'cancelled';
  }

  return {
    get: (id: string) => batches.get(id),
    /** One API's batches, newest first (both list endpoints page in this order). */
    list: (api: FakeBatch['api']) => [...batches.values()].filter((b) => b.api === api).reverse(),
    create(
      api: FakeBatch['api'],
      prefix: string,
      requests: FakeBatch['requests'],
      req: IncomingMessage,
      metadata: FakeBatch['metadata'] = null,
    ): FakeBatch {
      const batch: FakeBatch = {
        id: `${prefix}_fake_${++seq}`,
        api,
        createdAt: Date.now(),
        requests,
        outcomes: new Map(),
        metadata,
        holdMs: 0,
      };
      batches.set(batch.id, batch);
      opts.onSubmit(requests.length);
      const f = opts.faults();
      // `times` counts from when these faults were set.
      if (f !== faultsSeen) {
        faultsSeen = f;
        faultedBatches = 0;
      }
      const faults = (f.times ?? Number.POSITIVE_INFINITY) > faultedBatches++ ? f : {};
      batch.holdMs = faults.holdCreateMs ?? 0;
      const headers = authHeaders(req);
      const timer = setTimeout(() => {
        timers.delete(timer);
        void run(batch, faults, headers).catch(() => cancel(batch));
      }, opts.delayMs());
      timers.add(timer);
      return batch;
    },
    cancel,
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

export type BatchStore = ReturnType<typeof createBatchStore>;

/** Wait out a batch's held create response (fault `holdCreateMs`) before answering it. */
export function holdCreate(b: FakeBatch): Promise<void> {
  return new Promise((r) => setTimeout(r, b.holdMs).unref());
}

/**
 * One page of a list endpoint, newest first, the way both providers page: `after` (OpenAI `after`,
 * Anthropic `after_id`) is the last id of the previous page; `limit` defaults to 20.
 */
export function listPage(all: FakeBatch[], after: string | null, limitParam: string | null) {
  const limit = Math.min(Math.max(Number(limitParam) || 20, 1), 1000);
  const start = after ? all.findIndex((b) => b.id === after) + 1 : 0;
  const page = all.slice(start, start + limit);
  return { page, hasMore: start + limit < all.length };
}

/** Counts of a batch's requests by fate (for the status objects). */
export function batchCounts(b: FakeBatch) {
  const c = { total: b.requests.length, answered: 0, errored: 0, expired: 0, cancelled: 0 };
  for (const o of b.outcomes.values()) {
    if (o.kind === 'answer') c.answered++;
    else if (o.kind === 'error') c.errored++;
    else if (o.kind === 'expired') c.expired++;
    else c.cancelled++;
  }
  return c;
}
