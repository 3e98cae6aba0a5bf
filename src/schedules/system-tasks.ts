import type { Core } from '../core.js';
import type { Db } from '../db/index.js';
import { searchConsoleConnectionsDue } from '../search-console/index.js';
import { toCron } from './parse-cadence.js';
import type { SlotPlanInput } from './plan-slots.js';
import type { ScheduleSlotsTable } from '../db/index.js';

/** A job the scheduler runs by itself, on the same slot claims as users' schedules. */
export interface SystemTask {
  /** The slot table's schedule_id: "renewal:<account>", "publish-sync:<destination>" or "gsc-pull:<site>". */
  key: string;
  kind: Exclude<ScheduleSlotsTable['kind'], 'run'>;
  accountId: string;
  plan: SlotPlanInput;
  /** Do the task for the slot; idempotent per slot (the ledger's op id; a sync only reads the remote state back). */
  run(core: Core, slotTime: string): Promise<string>;
}

/** Monthly plan renewal on the 1st at 00:00 of the account's timezone. */
export const RENEWAL_CRON = '0 0 1 * *';

/**
 * The system tasks due for consideration: each active account's plan-credit renewal, and the status
 * sync of each active destination that can report it (WordPress; folder exports too). Their first slot is the first after the account or
 * destination was created; a missed one fires once at start-up like a schedule's.
 */
export async function systemTasks(
  db: Db,
  opts: { renewPlanCredits: boolean; publishSync: string; searchConsolePull?: string },
): Promise<SystemTask[]> {
  const tasks: SystemTask[] = [];
  if (opts.renewPlanCredits) {
    const accounts = await db
      .selectFrom('accounts')
      .innerJoin('plans', 'plans.id', 'accounts.plan_id')
      .select(['accounts.id', 'accounts.timezone', 'accounts.created_at', 'plans.included_credits'])
      .where('accounts.status', '=', 'active')
      .execute();
    for (const a of accounts) {
      tasks.push({
        key: `renewal:${a.id}`,
        kind: 'renewal',
        accountId: a.id,
        plan: { cron: RENEWAL_CRON, timezone: a.timezone, catchUp: 'once', anchorAt: new Date(a.created_at) },
        async run(core, slotTime) {
          // The op id names the period, so a renewal is applied once per period whatever happens.
          await core.credits.renewPlan(
            { accountId: a.id },
            {
              opId: `plan-renewal:${a.id}:${slotTime}`,
              amount: a.included_credits,
              description: 'monthly plan renewal',
            },
          );
          return `plan credits renewed to ${a.included_credits}`;
        },
      });
    }
  }
  if (opts.publishSync !== 'off') {
    const cron = toCron(opts.publishSync);
    const dests = await db
      .selectFrom('publish_destinations')
      .innerJoin('accounts', 'accounts.id', 'publish_destinations.account_id')
      .select([
        'publish_destinations.id',
        'publish_destinations.account_id',
        'publish_destinations.site_id',
        'publish_destinations.created_at',
        'accounts.timezone',
      ])
      .where('publish_destinations.kind', 'in', ['wordpress', 'folder'])
      .where('publish_destinations.status', '=', 'active')
      .where('accounts.status', '=', 'active')
      .execute();
    for (const d of dests) {
      tasks.push({
        key: `publish-sync:${d.id}`,
        kind: 'publish-sync',
        accountId: d.account_id,
        plan: { cron, timezone: d.timezone, catchUp: 'once', anchorAt: new Date(d.created_at) },
        async run(core) {
          const r = await core.publisher.sync(
            { accountId: d.account_id, siteId: d.site_id },
            { destination: d.id },
          );
          return `${r.checked} checked, ${r.changes.length} changed`;
        },
      });
    }
  }
  if ((opts.searchConsolePull ?? 'off') !== 'off') {
    const cron = toCron(opts.searchConsolePull!);
    for (const c of await searchConsoleConnectionsDue(db)) {
      tasks.push({
        key: `gsc-pull:${c.siteId}`,
        kind: 'gsc-pull',
        accountId: c.accountId,
        plan: { cron, timezone: c.timezone, catchUp: 'once', anchorAt: new Date(c.createdAt) },
        async run(core, slotTime) {
          // Incremental and idempotent by date range: a slot run twice replaces the same days.
          const r = await core.searchConsole.pull(
            { accountId: c.accountId, siteId: c.siteId },
            { today: slotTime.slice(0, 10) },
          );
          return `${r.dateFrom}..${r.dateTo}: ${r.stored} rows stored`;
        },
      });
    }
  }
  return tasks;
}
