import { hostname } from 'node:os';
import { sql } from 'kysely';
import { dropLease, markRunStarted, moveLease } from '../automation/run-lease.repository.js';
import { acquireLease, findRun, LEASE_MS, type RunRow } from '../automation/run.repository.js';
import { transaction, type Db } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';

/** Lease owners of worker processes start with this, so the sweeper only adopts worker runs. */
export const WORKER_OWNER_PREFIX = 'worker:';

export type ClaimStatus = 'claimed' | 'busy' | 'limit' | 'gone';

export interface ClaimResult {
  status: ClaimStatus;
  run: RunRow | undefined;
}

const leaseUntil = () => nowIso(new Date(Date.now() + LEASE_MS));

/**
 * Take a run's lease for a worker. `busy`: another live process holds it; `gone`: nothing left to
 * do (finished, paused, cancelled, deleted); `limit`: the account already has `maxRunning` runs with
 * a live lease. The count and the take happen under a per-account advisory lock (PostgreSQL), so
 * two workers can never both take an account's last slot.
 */
export async function claimRun(
  db: Db,
  scope: Scope,
  runId: string,
  owner: string,
  maxRunning: number,
): Promise<ClaimResult> {
  return transaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`igny8.account-runs:${scope.accountId}`}::text, 0))`.execute(
      trx,
    );
    const run = await findRun(trx, scope, runId);
    if (!run || (run.status !== 'queued' && run.status !== 'running')) return { status: 'gone', run };
    const now = nowIso();
    if (run.lease_owner && run.lease_owner !== owner && (run.lease_expires_at ?? '') > now) {
      return { status: 'busy', run };
    }
    const live = await trx
      .selectFrom('automation_runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', scope.accountId)
      .where('status', '=', 'running')
      .where('lease_expires_at', '>', now)
      .where('id', '!=', runId)
      .executeTakeFirstOrThrow();
    if (Number(live.n) >= maxRunning) return { status: 'limit', run };
    if (!(await acquireLease(trx, scope, runId, owner, ['queued', 'running'])))
      return { status: 'busy', run };
    // A detached run starts when a worker first takes it (a resumed one keeps its first start).
    await markRunStarted(trx, runId, now);
    return { status: 'claimed', run: await findRun(trx, scope, runId) };
  });
}

/**
 * Move our lease to a drain marker. The runner's next renewal fails, so it starts no new item; the
 * items in flight finish; nobody else can take the run until `releaseRun(marker)`.
 */
export async function markDraining(db: Db, runId: string, owner: string, marker: string): Promise<boolean> {
  return moveLease(db, runId, owner, marker, leaseUntil());
}

/**
 * Give a run back: no lease, and a run that was running is queued again for the next worker. A run
 * paused or cancelled meanwhile keeps that status. Only the current holder can do it.
 */
export async function releaseRun(db: Db, runId: string, holder: string): Promise<boolean> {
  return dropLease(db, runId, holder);
}

export interface OrphanRun {
  id: string;
  account_id: string;
  site_id: string;
  status: RunRow['status'];
  lease_owner: string | null;
}

/**
 * True when a worker lease names a process on this host that no longer exists (it was killed), so
 * its run can be adopted now rather than when the lease expires (the only signal across machines).
 */
export function isDeadLocalWorker(owner: string | null): boolean {
  if (!owner?.startsWith(WORKER_OWNER_PREFIX)) return false;
  const [host, pid] = owner
    .slice(WORKER_OWNER_PREFIX.length)
    .replace(/^drain:/, '')
    .split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Runs a worker should pick up because no live process works on them: queued runs without a live
 * lease (their job may be lost), and worker runs whose lease expired or whose worker died on this
 * host. Deliberately across accounts: this is the workers' sweeper, like the ledger's hold expiry.
 * A foreground `igny8 run` that crashed is left to its user (`igny8 run` again resumes it).
 */
export async function findOrphanRuns(db: Db, limit = 200): Promise<OrphanRun[]> {
  const now = nowIso();
  const columns = ['id', 'account_id', 'site_id', 'status', 'lease_owner'] as const;
  const expired = await db
    .selectFrom('automation_runs')
    .select(columns)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status', '=', 'queued'),
          eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', now)]),
        ]),
        eb.and([
          eb('status', '=', 'running'),
          eb('lease_owner', 'like', `${WORKER_OWNER_PREFIX}%`),
          eb('lease_expires_at', '<', now),
        ]),
      ]),
    )
    .orderBy('created_at')
    .limit(limit)
    .execute();
  // Live leases of workers on this host: a pid check tells whether their process still exists.
  const host = hostname();
  const local = await db
    .selectFrom('automation_runs')
    .select(columns)
    .where('status', '=', 'running')
    .where('lease_expires_at', '>=', now)
    .where((eb) =>
      eb.or([
        eb('lease_owner', 'like', `${WORKER_OWNER_PREFIX}${host}:%`),
        eb('lease_owner', 'like', `${WORKER_OWNER_PREFIX}drain:${host}:%`),
      ]),
    )
    .execute();
  return [...expired, ...local.filter((r) => isDeadLocalWorker(r.lease_owner))];
}
