import { transaction, type Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import {
  MarkReadInputSchema,
  NotificationInputSchema,
  NotificationListQuerySchema,
  type Notification,
  type NotificationInput,
  type NotificationListQuery,
} from './notification.schema.js';
import * as repo from './notifications.repository.js';

export interface NotificationService {
  /** Store a notification; null when its dedupeKey was already used in the account. */
  notify(scope: Scope, input: NotificationInput): Promise<Notification | null>;
  /** Newest first. */
  list(scope: Scope, query?: NotificationListQuery): Promise<{ items: Notification[]; total: number }>;
  /** Mark notifications read (NOTIFICATION_NOT_FOUND names ids not in the account); returns how many changed. */
  markRead(scope: Scope, ids: string[] | 'all'): Promise<number>;
}

export function toNotification(row: repo.NotificationRow): Notification {
  return {
    id: row.id,
    level: row.level,
    title: row.title,
    message: row.message,
    actionUrl: row.action_url,
    dedupeKey: row.dedupe_key,
    userId: row.user_id,
    read: row.read_at !== null,
    readAt: row.read_at,
    createdAt: row.created_at,
  };
}

/**
 * Insert a notification inside another service's transaction (e.g. a credit alert written with the
 * charge that caused it). Validates the input; null when the dedupe key was already used.
 * @example await insertNotification(trx, scope, { level: 'warning', title: '80% used', message: '…', dedupeKey: 'k' })
 */
export async function insertNotification(
  trx: Db,
  scope: Scope,
  input: NotificationInput,
  createdAt?: string,
): Promise<Notification | null> {
  const values = parseInput(NotificationInputSchema, input, 'notification');
  const row = await repo.insertNotificationRow(trx, scope, values, createdAt);
  return row ? toNotification(row) : null;
}

/**
 * Account notifications (info/success/warning/error, read/unread, action link).
 * @example await createNotificationService(db).notify(scope, { level: 'info', title: 'Run done', message: '12 articles' })
 */
export function createNotificationService(db: Db): NotificationService {
  return {
    notify: (scope, input) => transaction(db, (trx) => insertNotification(trx, scope, input)),

    async list(scope, query = {}) {
      const q = parseInput(NotificationListQuerySchema, query, 'notification query');
      const { rows, total } = await repo.listNotificationRows(db, scope, q);
      return { items: rows.map(toNotification), total };
    },

    async markRead(scope, ids) {
      const wanted = parseInput(MarkReadInputSchema, ids, 'notification ids');
      return transaction(db, async (trx) => {
        if (wanted === 'all') return repo.markNotificationRowsRead(trx, scope, undefined, nowIso());
        const unique = [...new Set(wanted)];
        const found = new Set(await repo.existingNotificationIds(trx, scope, unique));
        const missing = unique.filter((id) => !found.has(id));
        if (missing.length > 0) {
          throw new Igny8Error(
            'NOTIFICATION_NOT_FOUND',
            `No notification ${missing.join(', ')} in this account`,
            {
              action: { id: 'list_notifications' },
            },
          );
        }
        return repo.markNotificationRowsRead(trx, scope, unique, nowIso());
      });
    },
  };
}
