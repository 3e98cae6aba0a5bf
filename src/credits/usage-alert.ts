import type { NotificationInput } from '../notifications/index.js';
import type { PoolState } from './ledger-plan.js';

/** The notification for a usage alert; the dedupe key makes it once per period and level. */
export function usageAlertNotification(
  state: PoolState & { periodStart: string },
  level: number,
): NotificationInput {
  const used = Math.max(0, state.planAllowance - state.plan);
  const fmt = (n: number) => n.toLocaleString('en-US');
  return {
    level: level >= 100 ? 'error' : 'warning',
    title: level >= 100 ? 'Plan credits used up' : `${level}% of plan credits used`,
    message:
      `${fmt(used)} of ${fmt(state.planAllowance)} plan credits used this period; ` +
      `${fmt(state.plan)} plan and ${fmt(state.bonus)} bonus credits remain.`,
    actionUrl: '/billing',
    dedupeKey: `credits-usage:${state.periodStart}:${level}`,
  };
}
