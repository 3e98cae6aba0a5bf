import type { Db } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import { parseJson } from '../util/json.js';
import * as channels from './channels.repository.js';
import { deliverToChannel, type DeliveryDeps } from './deliver.js';
import type { Notification } from './notification.schema.js';
import { toNotification, type NotificationService } from './notification.service.js';
import { eventKindOf, eventNotification, type NotifyEvent, type NotifyEventKind } from './notify-event.js';

export interface NotifierDeps extends DeliveryDeps {
  db: Db;
  notifications: NotificationService;
  /** Where delivery failures are told (they are also recorded per delivery); default: nowhere. */
  log?: (message: string) => void;
  now?: () => Date;
}

export interface Notifier {
  /**
   * Tell everyone about an event: store it for the account's users (the bell), then deliver it and
   * anything still undelivered to the account's channels. Never throws: a failure to notify must
   * not fail what is being notified about.
   */
  notify(scope: Scope, event: NotifyEvent): Promise<Notification | null>;
  /** Deliver the account's undelivered notifications of the last day (e.g. usage alerts the ledger wrote). */
  deliverPending(scope: Scope): Promise<{ sent: number; failed: number }>;
  /** deliverPending for every account with an active channel (the scheduler's tick). */
  deliverAll(): Promise<{ sent: number; failed: number }>;
  /** Hear about failed deliveries (the serve and worker commands log them); returns an unsubscribe. */
  onFailure(listener: (message: string) => void): () => void;
}

const DAY_MS = 24 * 3600_000;

/** @example await createNotifier(deps).notify(scope, { kind: 'run.failed', … }) */
export function createNotifier(deps: NotifierDeps): Notifier {
  const now = deps.now ?? (() => new Date());
  const listeners = new Set<(message: string) => void>();
  const log = (line: string) => {
    deps.log?.(line);
    for (const l of listeners) l(line);
  };
  const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

  async function deliverPending(scope: Scope) {
    const out = { sent: 0, failed: 0 };
    const since = nowIso(new Date(now().getTime() - DAY_MS));
    for (const channel of await channels.listChannelRows(deps.db, scope, true)) {
      const wanted = parseJson<NotifyEventKind[]>(channel.events, []);
      for (const row of await channels.undeliveredRows(deps.db, scope, channel, since)) {
        const kind = eventKindOf(row.dedupe_key);
        if (!kind || (wanted.length > 0 && !wanted.includes(kind))) continue;
        const claimed = await channels.claimDeliveryRow(deps.db, scope, channel.id, row.id, nowIso(now()));
        if (!claimed) continue; // another process is sending it
        try {
          await deliverToChannel(deps, channel, toNotification(row));
          await channels.finishDeliveryRow(deps.db, claimed, {
            status: 'sent',
            error: null,
            finished_at: nowIso(now()),
          });
          out.sent += 1;
        } catch (err) {
          const error = message(err).slice(0, 500);
          log(`notification ${row.id} to channel "${channel.name}" (${channel.kind}) failed: ${error}`);
          await channels.finishDeliveryRow(deps.db, claimed, {
            status: 'failed',
            error,
            finished_at: nowIso(now()),
          });
          out.failed += 1;
        }
      }
    }
    return out;
  }

  return {
    async notify(scope, event) {
      try {
        const stored = await deps.notifications.notify(scope, eventNotification(event));
        await deliverPending(scope);
        return stored;
      } catch (err) {
        log(`notifying ${event.kind} failed: ${message(err)}`);
        return null;
      }
    },
    deliverPending: (scope) =>
      deliverPending(scope).catch((err: unknown) => {
        log(`delivering notifications failed: ${message(err)}`);
        return { sent: 0, failed: 0 };
      }),
    onFailure(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async deliverAll() {
      const total = { sent: 0, failed: 0 };
      for (const accountId of await channels.accountsWithChannels(deps.db).catch(() => [])) {
        const r = await this.deliverPending({ accountId });
        total.sent += r.sent;
        total.failed += r.failed;
      }
      return total;
    },
  };
}
