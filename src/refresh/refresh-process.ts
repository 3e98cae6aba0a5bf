import type { AiEngine } from '../ai/index.js';
import { transaction, type Db } from '../db/index.js';
import { errorInfo, isIgny8Error } from '../errors/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import { toJson } from '../util/json.js';
import { findRefresh, updateRefresh } from './refresh.repository.js';
import { optionsOf, publishInPlace, type RunFence } from './refresh-publish.js';
import { rewriteLivePost } from './refresh-rewrite.js';
import { fetchLivePost, openWordPress, type RefreshWordPressDeps } from './refresh-wordpress.js';

export interface RefreshWorkerDeps extends RefreshWordPressDeps {
  db: Db;
  ai: Pick<AiEngine, 'run'>;
}

/** What stage 8 hands one refresh: the run's fence, model and link budget. */
export interface RefreshRunContext extends RunFence {
  runId: string;
  model?: string;
  maxLinks: number;
}

// Codes that leave the refresh where it is, for a resumed run to continue: the run is over for this
// process (lease, cancel), the credits ran out, or the failure may pass (network, provider).
const KEEP_WAITING = new Set([
  'RUN_LEASE_LOST',
  'RUN_CANCELLED',
  'INSUFFICIENT_CREDITS',
  'CREDIT_CAP_REACHED',
]);

async function rewrite(deps: RefreshWorkerDeps, scope: SiteScope, id: string, run: RefreshRunContext) {
  const row = (await findRefresh(deps.db, scope, id))!;
  const opts = optionsOf(row);
  const client = await openWordPress(deps, scope, row.destination_id);
  const live = await fetchLivePost(client, opts.kind ?? 'post', row.remote_id);
  const draft = await rewriteLivePost(
    deps,
    scope,
    { id: row.id, inventoryId: row.inventory_id, url: row.url },
    live,
    {
      queries: opts.queries ?? [],
      ...(opts.title ? { title: opts.title } : {}),
      maxLinks: run.maxLinks,
      ...(run.model ? { model: run.model } : {}),
    },
  );
  await transaction(deps.db, async (trx) => {
    await run.beforeSave(trx);
    await updateRefresh(
      trx,
      scope,
      row.id,
      {
        status: 'review',
        run_id: run.runId,
        live_title: live.title,
        live_html: live.html,
        live_modified: live.modified,
        live_hash: live.hash,
        fetched_at: nowIso(),
        slug: live.slug,
        url: live.link || row.url,
        draft_title: draft.title,
        draft_html: draft.html,
        notes: toJson(draft.notes),
        credits: draft.credits,
        error: null,
        error_code: null,
      },
      ['queued'],
    );
  });
  return { credits: draft.credits, created: 1 };
}

/**
 * Stage 8's work on one refresh: a queued one is fetched live and rewritten into a draft for review;
 * one whose publish was requested is published in place (see publishInPlace). A failure the user must
 * fix marks the refresh failed with its code; others leave it for the resumed run.
 */
export async function processRefresh(
  deps: RefreshWorkerDeps,
  scope: SiteScope,
  id: string,
  run: RefreshRunContext,
): Promise<{ credits: number; created: number }> {
  const row = await findRefresh(deps.db, scope, id);
  if (!row || (row.status !== 'queued' && row.status !== 'publishing')) return { credits: 0, created: 0 };
  try {
    if (row.status === 'queued') return await rewrite(deps, scope, id, run);
    const client = await openWordPress(deps, scope, row.destination_id);
    await publishInPlace(deps.db, client, scope, row, run);
    return { credits: 0, created: 1 };
  } catch (err) {
    const code = isIgny8Error(err) ? err.code : null;
    if (code && !KEEP_WAITING.has(code) && errorInfo(code).kind === 'user' && row.status === 'queued') {
      await transaction(deps.db, async (trx) => {
        await run.assertOwned(trx);
        await updateRefresh(
          trx,
          scope,
          id,
          { status: 'failed', run_id: run.runId, error: (err as Error).message, error_code: code },
          ['queued'],
        );
      }).catch(() => undefined);
    }
    throw err;
  }
}
