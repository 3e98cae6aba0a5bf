import type { Command } from 'commander';
import type { Balance, LedgerEntry } from '../../src/index.js';
import { action } from '../context.js';
import { renderKeyValues, renderTable } from '../output.js';

/** Options arrive as strings; zod in the core names a bad number, so pass NaN through rather than guess. */
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

const showBalance = (b: Balance) =>
  renderKeyValues({
    plan: b.plan,
    bonus: b.bonus,
    held: b.held,
    available: b.available,
    'plan allowance': b.planAllowance,
    'period start': b.periodStart,
  });

const entryRow = (e: LedgerEntry) => ({
  when: e.createdAt.replace('T', ' ').slice(0, 19),
  kind: e.kind,
  pool: e.pool,
  amount: e.amount > 0 ? `+${e.amount}` : String(e.amount),
  balance: e.balanceAfter,
  op: e.opId,
  note: e.description,
});

export function registerCredits(program: Command): void {
  const credits = program
    .command('credits')
    .description('credit balance, grants, ledger history and AI usage');
  credits
    .command('balance')
    .description('show plan, bonus, held and available credits')
    .action(
      action(async (ctx) => {
        const core = await ctx.core();
        const balance = await core.credits.balance({ accountId: await ctx.accountId() });
        ctx.out.result(balance, () => showBalance(balance));
      }),
    );
  credits
    .command('grant <amount>')
    .description('add credits to the plan or bonus pool (idempotent with --op-id)')
    .option('--pool <pool>', 'plan (spent first, raises the plan allowance) or bonus (never expires)', 'plan')
    .option('--note <text>', 'description kept in the ledger')
    .option(
      '--op-id <id>',
      'operation id: repeating a grant with the same id changes nothing (default: new id)',
    )
    .action(
      action(async (ctx, amount: string, o: { pool: string; note?: string; opId?: string }) => {
        const core = await ctx.core();
        const { newId } = await import('../../src/index.js');
        const scope = { accountId: await ctx.accountId() };
        const opId = o.opId ?? newId();
        const entry = await core.credits.grant(scope, {
          opId,
          amount: Number(amount),
          pool: o.pool as 'plan' | 'bonus',
          description: o.note,
        });
        const balance = await core.credits.balance(scope);
        ctx.out.result(
          { opId, entry, balance },
          () => `granted ${entry.amount} ${entry.pool} credits (op ${opId})\n${showBalance(balance)}`,
        );
      }),
    );
  credits
    .command('history')
    .description('ledger entries, newest first, with the balance after each')
    .option('--limit <n>', 'entries to show', '20')
    .option('--offset <n>', 'skip this many entries')
    .option('--kind <kind>', 'grant, charge, refund, adjust, expire or reset')
    .action(
      action(async (ctx, o: { limit: string; offset?: string; kind?: string }) => {
        const core = await ctx.core();
        const page = await core.credits.history(
          { accountId: await ctx.accountId() },
          { limit: num(o.limit), offset: num(o.offset), kind: o.kind as LedgerEntry['kind'] | undefined },
        );
        ctx.out.result(
          page,
          () => `${renderTable(page.items.map(entryRow))}\n(${page.items.length} of ${page.total})`,
        );
      }),
    );
  credits
    .command('usage')
    .description('AI usage: each operation, or totals --by operation, model or day')
    .option('--by <key>', 'group totals by operation, model or day')
    .option('--since <when>', 'from an ISO date or date-time, or a relative age like 7d or 12h')
    .option('--limit <n>', 'rows to show (without --by)', '20')
    .action(
      action(async (ctx, o: { by?: string; since?: string; limit: string }) => {
        const core = await ctx.core();
        const scope = { accountId: await ctx.accountId() };
        if (o.by) {
          const rows = await core.credits.usageSummary(scope, {
            by: o.by as 'operation' | 'model' | 'day',
            since: o.since,
          });
          ctx.out.list(rows, () => renderTable(rows.map((r) => ({ ...r, usd: r.usd.toFixed(4) }))));
          return;
        }
        const page = await core.credits.usage(scope, { since: o.since, limit: num(o.limit) });
        const rows = page.items.map((u) => ({
          when: u.createdAt.replace('T', ' ').slice(0, 19),
          operation: u.operation,
          model: `${u.provider}:${u.model}`,
          status: u.status,
          credits: u.credits,
          usd: u.usd.toFixed(4),
          'tokens in/out': `${u.tokensIn}/${u.tokensOut}`,
          images: u.images,
        }));
        ctx.out.result(page, () => `${renderTable(rows)}\n(${page.items.length} of ${page.total})`);
      }),
    );
}
