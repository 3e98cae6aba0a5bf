import { randomBytes } from 'node:crypto';
import type { Core } from '../core.js';
import { nowIso } from '../util/ids.js';
import { fireRunSlot, type FireContext } from './fire-run-slot.js';
import { planSlots, type SlotPlan, type SlotPlanInput } from './plan-slots.js';
import * as repo from './schedules.repository.js';
import { systemTasks } from './system-tasks.js';

export type SchedulerEvent =
  | {
      type: 'slot';
      schedule: string;
      kind: repo.SlotRow['kind'];
      slot: string;
      status: string;
      runId?: string;
      detail?: string;
      missed: number;
    }
  | { type: 'scheduler'; status: 'error'; reason: string };

export interface SchedulerOptions {
  /** How often to look for due slots (default: config.scheduler.tickSeconds). */
  tickMs?: number;
  /** The clock (tests move it). */
  now?: () => Date;
  /** A slot claimed longer ago than this and never finished is taken over (default: config.scheduler.staleClaimSeconds). */
  claimTimeoutMs?: number;
  /** Execute started runs in this process (SQLite); with PostgreSQL they go to the job queue. */
  runInProcess?: boolean;
  onEvent?: (e: SchedulerEvent) => void;
  /** Tests: called between claiming a slot and firing it (to kill a process mid-slot). */
  afterClaim?: (slot: repo.SlotRow) => Promise<void>;
}

export interface Scheduler {
  /** The claim owner of this process's scheduler. */
  id: string;
  /** Look for due slots once and fire them (what the timer calls). */
  tick(): Promise<void>;
  /**
   * Stop the timer and wait for the current tick; with `waitForRuns` (default) also for runs this
   * process executes (a run left behind is resumable: the next start or `igny8 runs resume` takes it).
   */
  stop(options?: { waitForRuns?: boolean }): Promise<void>;
}

/**
 * Fire schedules: every tick, plan each schedule's due slot (`planSlots`), claim it with an
 * insert-or-skip on (schedule, slot) — so across restarts and any number of processes a slot fires
 * once — then start its run through the automation service. The same loop renews plan credits
 * monthly and syncs WordPress post states, and delivers notifications still owed to channels.
 * `startScheduler(core)` starts the timer; `createScheduler(core)` only builds it (tests call tick).
 * @example const s = startScheduler(core, { runInProcess: true }); process.on('SIGTERM', () => void s.stop());
 */
export function createScheduler(core: Core, options: SchedulerOptions = {}): Scheduler {
  const id = `sched:${process.pid}:${randomBytes(4).toString('hex')}`;
  const now = options.now ?? (() => new Date());
  const claimTimeoutMs = options.claimTimeoutMs ?? core.config.scheduler.staleClaimSeconds * 1000;
  const inflight = new Set<Promise<unknown>>();
  const emit = (e: SchedulerEvent) => {
    try {
      options.onEvent?.(e);
    } catch {
      // A listener's bug must not stop the scheduler.
    }
  };
  const fireCtx: FireContext = {
    core,
    owner: id,
    runInProcess: options.runInProcess ?? false,
    track(p) {
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    },
  };
  const errorOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

  /** Claim the slot a plan names; undefined when another process (or an earlier tick) has it. */
  async function claim(key: string, accountId: string, kind: repo.SlotRow['kind'], plan: SlotPlan) {
    const at = nowIso(now());
    const skip = plan.action === 'skip';
    return repo.claimSlotRow(core.db, {
      schedule_id: key,
      account_id: accountId,
      kind,
      slot_time: plan.slot!.toISOString(),
      status: skip ? 'skipped' : 'claimed',
      missed: plan.missed,
      claimed_by: id,
      claimed_at: at,
      ...(skip ? { detail: `missed while no scheduler was running (catch-up: skip)`, finished_at: at } : {}),
    });
  }

  async function due(key: string, input: SlotPlanInput): Promise<SlotPlan> {
    const last = await repo.lastSlotRow(core.db, key);
    return planSlots(input, last ? new Date(last.slot_time) : null, now());
  }

  async function runSchedules(): Promise<void> {
    for (const s of await repo.activeSchedules(core.db)) {
      try {
        const plan = await due(s.id, {
          cron: s.cron,
          timezone: s.timezone,
          catchUp: s.catch_up,
          anchorAt: new Date(s.anchor_at),
        });
        if (!plan.slot) continue;
        const slot = await claim(s.id, s.account_id, 'run', plan);
        if (!slot) continue;
        if (slot.status === 'skipped') {
          await core.notify.notify(
            { accountId: s.account_id, siteId: s.site_id },
            {
              kind: 'schedule.slot_skipped',
              scheduleId: s.id,
              scheduleName: s.name,
              slotTime: slot.slot_time,
              reason: slot.detail ?? 'skipped',
            },
          );
          emit({
            type: 'slot',
            schedule: s.id,
            kind: 'run',
            slot: slot.slot_time,
            status: 'skipped',
            missed: slot.missed,
          });
          continue;
        }
        emit({
          type: 'slot',
          schedule: s.id,
          kind: 'run',
          slot: slot.slot_time,
          status: 'claimed',
          missed: slot.missed,
        });
        await options.afterClaim?.(slot);
        const outcome = await fireRunSlot(fireCtx, s, slot);
        emit({
          type: 'slot',
          schedule: s.id,
          kind: 'run',
          slot: slot.slot_time,
          missed: slot.missed,
          ...outcome,
        });
      } catch (err) {
        emit({ type: 'scheduler', status: 'error', reason: `schedule ${s.id}: ${errorOf(err)}` });
      }
    }
  }

  async function runSystemTasks(): Promise<void> {
    const cfg = core.config.scheduler;
    for (const task of await systemTasks(core.db, cfg)) {
      try {
        const plan = await due(task.key, task.plan);
        if (!plan.slot) continue;
        const slot = await claim(task.key, task.accountId, task.kind, { ...plan, action: 'fire' });
        if (!slot) continue;
        await options.afterClaim?.(slot);
        await finishTask(task, slot);
      } catch (err) {
        emit({ type: 'scheduler', status: 'error', reason: `${task.key}: ${errorOf(err)}` });
      }
    }
  }

  async function finishTask(task: Awaited<ReturnType<typeof systemTasks>>[number], slot: repo.SlotRow) {
    let status: repo.SlotRow['status'] = 'done';
    let detail: string;
    try {
      detail = await task.run(core, slot.slot_time);
    } catch (err) {
      status = 'failed';
      detail = errorOf(err);
    }
    await repo.finishSlotRow(core.db, slot.id, id, { status, detail, finished_at: nowIso(now()) });
    emit({
      type: 'slot',
      schedule: task.key,
      kind: task.kind,
      slot: slot.slot_time,
      status,
      detail,
      missed: slot.missed,
    });
  }

  /** Slots whose claimer died between claim and outcome: take them over and finish them. */
  async function recoverStale(): Promise<void> {
    const before = nowIso(new Date(now().getTime() - claimTimeoutMs));
    for (const stale of await repo.staleSlotRows(core.db, before)) {
      try {
        if (!(await repo.reclaimSlotRow(core.db, stale, id, nowIso(now())))) continue;
        const slot = { ...stale, claimed_by: id };
        if (stale.kind === 'run') {
          const s = await repo.findScheduleRow(core.db, { accountId: stale.account_id }, stale.schedule_id);
          if (!s) {
            await repo.finishSlotRow(core.db, slot.id, id, {
              status: 'failed',
              detail: 'schedule removed',
              finished_at: nowIso(now()),
            });
            continue;
          }
          const outcome = await fireRunSlot(fireCtx, s, slot, stale.claimed_at);
          emit({
            type: 'slot',
            schedule: s.id,
            kind: 'run',
            slot: slot.slot_time,
            missed: slot.missed,
            ...outcome,
          });
        } else {
          const task = (await systemTasks(core.db, core.config.scheduler)).find(
            (t) => t.key === stale.schedule_id,
          );
          if (task) await finishTask(task, slot);
          else
            await repo.finishSlotRow(core.db, slot.id, id, {
              status: 'failed',
              detail: 'task no longer applies',
              finished_at: nowIso(now()),
            });
        }
      } catch (err) {
        emit({ type: 'scheduler', status: 'error', reason: `slot ${stale.id}: ${errorOf(err)}` });
      }
    }
  }

  /**
   * Without a job queue (SQLite) this process executes scheduled runs: pick up those a stopped or
   * dead process left, queued or running under an expired lease (with a queue, the workers' sweeper
   * adopts them). Leases are wall-clock, so this compares with the real time.
   */
  async function adoptOrphanRuns(): Promise<void> {
    if (core.jobs || !fireCtx.runInProcess) return;
    for (const r of await repo.orphanScheduledRuns(core.db, nowIso())) {
      fireCtx.track(
        core.automation.resume({ accountId: r.account_id, siteId: r.site_id }, r.id).catch(() => undefined),
      );
    }
  }

  let ticking: Promise<void> | null = null;
  async function tickOnce(): Promise<void> {
    await recoverStale();
    await adoptOrphanRuns();
    await runSchedules();
    await runSystemTasks();
    await core.notify.deliverAll();
  }

  return {
    id,
    tick() {
      // Never two ticks at once in one process: a slow tick delays the next, it does not overlap it.
      ticking ??= tickOnce()
        .catch((err: unknown) => emit({ type: 'scheduler', status: 'error', reason: errorOf(err) }))
        .finally(() => (ticking = null));
      return ticking;
    },
    async stop(opts = {}) {
      await ticking;
      if (opts.waitForRuns !== false) await Promise.all([...inflight]);
    },
  };
}

/** createScheduler, ticking at once and then every tickMs until stop(). */
export function startScheduler(core: Core, options: SchedulerOptions = {}): Scheduler {
  const s = createScheduler(core, options);
  const tickMs = options.tickMs ?? core.config.scheduler.tickSeconds * 1000;
  void s.tick();
  const timer = setInterval(() => void s.tick(), tickMs);
  timer.unref?.();
  return {
    ...s,
    async stop(opts) {
      clearInterval(timer);
      await s.stop(opts);
    },
  };
}
