import type { Selectable } from 'kysely';
import type { Db, NotificationsTable } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';

export type NotificationRow = Selectable<NotificationsTable>;

export interface NotificationValues {
  level: NotificationsTable['level'];
  title: string;
  message: string;
  actionUrl?: string | undefined;
  dedupeKey?: string | undefined;
  userId?: string | undefined;
}

/**
 * Insert one notification inside the caller's transaction. A used dedupe key yields undefined rather
 * than an error: ON CONFLICT DO NOTHING keeps a PostgreSQL transaction usable after the duplicate.
 */
export async function insertNotificationRow(
  trx: Db,
  scope: Scope,
  values: NotificationValues,
  createdAt = nowIso(),
): Promise<NotificationRow | undefined> {
  return trx
    .insertInto('notifications')
    .values({
      id: newId(),
      account_id: scope.accountId,
      user_id: values.userId ?? null,
      level: values.level,
      title: values.title,
      message: values.message,
      action_url: values.actionUrl ?? null,
      dedupe_key: values.dedupeKey ?? null,
      read_at: null,
      created_at: createdAt,
    })
    .onConflict((oc) => oc.columns(['account_id', 'dedupe_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function listNotificationRows(
  db: Db,
  scope: Scope,
  query: { unreadOnly: boolean; limit: number; offset: number; forUser?: string | undefined },
): Promise<{ rows: NotificationRow[]; total: number }> {
  let base = db.selectFrom('notifications').where('account_id', '=', scope.accountId);
  if (query.unreadOnly) base = base.where('read_at', 'is', null);
  const forUser = query.forUser;
  if (forUser) base = base.where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '=', forUser)]));
  const rows = await base
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

/** Ids among `ids` that belong to the account. */
export async function existingNotificationIds(db: Db, scope: Scope, ids: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('notifications')
    .select('id')
    .where('account_id', '=', scope.accountId)
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => r.id);
}

/** Mark unread notifications read; `ids` undefined means all of the account's. Returns rows changed. */
export async function markNotificationRowsRead(
  db: Db,
  scope: Scope,
  ids: string[] | undefined,
  readAt: string,
): Promise<number> {
  let q = db
    .updateTable('notifications')
    .set({ read_at: readAt })
    .where('account_id', '=', scope.accountId)
    .where('read_at', 'is', null);
  if (ids) q = q.where('id', 'in', ids);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
