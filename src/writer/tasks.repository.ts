import type { Insertable } from 'kysely';
import type { Db, TasksTable } from '../db/index.js';
import type { Scope, SiteScope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';

// The writer owns `tasks`: every write to the table is one of these functions.

/** One task of the account, every column. */
export async function findTask(
  db: Db,
  scope: Pick<Scope, 'accountId'>,
  id: string,
): Promise<TasksTable | undefined> {
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertTask(db: Db, row: Insertable<TasksTable>): Promise<void> {
  await db.insertInto('tasks').values(row).execute();
}

/** A worker takes the task: running, one more attempt. */
export async function markTaskRunning(db: Db, id: string, attempts: number): Promise<void> {
  await db
    .updateTable('tasks')
    .set({ status: 'running', attempts, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

/** The task's article is saved. */
export async function markTaskDone(
  db: Db,
  scope: Pick<Scope, 'accountId'>,
  id: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('tasks')
    .set({ status: 'done', error: null, updated_at: now })
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .execute();
}

/** A running task failed (a task no longer running — taken over, reset — keeps its state). */
export async function markTaskFailed(db: Db, id: string, message: string): Promise<void> {
  await db
    .updateTable('tasks')
    .set({ status: 'failed', error: message.slice(0, 2000), updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** Running tasks of the site (and sector) go back to the queue; how many did. */
export async function requeueRunningTasks(
  db: Db,
  scope: SiteScope,
  sectorId: string | undefined,
  now: string,
): Promise<number> {
  let q = db
    .updateTable('tasks')
    .set({ status: 'queued', updated_at: now })
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('status', '=', 'running');
  if (sectorId) q = q.where('sector_id', '=', sectorId);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Store (or, with null, drop) the task's prompt override for its writing call; rows changed. */
export async function setTaskPromptOverride(
  db: Db,
  scope: Pick<Scope, 'accountId'>,
  id: string,
  body: string | null,
  now: string,
): Promise<number> {
  const res = await db
    .updateTable('tasks')
    .set({ prompt_override: body, updated_at: now })
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
