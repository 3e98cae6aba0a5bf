import type { Selectable } from 'kysely';
import type { Db, ScheduleSlotsTable, SchedulesTable } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';
import { newId } from '../util/ids.js';

export type ScheduleRow = Selectable<SchedulesTable>;
export type SlotRow = Selectable<ScheduleSlotsTable>;

export async function insertScheduleRow(db: Db, row: ScheduleRow): Promise<boolean> {
  const res = await db
    .insertInto('schedules')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return res !== undefined;
}

/** A schedule by id or name within the account. */
export async function findScheduleRow(db: Db, scope: Scope, ref: string): Promise<ScheduleRow | undefined> {
  return db
    .selectFrom('schedules')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where((eb) => eb.or([eb('id', '=', ref), eb('name', '=', ref)]))
    .executeTakeFirst();
}

export async function listScheduleRows(db: Db, scope: Scope): Promise<ScheduleRow[]> {
  let q = db.selectFrom('schedules').selectAll().where('account_id', '=', scope.accountId);
  if (scope.siteId) q = q.where('site_id', '=', scope.siteId);
  return q.orderBy('created_at').orderBy('id').execute();
}

/** Every active schedule of every account (the scheduler's tick), with the account's timezone. */
export async function activeSchedules(db: Db): Promise<Array<ScheduleRow & { timezone: string }>> {
  return db
    .selectFrom('schedules')
    .innerJoin('accounts', 'accounts.id', 'schedules.account_id')
    .selectAll('schedules')
    .select('accounts.timezone')
    .where('schedules.status', '=', 'active')
    .where('accounts.status', '=', 'active')
    .execute();
}

export async function updateScheduleRow(
  db: Db,
  scope: Scope,
  id: string,
  patch: Partial<Pick<ScheduleRow, 'status' | 'anchor_at' | 'updated_at'>>,
): Promise<void> {
  await db
    .updateTable('schedules')
    .set(patch)
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .execute();
}

export async function deleteScheduleRow(db: Db, scope: Scope, id: string): Promise<void> {
  await db.deleteFrom('schedules').where('account_id', '=', scope.accountId).where('id', '=', id).execute();
}

/** The latest slot a schedule (or system task) claimed, whatever became of it. */
export async function lastSlotRow(db: Db, scheduleId: string): Promise<SlotRow | undefined> {
  return db
    .selectFrom('schedule_slots')
    .selectAll()
    .where('schedule_id', '=', scheduleId)
    .orderBy('slot_time', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listSlotRows(db: Db, scope: Scope, scheduleId: string, limit = 20): Promise<SlotRow[]> {
  return db
    .selectFrom('schedule_slots')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('schedule_id', '=', scheduleId)
    .orderBy('slot_time', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Claim a slot: insert-or-skip on the unique (schedule_id, slot_time). The one process whose insert
 * lands owns the slot; every other process, now or after a restart, sees it taken.
 */
export async function claimSlotRow(
  db: Db,
  values: Pick<
    SlotRow,
    'schedule_id' | 'account_id' | 'kind' | 'slot_time' | 'status' | 'missed' | 'claimed_by' | 'claimed_at'
  > &
    Partial<Pick<SlotRow, 'detail' | 'finished_at'>>,
): Promise<SlotRow | undefined> {
  return db
    .insertInto('schedule_slots')
    .values({ id: newId(), run_id: null, detail: null, finished_at: null, ...values })
    .onConflict((oc) => oc.columns(['schedule_id', 'slot_time']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Take over a slot whose claimer died before it finished (compare-and-set on the old claimer). */
export async function reclaimSlotRow(db: Db, slot: SlotRow, owner: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('schedule_slots')
    .set({ claimed_by: owner, claimed_at: at })
    .where('id', '=', slot.id)
    .where('status', '=', 'claimed')
    .where('claimed_by', '=', slot.claimed_by)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Slots claimed before `before` and never finished: their claimer died mid-slot. */
export async function staleSlotRows(db: Db, before: string): Promise<SlotRow[]> {
  return db
    .selectFrom('schedule_slots')
    .selectAll()
    .where('status', '=', 'claimed')
    .where('claimed_at', '<', before)
    .limit(50)
    .execute();
}

/** Record what became of a slot (only by its current claimer). */
export async function finishSlotRow(
  db: Db,
  slotId: string,
  owner: string,
  patch: Pick<SlotRow, 'status'> & Partial<Pick<SlotRow, 'run_id' | 'detail' | 'finished_at'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('schedule_slots')
    .set(patch)
    .where('id', '=', slotId)
    .where('claimed_by', '=', owner)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/**
 * Scheduled runs nobody executes (read-only here; the automation service owns the rows): queued
 * with no lease, or running under a lease that expired (the process executing it stopped or died).
 */
export async function orphanScheduledRuns(
  db: Db,
  now: string,
): Promise<Array<{ id: string; account_id: string; site_id: string }>> {
  return db
    .selectFrom('automation_runs')
    .select(['id', 'account_id', 'site_id'])
    .where('trigger', '=', 'schedule')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('lease_owner', 'is', null)]),
        eb.and([eb('status', '=', 'running'), eb('lease_expires_at', '<', now)]),
      ]),
    )
    .limit(20)
    .execute();
}
