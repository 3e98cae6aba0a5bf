import type { Command } from 'commander';
import type { RefreshRunControl, RefreshRunResult, SiteScope } from '../../src/index.js';
import { action, type CliContext } from '../context.js';
import { refreshGroup } from './refresh-group.js';

interface RunFlags {
  site?: string;
  queries?: string;
  title?: string;
  maxLinks?: string;
  detach?: boolean;
  force?: boolean;
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

async function siteScope(ctx: CliContext, site: string | undefined): Promise<SiteScope> {
  const core = await ctx.core();
  const { resolveSiteRef } = await import('../../src/index.js');
  return resolveSiteRef(core.db, await ctx.accountId(), site);
}

/** Follow the refresh's run like `igny8 run` does (progress, Ctrl-C pauses), then print both. */
async function followRun(
  ctx: CliContext,
  scope: SiteScope,
  detach: boolean,
  start: (control: RefreshRunControl) => Promise<RefreshRunResult>,
): Promise<void> {
  const core = await ctx.core();
  // Detached runs go to the PostgreSQL job queue; on SQLite this refuses before anything is written.
  const jobs = detach ? (await import('../../src/index.js')).requireJobQueue(core) : null;
  const { createRunReporter } = await import('../ui/run-reporter.js');
  const { watchRun } = await import('../run-watch.js');
  const { runOutcome } = await import('../run-outcome.js');
  const reporter = await createRunReporter(ctx.out);
  const watch = watchRun(reporter.onEvent);
  try {
    const r = await start({ detach, onEvent: watch.onEvent, signal: watch.signal });
    await reporter.done();
    if (jobs && r.run.status === 'queued') await jobs.enqueueRun(scope, r.run.id);
    const outcome = runOutcome(r.run, {
      stopCode: watch.stopCode(),
      maxFailures: { count: 0 },
      interrupted: watch.interrupted(),
    });
    const { renderRunSummary } = await import('../ui/render-estimate.js');
    const { renderRefresh } = await import('../ui/render-refresh.js');
    ctx.out.result(
      { type: 'result', ...r, exitCode: outcome.exitCode, ...(outcome.code ? { code: outcome.code } : {}) },
      () => [renderRunSummary(r.run), '', renderRefresh(r.refresh)].join('\n'),
    );
    if (outcome.code) {
      process.stderr.write(`error ${outcome.code}: ${outcome.message}\n`);
      if (outcome.hint) process.stderr.write(`hint: ${outcome.hint}\n`);
    }
    process.exitCode = outcome.exitCode;
  } finally {
    watch.dispose();
    await reporter.done();
  }
}

/** `igny8 refresh run|show|list|approve|publish|results`: refresh an existing post in place. */
export function registerRefreshRun(program: Command): void {
  const refresh = refreshGroup(program);
  refresh
    .command('run <post>')
    .description(
      'rewrite an existing post (inventory id, URL, slug, or an article igny8 published): fetch it live, add sections for missing queries, update facts from the knowledge base, add internal links; a metered, resumable run (stage 8) that leaves a draft for review',
    )
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .option(
      '--queries <list>',
      'comma-separated queries to add a section for (default: the page\'s striking-distance queries it does not cover yet, from Search Console data; "" for none)',
    )
    .option('--title <text>', 'a new title (default: keep the live title)')
    .option('--max-links <n>', 'internal links to add (0–10)', '3')
    .option('--force', 'start even if the balance is under the estimate + 20%')
    .option('--detach', 'enqueue the run for `igny8 worker` (PostgreSQL) and return')
    .addHelpText(
      'after',
      '\nExamples:\n  igny8 refresh run https://example.com/cold-brew/ --queries "cold brew ratio,cold brew caffeine"\n  igny8 refresh run inv_123 --site blog --json',
    )
    .action(
      action(async (ctx, post: string, o: RunFlags) => {
        const core = await ctx.core();
        const scope = await siteScope(ctx, o.site);
        const notice = await core.ai.providerNotice(scope);
        if (notice) ctx.out.info(notice);
        await followRun(ctx, scope, !!o.detach, (control) =>
          core.refresh.run(
            scope,
            {
              post,
              ...(o.queries !== undefined ? { queries: list(o.queries) } : {}),
              ...(o.title ? { title: o.title } : {}),
              maxLinks: Number(o.maxLinks ?? 3),
            },
            { ...control, ...(o.force ? { force: true } : {}) },
          ),
        );
      }),
    );

  refresh
    .command('show <id>')
    .description(
      'one refresh: its post, status, what the rewrite did; --diff adds the word diff against the live version',
    )
    .option('--diff', 'print the diff of the draft against the live version it was made from')
    .addHelpText('after', '\nExample:\n  igny8 refresh show 0193… --diff --json')
    .action(
      action(async (ctx, id: string, o: { diff?: boolean }) => {
        const core = await ctx.core();
        const scope = { accountId: await ctx.accountId() };
        const { renderRefresh, renderRefreshDiff } = await import('../ui/render-refresh.js');
        if (o.diff) {
          const r = await core.refresh.show(scope, id);
          ctx.out.result(r, () => renderRefreshDiff(r));
          return;
        }
        const r = await core.refresh.get(scope, id);
        ctx.out.result(r, () => renderRefresh(r));
      }),
    );

  refresh
    .command('list')
    .description("the site's refreshes, newest first")
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .option(
      '--status <status>',
      'only this status (queued, review, approved, publishing, published, failed, stale)',
    )
    .option('--limit <n>', 'how many', '50')
    .addHelpText('after', '\nExample:\n  igny8 refresh list --status review --json')
    .action(
      action(async (ctx, o: { site?: string; status?: string; limit: string }) => {
        const core = await ctx.core();
        const scope = await siteScope(ctx, o.site);
        const page = await core.refresh.list(scope, {
          siteId: scope.siteId,
          limit: Number(o.limit),
          ...(o.status ? { statuses: [o.status as never] } : {}),
        });
        const { renderRefreshList } = await import('../ui/render-refresh.js');
        ctx.out.list(page.items, () => renderRefreshList(page.items), { total: page.total });
      }),
    );

  refresh
    .command('approve <id>')
    .description('approve a refreshed draft for publishing (after reviewing its diff)')
    .addHelpText('after', '\nExample:\n  igny8 refresh approve 0193… --json')
    .action(
      action(async (ctx, id: string) => {
        const core = await ctx.core();
        const r = await core.refresh.approve({ accountId: await ctx.accountId() }, id);
        const { renderRefresh } = await import('../ui/render-refresh.js');
        ctx.out.result(r, () => renderRefresh(r));
      }),
    );

  refresh
    .command('publish <id>')
    .description(
      'publish an approved refresh: updates the same WordPress post in place (same id and slug; WordPress keeps a revision), exactly once; refused (REFRESH_LIVE_CHANGED) when the post was edited on the site since it was fetched',
    )
    .option('--detach', 'enqueue the run for `igny8 worker` (PostgreSQL) and return')
    .addHelpText('after', '\nExample:\n  igny8 refresh publish 0193… --json')
    .action(
      action(async (ctx, id: string, o: { detach?: boolean }) => {
        const core = await ctx.core();
        const accountId = await ctx.accountId();
        const { siteId } = await core.refresh.get({ accountId }, id);
        const scope = { accountId, siteId };
        await followRun(ctx, scope, !!o.detach, (control) => core.refresh.publish(scope, id, control));
      }),
    );

  refresh
    .command('results')
    .description(
      "each refresh that went live: the page's clicks, impressions and weighted position N days before against N days after (from Search Console data), once N full days have arrived",
    )
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .option('--days <n>', 'days on each side of going live', '28')
    .addHelpText('after', '\nExample:\n  igny8 refresh results --days 28 --json')
    .action(
      action(async (ctx, o: { site?: string; days: string }) => {
        const core = await ctx.core();
        const scope = await siteScope(ctx, o.site);
        const results = await core.refresh.results(scope, { days: Number(o.days) });
        const { renderRefreshResults } = await import('../ui/render-refresh.js');
        ctx.out.list(results, () => renderRefreshResults(results));
      }),
    );
}
