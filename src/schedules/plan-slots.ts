import { Cron } from 'croner';

export type CatchUp = 'once' | 'skip';

export interface SlotPlanInput {
  cron: string;
  timezone: string;
  catchUp: CatchUp;
  /** Slots at or before this instant are never due (creation, resume). */
  anchorAt: Date;
}

export interface SlotPlan {
  /** The slot to claim now, if any. */
  slot: Date | null;
  /** fire: start it; skip: record it as skipped (and say so). */
  action: 'fire' | 'skip' | null;
  /** Older due slots folded into this one (missed while nothing was running); they never fire. */
  missed: number;
  /** The slot's time passed more than LATE_AFTER_MS ago (nothing was running then). */
  late: boolean;
  /** The next slot after `now`. */
  next: Date | null;
}

/** A slot older than this when we first see it was missed (nothing was running at its time). */
export const LATE_AFTER_MS = 5 * 60_000;
/** Counting missed slots stops here (a seconds cron left alone for a year). */
const MAX_COUNT = 10_000;

/**
 * Decide what is due for a schedule: pure, given the last slot it fired (any outcome) and `now`.
 * Only the latest due slot is ever returned, so slots missed while no scheduler ran fire once
 * (catchUp 'once') or are skipped once (catchUp 'skip'), never once per missed slot. A slot seen
 * within LATE_AFTER_MS of its time is on time and fires either way.
 * @example planSlots({ cron: '0 6 * * *', timezone: 'UTC', catchUp: 'once', anchorAt }, null, new Date())
 */
export function planSlots(input: SlotPlanInput, lastFired: Date | null, now: Date): SlotPlan {
  const cron = new Cron(input.cron, { timezone: input.timezone, paused: true });
  const since = lastFired && lastFired > input.anchorAt ? lastFired : input.anchorAt;
  const next = cron.nextRun(now);
  let slot: Date | null = null;
  let due = 0;
  for (let at = cron.nextRun(since); at && at <= now && due < MAX_COUNT; at = cron.nextRun(at)) {
    slot = at;
    due += 1;
  }
  if (!slot) return { slot: null, action: null, missed: 0, late: false, next };
  const late = now.getTime() - slot.getTime() > LATE_AFTER_MS;
  const action = late && input.catchUp === 'skip' ? 'skip' : 'fire';
  return { slot, action, missed: due - 1, late, next };
}

/** The next slot after `after` (listing, the dashboard). */
export function nextSlot(cronExpr: string, timezone: string, after: Date): Date | null {
  return new Cron(cronExpr, { timezone, paused: true }).nextRun(after);
}
