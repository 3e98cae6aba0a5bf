import { z } from 'zod';
import { REFRESH_STATUSES } from '../api-contract/enum-values.js';
import type { AutomationService, RunView, StartRunInput } from '../automation/index.js';
import type { Db } from '../db/index.js';
import type { RefreshStatus } from '../db/schema.js';
import { ERROR_CODES, Igny8Error, parseInput, type ErrorCode } from '../errors/index.js';
import type { Scope, SiteScope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import { toJson } from '../util/json.js';
import {
  deleteQueuedRefresh,
  findOpenRefresh,
  findRefresh,
  insertRefresh,
  listRefreshes,
  updateRefresh,
  type RefreshRow,
} from './refresh.repository.js';
import { defaultRefreshQueries } from './refresh-default-queries.js';
import { pickRefreshTarget } from './refresh-pick-target.js';
import { resolveRefreshTarget } from './refresh-post-ref.js';
import { refreshResults, type RefreshResult } from './refresh-results.js';
import { refreshDiff, toRefreshView, type RefreshDiff, type RefreshView } from './refresh-view.js';
import { optionsOf } from './refresh-publish.js';

export const RefreshRunInputSchema = z
  .object({
    /** An inventory id, one of our article ids, or the post's URL or slug. */
    post: z.string().trim().min(1).max(2000),
    /**
     * Queries to add a section for. Absent: the page's striking-distance queries it does not cover
     * yet, from the site's Search Console data (none without data); `[]`: none.
     */
    queries: z.array(z.string().trim().min(1).max(200)).max(10).optional(),
    /** A new title; the live title is kept when absent. */
    title: z.string().trim().min(3).max(200).optional(),
    /** Internal links to add (0 = none). */
    maxLinks: z.number().int().min(0).max(10).default(3),
  })
  .strict();
export type RefreshRunInput = z.input<typeof RefreshRunInputSchema>;

/** How a refresh's run is started and followed (the automation service's start options). */
export type RefreshRunControl = Pick<StartRunInput, 'trigger' | 'detach' | 'onEvent' | 'signal' | 'force'>;

export interface RefreshRunResult {
  refresh: RefreshView;
  run: RunView;
}

function notFound(id: string): Igny8Error {
  return new Igny8Error('REFRESH_NOT_FOUND', `No refresh ${id}`, {
    hint: 'List refreshes with `igny8 refresh list`.',
  });
}

/**
 * Refreshes of a site's existing posts: each is an automation run of stage 8 (metered, resumable with
 * `igny8 runs resume`), then review of the word diff, approval, and a publish that updates the same
 * post in place, exactly once.
 * @example await core.refresh.run({ accountId, siteId }, { post: 'https://example.com/cold-brew/', queries: ['cold brew ratio'] })
 */
export function createRefreshService(deps: { db: Db; automation: Pick<AutomationService, 'start'> }) {
  const { db } = deps;

  async function rowOf(scope: Scope, id: string): Promise<RefreshRow> {
    const row = await findRefresh(db, scope, id);
    if (!row) throw notFound(id);
    return row;
  }

  async function startRun(scope: SiteScope, row: RefreshRow, maxLinks: number, control: RefreshRunControl) {
    return deps.automation.start(scope, {
      ...control,
      options: { stages: [8], refreshIds: [row.id], maxLinks, concurrency: 1 },
    });
  }

  /** The refresh as it is now, or its own error when the run left it stale or failed. */
  async function outcome(scope: SiteScope, id: string, run: RunView): Promise<RefreshRunResult> {
    const row = await rowOf(scope, id);
    if (row.status === 'stale' || row.status === 'failed') {
      throw new Igny8Error(
        row.error_code && row.error_code in ERROR_CODES ? (row.error_code as ErrorCode) : 'INVALID_STATE',
        row.error ?? `Refresh ${id} ${row.status}`,
        {
          hint:
            row.status === 'stale'
              ? `Nothing was sent. Refresh the post again: \`igny8 refresh run ${row.remote_id}\`.`
              : 'See `igny8 runs logs` for the reason.',
          details: { refreshId: id, runId: run.id, code: row.error_code },
        },
      );
    }
    return { refresh: toRefreshView(row), run };
  }

  const service = {
    /**
     * Record a refresh of an existing post, queued for its run (`start`). Refuses a post that
     * already has a refresh waiting for review or publishing; re-uses one whose run never finished.
     */
    async prepare(scope: SiteScope, input: RefreshRunInput): Promise<RefreshView & { maxLinks: number }> {
      const opts = parseInput(RefreshRunInputSchema, input, 'refresh');
      const target = await resolveRefreshTarget(db, scope, opts.post);
      const open = await findOpenRefresh(db, scope, target.destinationId, target.remoteId);
      if (open && open.status !== 'queued')
        throw new Igny8Error(
          'CONFLICT',
          `Post ${target.url} already has refresh ${open.id} (${open.status})`,
          {
            hint: `Review it with \`igny8 refresh show ${open.id} --diff\`, then approve and publish it.`,
            details: { refreshId: open.id, status: open.status },
          },
        );
      const queries = opts.queries ?? (await defaultRefreshQueries(db, scope, target.url));
      const options = toJson({
        queries,
        queriesFrom: opts.queries ? 'given' : 'search-console',
        ...(opts.title ? { title: opts.title } : {}),
        kind: target.kind,
        maxLinks: opts.maxLinks,
      });
      // A refresh whose run never finished is taken up again, with the options asked for now.
      if (open) await updateRefresh(db, scope, open.id, { options }, ['queued']);
      const row = open
        ? await rowOf(scope, open.id)
        : await insertRefresh(db, scope, {
            destination_id: target.destinationId,
            inventory_id: target.inventoryId,
            content_id: target.contentId,
            remote_id: target.remoteId,
            url: target.url,
            slug: target.slug,
            options,
          });
      return { ...toRefreshView(row), maxLinks: opts.maxLinks };
    },

    /** Run a prepared refresh (stage 8): fetch live, rewrite, leave the draft for review. */
    async start(scope: SiteScope, id: string, control: RefreshRunControl = {}): Promise<RefreshRunResult> {
      const row = await rowOf(scope, id);
      const maxLinks = optionsOf(row).maxLinks ?? 3;
      let run: RunView;
      try {
        run = await startRun(scope, row, maxLinks, control);
      } catch (err) {
        // Refused before it began (credits, another run on the site): nothing is left half-made.
        await deleteQueuedRefresh(db, scope, row.id);
        throw err;
      }
      await updateRefresh(db, scope, row.id, { run_id: run.id }, ['queued']);
      return outcome(scope, row.id, run);
    },

    /**
     * Refresh an existing post: `prepare` then `start`. The entry point for schedules too.
     * @example await core.refresh.run(scope, { post: 'https://example.com/cold-brew/', queries: ['cold brew ratio'] }, { trigger: 'schedule', detach: true })
     */
    async run(
      scope: SiteScope,
      input: RefreshRunInput,
      control: RefreshRunControl = {},
    ): Promise<RefreshRunResult> {
      const prepared = await service.prepare(scope, input);
      return service.start(scope, prepared.id, control);
    },

    /** The page a scheduled refresh would take now (best decay/striking candidate not refreshed lately). */
    pickTarget: (scope: SiteScope) => pickRefreshTarget(db, scope),

    async get(scope: Scope, id: string): Promise<RefreshView> {
      return toRefreshView(await rowOf(scope, id));
    },

    /** The refresh with the word diff of its draft against the live version. */
    async show(scope: Scope, id: string): Promise<RefreshView & RefreshDiff> {
      const row = await rowOf(scope, id);
      return { ...toRefreshView(row), ...refreshDiff(row) };
    },

    async list(
      scope: Scope,
      opts: { siteId?: string; statuses?: RefreshStatus[]; limit?: number; offset?: number } = {},
    ) {
      const statuses = opts.statuses?.map((st) => parseInput(z.enum(REFRESH_STATUSES), st, 'status'));
      const { items, total } = await listRefreshes(db, scope, { ...opts, ...(statuses ? { statuses } : {}) });
      return { items: items.map(toRefreshView), total };
    },

    /** Approve a draft for publishing (review → approved). */
    async approve(scope: Scope, id: string): Promise<RefreshView> {
      const row = await rowOf(scope, id);
      if (!(await updateRefresh(db, scope, id, { status: 'approved', approved_at: nowIso() }, ['review'])))
        throw new Igny8Error('INVALID_STATE', `Refresh ${id} is ${row.status}, not waiting for review`, {
          hint:
            row.status === 'queued'
              ? 'Wait for its run to finish.'
              : 'Only a draft in review can be approved.',
        });
      return toRefreshView(await rowOf(scope, id));
    },

    /**
     * Publish an approved refresh in place (a run of stage 8): the same post is updated, never a new
     * one; refused with REFRESH_LIVE_CHANGED when the post was edited on the site since it was fetched.
     */
    async publish(scope: SiteScope, id: string, control: RefreshRunControl = {}): Promise<RefreshRunResult> {
      const row = await rowOf(scope, id);
      if (row.status !== 'approved' && row.status !== 'publishing')
        throw new Igny8Error(
          'INVALID_STATE',
          `Refresh ${id} is ${row.status}; only an approved refresh is published`,
          {
            hint:
              row.status === 'review'
                ? `Review it (\`igny8 refresh show ${id} --diff\`) and approve it first.`
                : row.status === 'published'
                  ? 'It is live already.'
                  : `Refresh the post again: \`igny8 refresh run ${row.remote_id}\`.`,
          },
        );
      await updateRefresh(db, scope, id, { status: 'publishing' }, ['approved', 'publishing']);
      const run = await startRun(scope, row, 0, control);
      return outcome(scope, id, run);
    },

    /**
     * Before/after Search Console figures of each refresh that went live (`days` each side, default
     * 28), shown once that many full days after have arrived.
     */
    results(scope: SiteScope, opts: { days?: number } = {}): Promise<RefreshResult[]> {
      const days = opts.days ?? 28;
      if (!Number.isInteger(days) || days < 1 || days > 365)
        throw new Igny8Error('VALIDATION_FAILED', `days must be a whole number from 1 to 365 (got ${days})`, {
          details: { field: 'days' },
        });
      return refreshResults(db, scope, days);
    },
  };
  return service;
}

export type RefreshService = ReturnType<typeof createRefreshService>;
