import type { Command } from 'commander';
import type { Account, AccountDetails, Plan } from '../../src/index.js';
import { action } from '../context.js';
import { renderKeyValues, renderTable } from '../output.js';

const limit = (n: number | null) => (n === null ? 'unlimited' : n.toLocaleString('en-US'));
const usage = (u: { used: number; limit: number | null }) => `${u.used} of ${limit(u.limit)}`;
const modules = (m: Record<string, boolean>) =>
  Object.entries(m)
    .map(([k, on]) => `${k}${on ? '' : ' (off)'}`)
    .join(', ');

const showDetails = (a: AccountDetails) =>
  renderKeyValues({
    id: a.id,
    name: a.name,
    status: a.status,
    plan: `${a.plan.name} (${a.plan.id}), ${a.plan.includedCredits.toLocaleString('en-US')} credits/month`,
    timezone: a.timezone,
    sites: usage(a.usage.sites),
    users: usage(a.usage.users),
    keywords: usage(a.usage.keywords),
    modules: modules(a.modules),
    created: a.createdAt,
  });

const row = (a: Account) => ({
  id: a.id,
  name: a.name,
  plan: a.planId,
  status: a.status,
  timezone: a.timezone,
});
const planRow = (p: Plan) => ({
  plan: p.id,
  name: p.name,
  credits: p.includedCredits.toLocaleString('en-US'),
  sites: limit(p.maxSites),
  users: limit(p.maxUsers),
  keywords: limit(p.maxKeywords),
});

/** Repeatable, comma-separated list option. */
const collect = (v: string, prev: string[]) => [
  ...prev,
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export function registerAccount(program: Command): void {
  const account = program.command('account').description('the account: plan, limits, modules');
  account
    .command('show')
    .description('the current account with its plan, usage and modules')
    .action(
      action(async (ctx) => {
        const core = await ctx.core();
        const details = await core.tenancy.showAccount({ accountId: await ctx.accountId() });
        ctx.out.result(details, () => showDetails(details));
      }),
    );
  account
    .command('list')
    .description('every account in this database')
    .action(
      action(async (ctx) => {
        const list = await (await ctx.core()).tenancy.listAccounts();
        ctx.out.list(list, () => renderTable(list.map(row)));
      }),
    );
  account
    .command('plans')
    .description('the plans and their limits')
    .action(
      action(async (ctx) => {
        const plans = await (await ctx.core()).tenancy.listPlans();
        ctx.out.list(plans, () => renderTable(plans.map(planRow)));
      }),
    );
  account
    .command('update')
    .description('change the name, timezone or plan')
    .option('--name <name>', 'account name')
    .option('--timezone <tz>', 'IANA timezone, e.g. Europe/Berlin')
    .option('--plan <id>', 'plan id (`igny8 account plans`)')
    .action(
      action(async (ctx, o: { name?: string; timezone?: string; plan?: string }) => {
        const core = await ctx.core();
        const updated = await core.tenancy.updateAccount(
          { accountId: await ctx.accountId() },
          { name: o.name, timezone: o.timezone, planId: o.plan },
        );
        ctx.out.result(updated, () =>
          renderKeyValues({ ...row(updated), modules: modules(updated.modules) }),
        );
      }),
    );
  account
    .command('modules')
    .description(
      'show modules, or enable/disable them (planner, writer, images, automation, publishing, linker, optimizer)',
    )
    .option('--enable <modules>', 'modules to enable (comma-separated or repeated)', collect, [])
    .option('--disable <modules>', 'modules to disable (comma-separated or repeated)', collect, [])
    .action(
      action(async (ctx, o: { enable: string[]; disable: string[] }) => {
        const core = await ctx.core();
        const scope = { accountId: await ctx.accountId() };
        const states =
          o.enable.length || o.disable.length
            ? await core.tenancy.setModules(scope, { enable: o.enable, disable: o.disable })
            : (await core.tenancy.showAccount(scope)).modules;
        ctx.out.result(states, () =>
          renderTable(
            Object.entries(states).map(([module, on]) => ({ module, state: on ? 'enabled' : 'disabled' })),
          ),
        );
      }),
    );
  for (const [name, verb] of [
    ['suspend', 'suspendAccount'],
    ['activate', 'activateAccount'],
  ] as const) {
    account
      .command(name)
      .description(
        name === 'suspend' ? 'suspend the account (API sign-ins and keys stop)' : 'reactivate the account',
      )
      .action(
        action(async (ctx) => {
          const core = await ctx.core();
          const updated = await core.tenancy[verb]({ accountId: await ctx.accountId() });
          ctx.out.result(updated, () => `account ${updated.id} is ${updated.status}`);
        }),
      );
  }
}
