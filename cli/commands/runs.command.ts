import type { Command } from 'commander';
import { action } from '../context.js';
import { renderTable } from '../output.js';

export function registerRuns(program: Command): void {
  const runs = program.command('runs').description('list, inspect, pause, resume and cancel automation runs');
  runs
    .command('list')
    .description('recent runs, newest first')
    .option('--site <id|slug>', 'only this site')
    .option('--limit <n>', 'how many', '20')
    .action(
      action(async (ctx, flags: { site?: string; limit: string }) => {
        const core = await ctx.core();
        const accountId = await ctx.accountId();
        const { resolveSiteRef } = await import('../../src/index.js');
        const siteId = flags.site ? (await resolveSiteRef(core.db, accountId, flags.site)).siteId : undefined;
        const { items, total } = await core.automation.list(
          { accountId },
          { siteId, limit: Number(flags.limit) },
        );
        // People know their sites by slug; the id stays in --json for scripts.
        const slugs = new Map(
          (await core.tenancy.listSites({ accountId })).map((site) => [site.id, site.slug] as const),
        );
        const withSlugs = items.map((r) => ({ ...r, siteSlug: slugs.get(r.siteId) ?? null }));
        const rows = withSlugs.map((r) => ({
          id: r.id,
          site: r.siteSlug ?? r.siteId,
          status: r.status,
          credits: r.creditsUsed,
          created: r.createdAt,
          finished: r.finishedAt,
          error: r.error,
        }));
        ctx.out.list(withSlugs, () => (rows.length ? renderTable(rows) : '(no runs)'), { total });
      }),
    );
  runs
    .command('show <id>')
    .description(
      'a run with per-stage results and failures; --cost adds USD and credits per article by stage',
    )
    .option(
      '--cost',
      'USD and credits per article by stage, and what prompt caching and the batch API saved, from the usage log',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  igny8 runs show <run-id> --cost\n  igny8 runs show <run-id> --cost --json',
    )
    .action(
      action(async (ctx, id: string, flags: { cost?: boolean }) => {
        const core = await ctx.core();
        const scope = { accountId: await ctx.accountId() };
        const run = await core.automation.get(scope, id);
        const cost = flags.cost ? await core.automation.cost(scope, id) : undefined;
        const { renderRunSummary, renderRunCost } = await import('../ui/render-estimate.js');
        ctx.out.result(cost ? { ...run, cost } : run, () =>
          [renderRunSummary(run), ...(cost ? ['', renderRunCost(cost)] : [])].join('\n'),
        );
      }),
    );
  runs
    .command('logs <id>')
    .description("a run's log")
    .option('--after <seq>', 'only entries after this sequence number', '0')
    .action(
      action(async (ctx, id: string, flags: { after: string }) => {
        const core = await ctx.core();
        const logs = await core.automation.logs({ accountId: await ctx.accountId() }, id, {
          afterSeq: Number(flags.after),
        });
        ctx.out.list(
          logs,
          () =>
            logs
              .map((l) => `${l.seq} ${l.createdAt} ${l.level} ${l.stage ? `[${l.stage}] ` : ''}${l.message}`)
              .join('\n') || '(empty)',
        );
      }),
    );
  for (const verb of ['pause', 'cancel'] as const) {
    runs
      .command(`${verb} <id>`)
      .description(
        verb === 'pause' ? 'pause after the items in flight finish' : 'cancel; finished items are kept',
      )
      .action(
        action(async (ctx, id: string) => {
          const core = await ctx.core();
          const run = await core.automation[verb]({ accountId: await ctx.accountId() }, id);
          ctx.out.result(run, () => `run ${run.id} is now ${run.status}`);
        }),
      );
  }
  runs
    .command('resume <id>')
    .description('continue a paused or interrupted run in this process')
    .option('--max-failures <N|P%>', 'failed items tolerated before the command exits 9', '0')
    .action(
      action(async (ctx, id: string, flags: { maxFailures: string }) => {
        const core = await ctx.core();
        const { createRunReporter } = await import('../ui/run-reporter.js');
        const { finishRun, watchRun } = await import('../run-watch.js');
        const { parseMaxFailures } = await import('../run-outcome.js');
        const maxFailures = parseMaxFailures(flags.maxFailures);
        const reporter = await createRunReporter(ctx.out);
        const watch = watchRun(reporter.onEvent);
        try {
          const run = await core.automation.resume(
            { accountId: await ctx.accountId() },
            id,
            watch.onEvent,
            watch.signal,
          );
          await reporter.done();
          await finishRun(ctx, run, {
            stopCode: watch.stopCode(),
            maxFailures,
            interrupted: watch.interrupted(),
          });
        } finally {
          watch.dispose();
        }
      }),
    );
}
