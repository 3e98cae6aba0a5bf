import type { z } from 'zod';
import type { ScheduleRunOptionsSchema } from '../api-contract/schedules.schema.js';
import { ScheduleRequestSchema, type ScheduleSchema } from '../api-contract/schedules.schema.js';
import type { Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import { resolveSiteRef } from '../tenancy/resolve-site-ref.js';
import type { Scope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import { parseJson, toJson } from '../util/json.js';
import { toCron } from './parse-cadence.js';
import { nextSlot } from './plan-slots.js';
import * as repo from './schedules.repository.js';

export type ScheduleInput = z.input<typeof ScheduleRequestSchema>;
export type ScheduleView = z.infer<typeof ScheduleSchema>;
export type ScheduleRunOptions = z.output<typeof ScheduleRunOptionsSchema>;

export interface SlotView {
  slotTime: string;
  status: repo.SlotRow['status'];
  runId: string | null;
  detail: string | null;
  /** Due slots folded into this one because nothing was running at their time. */
  missed: number;
}

export interface ScheduleService {
  /** Add a schedule for a site (`siteId` may be the site's slug). */
  add(scope: Scope, input: ScheduleInput): Promise<ScheduleView>;
  list(scope: Scope): Promise<ScheduleView[]>;
  get(scope: Scope, ref: string): Promise<ScheduleView>;
  /** Stop firing; slots passing while paused never fire. */
  pause(scope: Scope, ref: string): Promise<ScheduleView>;
  /** Fire again from now on (slots missed while paused are not caught up). */
  resume(scope: Scope, ref: string): Promise<ScheduleView>;
  remove(scope: Scope, ref: string): Promise<void>;
  /** The slots a schedule claimed, newest first, with what became of each. */
  slots(scope: Scope, ref: string, limit?: number): Promise<SlotView[]>;
}

async function timezoneOf(db: Db, accountId: string): Promise<string> {
  const row = await db
    .selectFrom('accounts')
    .select('timezone')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row?.timezone ?? 'UTC';
}

export function toScheduleView(
  row: repo.ScheduleRow,
  timezone: string,
  last?: repo.SlotRow,
  now = new Date(),
): ScheduleView {
  const next = row.status === 'active' ? nextSlot(row.cron, timezone, now) : null;
  return {
    id: row.id,
    siteId: row.site_id,
    name: row.name,
    cadence: row.cadence,
    cron: row.cron,
    timezone,
    options: parseJson(row.options, {}),
    catchUp: row.catch_up,
    status: row.status,
    nextSlot: next ? next.toISOString() : null,
    lastSlot: last
      ? { slotTime: last.slot_time, status: last.status, runId: last.run_id, detail: last.detail }
      : null,
    createdAt: row.created_at,
  };
}

/**
 * Per-site automation schedules (preset or cron, in the account's timezone). The scheduler
 * (`startScheduler`) fires them; this service only manages them.
 * @example await schedules.add(scope, { siteId: 'blog', cadence: 'weekdays 06:00', options: { maxCredits: 500 } })
 */
export function createScheduleService(db: Db, deps: { now?: () => Date } = {}): ScheduleService {
  const clock = deps.now ?? (() => new Date());
  async function row(scope: Scope, ref: string): Promise<repo.ScheduleRow> {
    const found = await repo.findScheduleRow(db, scope, ref);
    if (!found)
      throw new Igny8Error('SCHEDULE_NOT_FOUND', `No schedule "${ref}" in this account`, {
        action: { id: 'list_schedules' },
      });
    return found;
  }
  async function view(scope: Scope, r: repo.ScheduleRow): Promise<ScheduleView> {
    return toScheduleView(
      r,
      await timezoneOf(db, scope.accountId),
      await repo.lastSlotRow(db, r.id),
      clock(),
    );
  }

  async function setStatus(scope: Scope, ref: string, status: 'active' | 'paused'): Promise<ScheduleView> {
    const r = await row(scope, ref);
    const at = nowIso(clock());
    // Resuming re-anchors: the slots that passed while paused are not "missed", they were not wanted.
    const patch =
      status === 'active' && r.status === 'paused'
        ? { status, anchor_at: at, updated_at: at }
        : { status, updated_at: at };
    await repo.updateScheduleRow(db, scope, r.id, patch);
    return view(scope, { ...r, ...patch });
  }

  return {
    async add(scope, input) {
      const req = parseInput(ScheduleRequestSchema, input, 'schedule');
      const cron = toCron(req.cadence);
      const site = await resolveSiteRef(db, scope.accountId, req.siteId);
      const at = nowIso(clock());
      const r: repo.ScheduleRow = {
        id: newId(),
        account_id: scope.accountId,
        site_id: site.siteId,
        name: req.name ?? req.cadence,
        cadence: req.cadence,
        cron,
        options: toJson(req.options ?? {}),
        catch_up: req.catchUp ?? 'once',
        status: 'active',
        anchor_at: at,
        created_at: at,
        updated_at: at,
      };
      if (!(await repo.insertScheduleRow(db, r)))
        throw new Igny8Error('ALREADY_EXISTS', `A schedule named "${r.name}" exists in this account`, {
          hint: 'Give this one another name (--name), or remove the old one.',
          details: { field: 'name' },
        });
      return view(scope, r);
    },

    async list(scope) {
      const tz = await timezoneOf(db, scope.accountId);
      const rows = await repo.listScheduleRows(db, scope);
      return Promise.all(
        rows.map(async (r) => toScheduleView(r, tz, await repo.lastSlotRow(db, r.id), clock())),
      );
    },

    get: async (scope, ref) => view(scope, await row(scope, ref)),
    pause: (scope, ref) => setStatus(scope, ref, 'paused'),
    resume: (scope, ref) => setStatus(scope, ref, 'active'),

    async remove(scope, ref) {
      const r = await row(scope, ref);
      await repo.deleteScheduleRow(db, scope, r.id);
    },

    async slots(scope, ref, limit) {
      const r = await row(scope, ref);
      const rows = await repo.listSlotRows(db, scope, r.id, limit);
      return rows.map((s) => ({
        slotTime: s.slot_time,
        status: s.status,
        runId: s.run_id,
        detail: s.detail,
        missed: s.missed,
      }));
    },
  };
}
