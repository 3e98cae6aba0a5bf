import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { isSqlite, type Db } from '../db/index.js';
import type { AutomationRunsTable } from '../db/schema.js';
import type { Scope, SiteScope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import { toJson } from '../util/json.js';
import { stageKeyOf, stageNumberOf } from './stored-stage.js';

/**
 * A run as the repository gives it: the row, with the stage it is in as a number (stored by key
 * since 0033; a number an older process wrote reads the same).
 */
export type RunRow = Omit<AutomationRunsTable, 'current_stage'> & { current_stage: number | null };

const stageKeyOrNull = (n: number | null): string | null => (n === null ? null : stageKeyOf(n));
const stageNumberOrNull = (stored: string | number | null): number | null =>
  stored === null ? null : stageNumberOf(stored);

function toRunRow(row: AutomationRunsTable): RunRow {
  return { ...row, current_stage: stageNumberOrNull(row.current_stage) };
}

/** A patch of a run as stored: the stage by its key. */
function toStoredPatch(patch: Partial<RunRow>): Partial<AutomationRunsTable> {
  const { current_stage, ...rest } = patch;
  return current_stage === undefined ? rest : { ...rest, current_stage: stageKeyOrNull(current_stage) };
}
export const ACTIVE_STATUSES = ['queued', 'running', 'paused'] as const;
export const LEASE_MS = 30_000;

/** A lease owner id unique to this process and call: host, pid, random. */
export function newLeaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

export async function findRun(db: Db, scope: Scope, id: string): Promise<RunRow | undefined> {
  const row = await db
    .selectFrom('automation_runs')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRunRow(row);
}

export async function findActiveRun(db: Db, scope: SiteScope): Promise<RunRow | undefined> {
  const row = await db
    .selectFrom('automation_runs')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('status', 'in', [...ACTIVE_STATUSES])
    .executeTakeFirst();
  return row && toRunRow(row);
}

export async function listRuns(
  db: Db,
  scope: Scope,
  opts: { siteId?: string; limit?: number; offset?: number } = {},
) {
  let q = db.selectFrom('automation_runs').where('account_id', '=', scope.accountId);
  if (opts.siteId) q = q.where('site_id', '=', opts.siteId);
  const [items, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .limit(opts.limit ?? 20)
      .offset(opts.offset ?? 0)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(toRunRow), total: Number(count.n) };
}

export interface NewRun {
  trigger: RunRow['trigger'];
  status: 'queued' | 'running';
  options: unknown;
  results: unknown;
  estimateCredits: number;
  creditCap: number | null;
  leaseOwner: string | null;
}

/** Insert a run; the partial unique index refuses a second active run for the site. */
export async function insertRun(db: Db, scope: SiteScope, run: NewRun): Promise<RunRow> {
  const now = nowIso();
  const row: RunRow = {
    id: newId(),
    account_id: scope.accountId,
    site_id: scope.siteId,
    trigger: run.trigger,
    status: run.status,
    options: toJson(run.options),
    results: toJson(run.results),
    estimate_credits: run.estimateCredits,
    credit_cap: run.creditCap,
    credits_used: 0,
    current_stage: null,
    lease_owner: run.leaseOwner,
    lease_expires_at: run.leaseOwner ? nowIso(new Date(Date.now() + LEASE_MS)) : null,
    error: null,
    started_at: run.status === 'running' ? now : null,
    finished_at: null,
    created_at: now,
    updated_at: now,
  };
  await db
    .insertInto('automation_runs')
    .values({ ...row, current_stage: stageKeyOrNull(row.current_stage) })
    .execute();
  return row;
}

/**
 * True when the lease owner is a process on this host that no longer exists (it was killed), so
 * its run can be taken over at once instead of after the lease expires.
 */
export function isLocalOwnerDead(owner: string | null): boolean {
  if (!owner) return true;
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Take over a run whose owner died, compare-and-set on the dead owner's id. */
export async function takeOverLease(
  db: Db,
  scope: Scope,
  runId: string,
  deadOwner: string | null,
  owner: string,
): Promise<boolean> {
  const r = await db
    .updateTable('automation_runs')
    .set({
      lease_owner: owner,
      lease_expires_at: nowIso(new Date(Date.now() + LEASE_MS)),
      status: 'running',
      updated_at: nowIso(),
    })
    .where('account_id', '=', scope.accountId)
    .where('id', '=', runId)
    .where('status', 'in', ['running', 'queued'])
    .where((eb) => (deadOwner === null ? eb('lease_owner', 'is', null) : eb('lease_owner', '=', deadOwner)))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Take the lease if it is free, expired, or already ours. A run whose process died keeps an
 * expired lease, so the next `igny8 run` resumes it instead of starting over.
 */
export async function acquireLease(
  db: Db,
  scope: Scope,
  runId: string,
  owner: string,
  fromStatuses: RunRow['status'][],
): Promise<boolean> {
  const now = nowIso();
  const r = await db
    .updateTable('automation_runs')
    .set({
      lease_owner: owner,
      lease_expires_at: nowIso(new Date(Date.now() + LEASE_MS)),
      status: 'running',
      updated_at: now,
    })
    .where('account_id', '=', scope.accountId)
    .where('id', '=', runId)
    .where('status', 'in', fromStatuses)
    .where((eb) =>
      eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', now), eb('lease_owner', '=', owner)]),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Renew our lease; false means another process took the run over (we must stop). */
export async function renewLease(db: Db, runId: string, owner: string): Promise<boolean> {
  const r = await db
    .updateTable('automation_runs')
    .set({ lease_expires_at: nowIso(new Date(Date.now() + LEASE_MS)) })
    .where('id', '=', runId)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Update fields of a run we hold the lease of; false when we no longer own it. */
export async function updateOwnedRun(
  db: Db,
  runId: string,
  owner: string,
  patch: Partial<RunRow>,
): Promise<boolean> {
  const r = await db
    .updateTable('automation_runs')
    .set({ ...toStoredPatch(patch), updated_at: nowIso() })
    .where('id', '=', runId)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Request a status change from outside the runner (pause/cancel); the runner sees it between items. */
export async function setRunStatus(
  db: Db,
  scope: Scope,
  runId: string,
  from: RunRow['status'][],
  to: RunRow['status'],
  extra: Partial<RunRow> = {},
): Promise<boolean> {
  const r = await db
    .updateTable('automation_runs')
    .set({ status: to, updated_at: nowIso(), ...toStoredPatch(extra) })
    .where('account_id', '=', scope.accountId)
    .where('id', '=', runId)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * The run's status, its row share-locked until the transaction ends on PostgreSQL (a cancel's update
 * waits for it, and it waits for a cancel in progress); SQLite's BEGIN IMMEDIATE already serializes.
 */
/** The run's owner and status, its row locked for update until the transaction ends (PostgreSQL). */
export async function lockedRunOwner(
  trx: Db,
  runId: string,
): Promise<Pick<RunRow, 'lease_owner' | 'status'> | undefined> {
  const q = trx.selectFrom('automation_runs').select(['lease_owner', 'status']).where('id', '=', runId);
  return (isSqlite(trx) ? q : q.forUpdate()).executeTakeFirst();
}

export async function lockedRunStatus(trx: Db, runId: string): Promise<RunRow['status'] | undefined> {
  const q = trx.selectFrom('automation_runs').select('status').where('id', '=', runId);
  return (await (isSqlite(trx) ? q : q.forShare()).executeTakeFirst())?.status;
}

export async function runStatus(db: Db, runId: string): Promise<RunRow['status'] | undefined> {
  const row = await db
    .selectFrom('automation_runs')
    .select('status')
    .where('id', '=', runId)
    .executeTakeFirst();
  return row?.status;
}

export interface RunEventInput {
  level: 'debug' | 'info' | 'warn' | 'error';
  stage: number | null;
  type: string;
  message: string;
  data?: unknown;
}

/** Append to the run's log; seq is per run so logs page in order. */
export async function appendRunEvent(db: Db, scope: Scope, runId: string, ev: RunEventInput): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const last = await db
      .selectFrom('run_events')
      .select((eb) => eb.fn.max('seq').as('m'))
      .where('run_id', '=', runId)
      .executeTakeFirst();
    try {
      await db
        .insertInto('run_events')
        .values({
          id: newId(),
          account_id: scope.accountId,
          run_id: runId,
          seq: Number(last?.m ?? 0) + 1,
          level: ev.level,
          stage: stageKeyOrNull(ev.stage),
          type: ev.type,
          message: ev.message,
          data: ev.data === undefined ? null : toJson(ev.data),
          created_at: nowIso(),
        })
        .execute();
      return;
    } catch (err) {
      // Two writers raced for the same seq: take the next one.
      if (attempt === 4) throw err;
    }
  }
}

/** A run's log lines in order, each with its stage as a number (stored by key since 0033). */
export async function listRunEvents(
  db: Db,
  scope: Scope,
  runId: string,
  opts: { afterSeq?: number; limit?: number } = {},
) {
  const rows = await db
    .selectFrom('run_events')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('run_id', '=', runId)
    .where('seq', '>', opts.afterSeq ?? 0)
    .orderBy('seq')
    .limit(opts.limit ?? 500)
    .execute();
  return rows.map((r) => ({ ...r, stage: stageNumberOrNull(r.stage) }));
}
