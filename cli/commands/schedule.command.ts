import type { Command } from 'commander';
import type { ScheduleView } from '../../src/index.js';
import { action } from '../context.js';
import { renderKeyValues, renderTable } from '../output.js';

interface AddFlags {
  site?: string;
  name?: string;
  stages?: string;
  maxItems?: string;
  maxCredits?: string;
  autoApprove?: boolean;
  minScore?: string;
  autoPublish?: boolean;
  batch?: boolean;
  refresh?: boolean;
  catchUp?: 'once' | 'skip';
}

const int = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const when = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').slice(0, 16) + 'Z' : '');

function row(s: ScheduleView) {
  return {
    id: s.id,
    name: s.name,
    site: s.siteId,
    cadence: s.cadence,
    status: s.status,
    next: when(s.nextSlot),
    last: s.lastSlot ? `${when(s.lastSlot.slotTime)} ${s.lastSlot.status}` : '',
  };
}

export function registerSchedule(program: Command): void {
  const schedule = program
    .command('schedule')
    .description(
      'automation schedules of a site (run by `igny8 serve` on SQLite, `igny8 worker`s on PostgreSQL)',
    );

  schedule
    .command('add <cadence>')
    .description("schedule the pipeline: a preset or a cron expression, in the account's timezone")
    .option('--site <id|slug>', 'the site (default: the only one)')
    .option('--name <name>', 'unique name (default: the cadence)')
    .option('--stages <list>', 'stages to run, like "1-7" or "4,7" (default 1-7)')
    .option('--max-items <n>', 'cap on items each stage processes')
    .option('--max-credits <n>', 'credit cap per run')
    .option('--auto-approve', 'approve articles at or above --min-score')
    .option('--min-score <n>', 'minimum SEO score for auto-approve')
    .option('--auto-publish', "publish approved articles (default: the site's setting)")
    .option(
      '--batch',
      "runs send AI calls through the provider's batch API (half price, answers within 24 h)",
    )
    .option(
      '--refresh',
      "each slot refreshes the site's best decay or striking-distance candidate in place (a draft for review) instead of running the pipeline",
    )
    .option(
      '--catch-up <mode>',
      'a slot missed while nothing ran: once (fire it at start-up) or skip',
      'once',
    )
    .addHelpText(
      'after',
      `
Cadences: "daily 06:00", "weekdays 06:00", "weekly mon 06:00", "monthly 1 06:00", "hourly", or cron ("0 6 * * 1-5").
Examples:
  $ igny8 schedule add "weekdays 06:00" --site blog --max-credits 500
  $ igny8 schedule add "0 */6 * * *" --name every-6h --stages 4-7 --auto-approve --min-score 75 --json
  $ igny8 schedule add "weekly mon 07:00" --site blog --refresh`,
    )
    .action(
      action(async (ctx, cadence: string, f: AddFlags) => {
        const core = await ctx.core();
        const accountId = await ctx.accountId();
        const { resolveSiteRef } = await import('../../src/index.js');
        const site = await resolveSiteRef(core.db, accountId, f.site);
        const options = {
          ...(f.stages !== undefined ? { stages: f.stages } : {}),
          ...(f.maxItems !== undefined ? { maxItemsPerStage: int(f.maxItems) } : {}),
          ...(f.maxCredits !== undefined ? { maxCredits: int(f.maxCredits) } : {}),
          ...(f.autoApprove ? { autoApprove: true } : {}),
          ...(f.minScore !== undefined ? { minSeoScore: int(f.minScore) } : {}),
          ...(f.autoPublish ? { autoPublish: true } : {}),
          ...(f.batch ? { batch: true } : {}),
          ...(f.refresh ? { refresh: true } : {}),
        };
        const s = await core.schedules.add(
          { accountId },
          { siteId: site.siteId, name: f.name, cadence, options, catchUp: f.catchUp },
        );
        ctx.out.result(
          s,
          () => `schedule ${s.name} (${s.cron}, ${s.timezone}) added; next slot ${when(s.nextSlot)}`,
        );
      }),
    );

  schedule
    .command('list')
    .description('schedules with their next and last slot')
    .option('--site <id|slug>', 'only this site')
    .addHelpText('after', '\nExamples:\n  $ igny8 schedule list\n  $ igny8 schedule list --site blog --json')
    .action(
      action(async (ctx, f: { site?: string }) => {
        const core = await ctx.core();
        const accountId = await ctx.accountId();
        const { resolveSiteRef } = await import('../../src/index.js');
        const scope = f.site ? await resolveSiteRef(core.db, accountId, f.site) : { accountId };
        const items = await core.schedules.list(scope);
        ctx.out.result({ items, total: items.length }, () =>
          items.length ? renderTable(items.map(row)) : 'no schedules (add one with `igny8 schedule add`)',
        );
      }),
    );

  schedule
    .command('show <schedule>')
    .description('one schedule and its recent slots (what each slot did)')
    .addHelpText('after', '\nExamples:\n  $ igny8 schedule show nightly --json')
    .action(
      action(async (ctx, ref: string) => {
        const core = await ctx.core();
        const scope = { accountId: await ctx.accountId() };
        const s = await core.schedules.get(scope, ref);
        const slots = await core.schedules.slots(scope, ref);
        ctx.out.result({ ...s, slots }, () =>
          [
            renderKeyValues({
              ...row(s),
              cron: s.cron,
              timezone: s.timezone,
              catchUp: s.catchUp,
              options: JSON.stringify(s.options),
            }),
            slots.length
              ? renderTable(
                  slots.map((x) => ({
                    slot: when(x.slotTime),
                    status: x.status,
                    run: x.runId ?? '',
                    missed: x.missed || '',
                    detail: x.detail ?? '',
                  })),
                )
              : 'no slot fired yet',
          ].join('\n\n'),
        );
      }),
    );

  for (const [verb, what] of [
    ['pause', 'stop firing (slots passing while paused never fire)'],
    ['resume', 'fire again from now on'],
  ] as const) {
    schedule
      .command(`${verb} <schedule>`)
      .description(what)
      .addHelpText('after', `\nExamples:\n  $ igny8 schedule ${verb} nightly`)
      .action(
        action(async (ctx, ref: string) => {
          const core = await ctx.core();
          const s = await core.schedules[verb]({ accountId: await ctx.accountId() }, ref);
          ctx.out.result(
            s,
            () => `schedule ${s.name} ${s.status}${s.nextSlot ? `; next slot ${when(s.nextSlot)}` : ''}`,
          );
        }),
      );
  }

  schedule
    .command('remove <schedule>')
    .description('delete a schedule (its runs stay)')
    .addHelpText('after', '\nExamples:\n  $ igny8 schedule remove nightly --json')
    .action(
      action(async (ctx, ref: string) => {
        const core = await ctx.core();
        const scope = { accountId: await ctx.accountId() };
        const s = await core.schedules.get(scope, ref);
        await core.schedules.remove(scope, s.id);
        ctx.out.result({ removed: s.id, name: s.name }, () => `schedule ${s.name} removed`);
      }),
    );
}
