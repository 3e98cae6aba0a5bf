import type { Selectable } from 'kysely';
import type { Db, NotificationChannelsTable, NotificationDeliveriesTable } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';
import { newId } from '../util/ids.js';
import type { NotificationRow } from './notifications.repository.js';

export type ChannelRow = Selectable<NotificationChannelsTable>;
export type DeliveryRow = Selectable<NotificationDeliveriesTable>;

export async function insertChannelRow(db: Db, row: ChannelRow): Promise<boolean> {
  const res = await db
    .insertInto('notification_channels')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return res !== undefined;
}

export async function findChannelRow(db: Db, scope: Scope, ref: string): Promise<ChannelRow | undefined> {
  return db
    .selectFrom('notification_channels')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where((eb) => eb.or([eb('id', '=', ref), eb('name', '=', ref)]))
    .executeTakeFirst();
}

export async function listChannelRows(db: Db, scope: Scope, activeOnly = false): Promise<ChannelRow[]> {
  let q = db.selectFrom('notification_channels').selectAll().where('account_id', '=', scope.accountId);
  if (activeOnly) q = q.where('status', '=', 'active');
  return q.orderBy('created_at').orderBy('id').execute();
}

/** Accounts with at least one active channel (the scheduler's delivery sweep). */
export async function accountsWithChannels(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('notification_channels')
    .select('account_id')
    .distinct()
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.account_id);
}

export async function deleteChannelRow(db: Db, scope: Scope, id: string): Promise<void> {
  await db
    .deleteFrom('notification_channels')
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .execute();
}

/**
 * Notifications of the account a channel has not been offered yet: newer than the channel and than
 * `since`, carrying an event key (dedupe key), oldest first.
 */
export async function undeliveredRows(
  db: Db,
  scope: Scope,
  channel: ChannelRow,
  since: string,
  limit = 50,
): Promise<NotificationRow[]> {
  const after = channel.created_at > since ? channel.created_at : since;
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('created_at', '>=', after)
    .where('dedupe_key', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notification_deliveries')
            .select('id')
            .whereRef('notification_deliveries.notification_id', '=', 'notifications.id')
            .where('notification_deliveries.channel_id', '=', channel.id),
        ),
      ),
    )
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** Claim one delivery (insert-or-skip on channel + notification): only one process sends it. */
export async function claimDeliveryRow(
  db: Db,
  scope: Scope,
  channelId: string,
  notificationId: string,
  at: string,
): Promise<string | undefined> {
  const row = await db
    .insertInto('notification_deliveries')
    .values({
      id: newId(),
      account_id: scope.accountId,
      channel_id: channelId,
      notification_id: notificationId,
      status: 'sending',
      error: null,
      created_at: at,
      finished_at: null,
    })
    .onConflict((oc) => oc.columns(['channel_id', 'notification_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function finishDeliveryRow(
  db: Db,
  id: string,
  patch: Pick<DeliveryRow, 'status' | 'error' | 'finished_at'>,
): Promise<void> {
  await db.updateTable('notification_deliveries').set(patch).where('id', '=', id).execute();
}

/** The latest delivery of each of the account's channels. */
export async function lastDeliveries(db: Db, scope: Scope): Promise<Map<string, DeliveryRow>> {
  const rows = await db
    .selectFrom('notification_deliveries')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
  const out = new Map<string, DeliveryRow>();
  for (const r of rows) if (!out.has(r.channel_id)) out.set(r.channel_id, r);
  return out;
}
