import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { ChannelRequestSchema, type ChannelSchema } from '../api-contract/schedules.schema.js';
import type { Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import { parseJson, toJson } from '../util/json.js';
import * as repo from './channels.repository.js';
import { deliverToChannel, type DeliveryDeps } from './deliver.js';
import type { NotifyEventKind } from './notify-event.js';

export type ChannelInput = z.input<typeof ChannelRequestSchema>;
export type ChannelView = z.infer<typeof ChannelSchema>;

export interface ChannelService {
  /** Add a webhook or email channel; a webhook's signing secret is in this answer only. */
  add(scope: Scope, input: ChannelInput): Promise<ChannelView>;
  list(scope: Scope): Promise<ChannelView[]>;
  remove(scope: Scope, ref: string): Promise<void>;
  /** Send a test message now (nothing stored); says whether it went out. */
  test(scope: Scope, ref: string): Promise<{ ok: boolean; detail: string }>;
}

function toView(row: repo.ChannelRow, last?: repo.DeliveryRow): ChannelView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    target: row.target,
    events: parseJson<NotifyEventKind[]>(row.events, []),
    status: row.status,
    createdAt: row.created_at,
    lastDelivery: last
      ? { status: last.status, error: last.error, at: last.finished_at ?? last.created_at }
      : null,
  };
}

/**
 * Notification channels of an account: signed webhooks (Slack-compatible) and email. The webhook's
 * URL and secret are sealed with the secret box; only the URL's origin is ever shown.
 * @example await channels.add(scope, { kind: 'email', name: 'ops', to: 'ops@example.com' })
 */
export function createChannelService(db: Db, deps: DeliveryDeps): ChannelService {
  async function get(scope: Scope, ref: string): Promise<repo.ChannelRow> {
    const row = await repo.findChannelRow(db, scope, ref);
    if (!row)
      throw new Igny8Error('CHANNEL_NOT_FOUND', `No notification channel "${ref}" in this account`, {
        action: { id: 'list_notification_channels' },
      });
    return row;
  }

  return {
    async add(scope, input) {
      const c = parseInput(ChannelRequestSchema, input, 'notification channel');
      const at = nowIso();
      const secret =
        c.kind === 'webhook' ? (c.secret ?? `whsec_${randomBytes(24).toString('base64url')}`) : undefined;
      const row: repo.ChannelRow = {
        id: newId(),
        account_id: scope.accountId,
        name: c.name,
        kind: c.kind,
        target: c.kind === 'webhook' ? new URL(c.url!).origin : c.to!,
        config_enc: c.kind === 'webhook' ? deps.secrets.encrypt(toJson({ url: c.url, secret })) : '',
        events: toJson(c.events ?? []),
        status: 'active',
        created_at: at,
        updated_at: at,
      };
      if (!(await repo.insertChannelRow(db, row)))
        throw new Igny8Error('ALREADY_EXISTS', `A notification channel named "${c.name}" exists`, {
          hint: 'Pick another name, or remove the old channel first.',
          details: { field: 'name' },
        });
      return { ...toView(row), ...(c.kind === 'webhook' && !c.secret ? { secret } : {}) };
    },

    async list(scope) {
      const [rows, last] = await Promise.all([
        repo.listChannelRows(db, scope),
        repo.lastDeliveries(db, scope),
      ]);
      return rows.map((r) => toView(r, last.get(r.id)));
    },

    async remove(scope, ref) {
      const row = await get(scope, ref);
      await repo.deleteChannelRow(db, scope, row.id);
    },

    async test(scope, ref) {
      const row = await get(scope, ref);
      try {
        await deliverToChannel(deps, row, {
          id: `test-${newId()}`,
          level: 'info',
          title: 'Test notification from igny8',
          message: `The channel "${row.name}" works: run results, publish failures, low credits and skipped schedule slots will arrive here.`,
          actionUrl: null,
          dedupeKey: null,
          userId: null,
          read: false,
          readAt: null,
          createdAt: nowIso(),
        });
        return {
          ok: true,
          detail: row.kind === 'webhook' ? `${row.target} accepted it` : `sent to ${row.target}`,
        };
      } catch (err) {
        return { ok: false, detail: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
