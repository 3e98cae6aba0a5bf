/** Day arithmetic on YYYY-MM-DD strings (UTC calendar days, no time zones involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function addMonths(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Search Console keeps 16 months of data. */
export const RETENTION_MONTHS = 16;
/** Search Console revises its most recent days: an incremental pull fetches the last ones again. */
export const REVISED_DAYS = 3;

/**
 * The range a pull fetches: the given one; else from the last day held minus the revised days (or
 * 16 months back on a first pull) to yesterday.
 * @example pullRange({ lastHeld: '2026-03-10', today: '2026-03-20' }) // { from: '2026-03-08', to: '2026-03-19' }
 */
export function pullRange(o: { from?: string; to?: string; lastHeld: string | null; today: string }): {
  from: string;
  to: string;
} {
  const to = o.to ?? addDays(o.today, -1);
  const from =
    o.from ??
    (o.lastHeld ? addDays(o.lastHeld, 1 - REVISED_DAYS) : addDays(addMonths(to, -RETENTION_MONTHS), 1));
  return { from, to };
}
