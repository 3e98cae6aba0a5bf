import { createHash } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { Igny8Error } from '../../errors/index.js';
import { ProviderError } from '../../providers/provider-error.js';
import type {
  BatchPoll,
  TextBatchApi,
  TextProvider,
  TextRequest,
  TextResponse,
} from '../../providers/provider.types.js';
import { checkUsage } from '../../providers/usage-check.js';
import type { Scope } from '../../tenancy/scope.js';
import {
  findWaitingBatch,
  insertBatch,
  markBatchSubmitted,
  markBatchUnsent,
  setBatchItemStatus,
  setBatchStatus,
  storedProviderBatchIds,
  type BatchRef,
} from './batches.repository.js';

/** What the run is told while a batch waits: its state and counts. */
export interface BatchProgress {
  provider: string;
  batchId: string;
  status: string;
  total: number;
  done: number;
  failed: number;
}

export interface StageBatcherOptions {
  db: Db;
  scope: Scope;
  runId: string;
  /** The stage's key ("write"). */
  stage: string;
  /** How often a waiting batch is polled. */
  pollMs: number;
  onProgress(p: BatchProgress): void;
  log(level: 'info' | 'warn', message: string): void;
  /** Times a request that expired (or was cancelled, or left out) is resubmitted before it fails. */
  maxResubmits?: number;
  /**
   * Resubmitted requests do not hold their items: once their new batch is stored, the items are let
   * go with BATCH_PENDING (their holds kept) and the run goes on with the answered ones, picking the
   * new batch up in a later pass. Off: the stage waits for the resubmitted batch.
   */
  deferResubmits?: boolean;
}

interface Waiter {
  customId: string;
  itemId: string;
  opId: string;
  request: TextRequest;
  resubmits: number;
  /** Resubmitted under deferResubmits: let go once its new batch is stored. */
  defer?: boolean;
  resolve(res: TextResponse): void;
  reject(err: unknown): void;
}

interface Group {
  provider: string;
  api: TextBatchApi;
  model: string;
  waiters: Waiter[];
}

/** A batch being polled: the provider's id and the requests waiting on it. */
interface Tracked {
  ref: BatchRef;
  api: TextBatchApi;
  waiters: Map<string, Waiter>;
  timer?: NodeJS.Timeout;
  errors: number;
}

/** The request id inside a batch: derived from the credit hold's op id, so a resumed item finds its request. */
export function customIdFor(opId: string): string {
  return `igny8_${createHash('sha256').update(opId).digest('hex').slice(0, 40)}`;
}

export type StageBatcher = ReturnType<typeof createStageBatcher>;

/**
 * Gathers a stage's text calls into provider batches. Every item of the stage runs at once; when
 * every item still running waits on an answer, the waiting requests are submitted (one batch per
 * provider and model), stored with their custom ids, and polled; each answer goes back to its item,
 * which validates, settles and saves exactly as in sync mode. A request already in a stored batch
 * (a process killed while waiting) is attached to that batch instead of being submitted again.
 */
export function createStageBatcher(o: StageBatcherOptions) {
  const groups = new Map<string, Group>();
  const tracked = new Map<string, Tracked>();
  const maxResubmits = o.maxResubmits ?? 3;
  const noBatch = new Set<string>();
  const adopting = new Map<string, Promise<BatchRef | undefined>>();
  let active = 0;
  let waiting = 0;
  let flushing = false;
  let closed: Igny8Error | null = null;

  // A waiter leaves the count before its item resumes, so the next flush sees the right numbers.
  const settle = (_w: Waiter, fn: () => void) => {
    waiting--;
    fn();
  };

  function maybeFlush(): void {
    if (closed || flushing || waiting < active) return;
    const ready = [...groups.values()].filter((g) => g.waiters.length > 0);
    if (ready.length === 0) return;
    flushing = true;
    void Promise.all(ready.map(submit)).finally(() => {
      flushing = false;
      maybeFlush();
    });
  }

  async function submit(g: Group): Promise<void> {
    const waiters = g.waiters.splice(0);
    try {
      // The row first, the provider second: a process killed in between leaves a 'submitting' row
      // whose id the provider's batch carries, and the resumed run adopts that batch (adopt below).
      const ref = await insertBatch(
        o.db,
        o.scope,
        { runId: o.runId, stage: o.stage, provider: g.provider, model: g.model },
        waiters,
      );
      let providerBatchId: string;
      try {
        providerBatchId = await g.api.submit(
          waiters.map((w) => ({ customId: w.customId, request: w.request })),
          ref.id,
        );
      } catch (err) {
        // The provider may have accepted it even though its answer was lost (a reset, a timeout).
        const found = await adopt(ref, g.api).catch(() => 'unknown' as const);
        if (found === 'unknown') throw err;
        if (!found) {
          const message = err instanceof Error ? err.message : String(err);
          await markBatchUnsent(o.db, o.scope, ref.id, { status: 'failed', error: message });
          throw err;
        }
        providerBatchId = found.providerBatchId;
      }
      await markBatchSubmitted(o.db, o.scope, ref.id, providerBatchId);
      o.log('info', `Submitted ${waiters.length} request(s) to ${g.provider} as batch ${providerBatchId}`);
      // Closed while submitting: the batch is stored, so the resumed run picks it up.
      if (closed) throw closed;
      const kept = waiters.filter((w) => !w.defer);
      if (kept.length) track({ ...ref, providerBatchId, status: 'pending' }, g.api, kept);
      const deferred = waiters.filter((w) => w.defer);
      if (deferred.length) {
        const err = new Igny8Error(
          'BATCH_PENDING',
          `Waits in resubmitted batch ${providerBatchId}; the run goes on with the answered items and comes back for it`,
        );
        for (const w of deferred) settle(w, () => w.reject(err));
      }
    } catch (err) {
      for (const w of waiters) settle(w, () => w.reject(err));
    }
  }

  /**
   * The provider's batch for a row left 'submitting', found by the row's key (never resubmitted
   * blind): stored and returned, or undefined (the provider never received it; the row is 'unsent'
   * and its requests go into a new batch). A failed look-up throws, and nothing is resubmitted.
   */
  async function adopt(ref: BatchRef, api: TextBatchApi): Promise<BatchRef | undefined> {
    const candidates = await api.findSubmitted(ref.id, {
      since: new Date(ref.createdAt),
      requests: ref.requests,
    });
    const stored = await storedProviderBatchIds(o.db, o.scope, ref.provider, candidates);
    const providerBatchId = candidates.find((c) => !stored.has(c));
    if (!providerBatchId) return undefined;
    await markBatchSubmitted(o.db, o.scope, ref.id, providerBatchId);
    o.log(
      'info',
      `Found batch ${providerBatchId} at ${ref.provider} under this submission's key: not resubmitting`,
    );
    return { ...ref, providerBatchId, status: 'pending' };
  }

  /** A stored batch a resumed request belongs to, with a 'submitting' one settled once for all its items. */
  function resolveStored(ref: BatchRef, api: TextBatchApi): Promise<BatchRef | undefined> {
    if (ref.status !== 'submitting') return Promise.resolve(ref);
    let p = adopting.get(ref.id);
    if (!p) {
      p = adopt(ref, api).then(async (found) => {
        if (!found) await markBatchUnsent(o.db, o.scope, ref.id, { status: 'resubmitted' });
        return found;
      });
      adopting.set(ref.id, p);
      // A failed look-up is not remembered: the next item of the batch asks again.
      p.catch(() => adopting.delete(ref.id));
    }
    return p;
  }

  function track(ref: BatchRef, api: TextBatchApi, waiters: Waiter[]): void {
    let t = tracked.get(ref.id);
    if (!t) {
      t = { ref, api, waiters: new Map(), errors: 0 };
      tracked.set(ref.id, t);
      schedule(t, 0);
    }
    for (const w of waiters) t.waiters.set(w.customId, w);
  }

  function schedule(t: Tracked, ms: number): void {
    t.timer = setTimeout(() => void poll(t), ms);
  }

  async function poll(t: Tracked): Promise<void> {
    if (closed) return;
    let res: BatchPoll;
    // The waiters asked about: one attached while the poll is out (a resumed item) gets its own poll.
    const polled = new Map(t.waiters);
    try {
      res = await t.api.poll(t.ref.providerBatchId, new Map([...polled].map(([id, w]) => [id, w.request])));
      t.errors = 0;
    } catch (err) {
      if (closed) return;
      // A failed poll is retried; only a long run of them gives the waiting items up.
      if (++t.errors < 10) return schedule(t, o.pollMs);
      tracked.delete(t.ref.id);
      for (const w of t.waiters.values()) settle(w, () => w.reject(err));
      return;
    }
    // Closed meanwhile: its waiters were let go; the stored batch waits for the resumed run.
    if (closed) return;
    o.onProgress({
      provider: t.ref.provider,
      batchId: t.ref.providerBatchId,
      status: res.providerStatus,
      total: res.counts.total,
      done: res.counts.done,
      failed: res.counts.failed,
    });
    if (res.state === 'pending') return schedule(t, o.pollMs);
    tracked.delete(t.ref.id);
    await setBatchStatus(o.db, o.scope, t.ref.id, res.state).catch(() => undefined);
    const late = [...t.waiters.values()].filter((w) => !polled.has(w.customId));
    if (late.length) track(t.ref, t.api, late);
    let resubmitted = 0;
    for (const w of polled.values()) {
      const stopped = closed as Igny8Error | null;
      if (stopped) {
        settle(w, () => w.reject(stopped));
        continue;
      }
      const r = res.results?.get(w.customId);
      if (r?.kind === 'answer') {
        await setBatchItemStatus(o.db, o.scope, t.ref.id, w.customId, 'answered').catch(() => undefined);
        const { usage, check } = await checkUsage(w.request, r.response);
        settle(w, () => w.resolve({ ...r.response, usage, usageCheck: check }));
      } else if (r?.kind === 'error' || res.state === 'failed') {
        const message =
          r?.kind === 'error' ? r.message : `${t.ref.provider} batch failed: ${res.error ?? 'unknown'}`;
        await setBatchItemStatus(o.db, o.scope, t.ref.id, w.customId, 'failed', message).catch(
          () => undefined,
        );
        const reason =
          r?.kind === 'error' && r.status !== undefined && r.status < 500 ? 'bad_request' : 'transient';
        settle(w, () =>
          w.reject(
            new ProviderError(reason, message, {
              provider: t.ref.provider,
              status: r?.kind === 'error' ? r.status : undefined,
            }),
          ),
        );
      } else if (w.resubmits < maxResubmits) {
        // Expired, cancelled or left out of the results: only these go into the next batch.
        await setBatchItemStatus(o.db, o.scope, t.ref.id, w.customId, 'resubmitted').catch(() => undefined);
        w.resubmits++;
        w.defer = o.deferResubmits === true;
        resubmitted++;
        group(t.ref.provider, t.api, t.ref.model).waiters.push(w);
      } else {
        const message = `${t.ref.provider} batch ${t.ref.providerBatchId}: no answer after ${maxResubmits + 1} batches (${r?.kind === 'retry' ? r.why : 'missing from the results'})`;
        await setBatchItemStatus(o.db, o.scope, t.ref.id, w.customId, 'failed', message).catch(
          () => undefined,
        );
        settle(w, () =>
          w.reject(
            new Igny8Error('BATCH_EXPIRED', message, {
              hint: 'Run again: only the unanswered items are sent.',
            }),
          ),
        );
      }
    }
    if (resubmitted > 0) {
      o.log(
        'warn',
        `Batch ${t.ref.providerBatchId} ${res.state}: resubmitting the ${resubmitted} request(s) it did not answer`,
      );
      maybeFlush();
    }
  }

  function group(provider: string, api: TextBatchApi, model: string): Group {
    const key = `${provider}\u0000${model}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { provider, api, model, waiters: [] }));
    return g;
  }

  return {
    /** An item started (withBatchItem). */
    enter(): void {
      active++;
    },
    /** An item finished: the others may all be waiting now. */
    leave(): void {
      active--;
      maybeFlush();
    },
    /** Whether calls to this provider can be batched; the first that cannot is logged once. */
    supports(provider: TextProvider): boolean {
      if (provider.batch) return true;
      if (!noBatch.has(provider.name)) {
        noBatch.add(provider.name);
        o.log(
          'info',
          `${provider.name} has no batch API: its calls in this stage run synchronously, at the full price`,
        );
      }
      return false;
    },
    /** The answer to one request, through a batch (a stored one when the request was already submitted). */
    async request(
      provider: TextProvider,
      request: TextRequest,
      opId: string,
      itemId: string,
    ): Promise<TextResponse> {
      if (closed) throw closed;
      const customId = customIdFor(opId);
      const waitingIn = await findWaitingBatch(o.db, o.scope, o.runId, customId);
      const stored =
        waitingIn && waitingIn.provider === provider.name
          ? await resolveStored(waitingIn, provider.batch!)
          : undefined;
      if (closed) throw closed;
      return new Promise<TextResponse>((resolve, reject) => {
        const w: Waiter = { customId, itemId, opId, request, resubmits: 0, resolve, reject };
        waiting++;
        if (stored) {
          track(stored, provider.batch!, [w]);
          return;
        }
        group(provider.name, provider.batch!, request.model).waiters.push(w);
        maybeFlush();
      });
    },
    /**
     * Stop waiting (the run paused, was cancelled or lost its lease): every waiting item gets `err`.
     * The batches stay with the provider for a resumed run, unless `cancel` (the run was cancelled).
     */
    close(err: Igny8Error, options: { cancel?: boolean } = {}): void {
      if (closed) return;
      closed = err;
      for (const t of tracked.values()) {
        clearTimeout(t.timer);
        if (options.cancel) void t.api.cancel(t.ref.providerBatchId).catch(() => undefined);
        for (const w of t.waiters.values()) settle(w, () => w.reject(err));
      }
      tracked.clear();
      for (const g of groups.values()) for (const w of g.waiters.splice(0)) settle(w, () => w.reject(err));
    },
  };
}
