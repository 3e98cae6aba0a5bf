import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import { nowIso } from '../util/ids.js';
import type { RunRow } from './run.repository.js';

// The worker's side of a run's lease (claim, drain, give back); automation owns `automation_runs`.

/** A detached run starts when a worker first takes it (a resumed one keeps its first start). */
export async function markRunStarted(db: Db, runId: string, now: string): Promise<void> {
  await db
    .updateTable('automation_runs')
    .set({ started_at: sql<string>`coalesce(started_at, ${now})` })
    .where('id', '=', runId)
    .execute();
}

/** Move the lease from its owner to another holder (a drain marker); false when the owner no longer holds it. */
export async function moveLease(
  db: Db,
  runId: string,
  owner: string,
  to: string,
  until: string,
): Promise<boolean> {
  const r = await db
    .updateTable('automation_runs')
    .set({ lease_owner: to, lease_expires_at: until })
    .where('id', '=', runId)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Drop the lease: a run that was running is queued again, one cancelled gets its finish time, a
 * paused one stays paused. Only the current holder can do it.
 */
export async function dropLease(db: Db, runId: string, holder: string): Promise<boolean> {
  const r = await db
    .updateTable('automation_runs')
    .set({
      lease_owner: null,
      lease_expires_at: null,
      status: sql<RunRow['status']>`case when status = 'running' then 'queued' else status end`,
      finished_at: sql<
        string | null
      >`case when status = 'cancelled' then coalesce(finished_at, ${nowIso()}) else finished_at end`,
      updated_at: nowIso(),
    })
    .where('id', '=', runId)
    .where('lease_owner', '=', holder)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
