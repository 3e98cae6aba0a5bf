import type { Command } from 'commander';
import { action, type CliContext } from '../context.js';
import { finishRun, watchRun } from '../run-watch.js';

interface RunFlags {
  site?: string;
  sector?: string;
  stages?: string;
  method?: 'local' | 'ai';
  concurrency?: string;
  batchSize?: string;
  maxItems?: string;
  maxCredits?: string;
  ideasPerCluster?: string;
  maxImages?: string;
  autoApprove?: boolean;
  minSeoScore?: string;
  maxLinks?: string;
  dryRun?: boolean;
  force?: boolean;
  detach?: boolean;
  maxFailures?: string;
  batch?: boolean;
  batchPollSeconds?: string;
  profile?: 'economy' | 'standard' | 'premium';
  optimize?: string;
}

const int = (v: string | undefined) => (v === undefined ? undefined : Number(v));

/** The options every pipeline command shares (`run`, and the stage shortcuts). */
export function withRunOptions(cmd: Command, defaultStages: string): Command {
  return cmd
    .option('--site <id|slug>', 'site to run (default: the only site)')
    .option('--sector <id|slug>', 'limit the run to one sector')
    .option('--stages <list>', 'stages to run, e.g. 1-7 or 1,2,4', defaultStages)
    .option('--method <local|ai>', 'stage 1 clustering engine', 'local')
    .option('--concurrency <n>', 'items in flight per stage')
    .option('--batch-size <n>', 'keywords per AI clustering call')
    .option('--max-items <n>', 'cap on items per stage')
    .option('--max-credits <n>', 'stop before spending more than this')
    .option(
      '--max-failures <N|P%>',
      'failed items tolerated before the command exits 9 (a count, or a share like 5%)',
      '0',
    )
    .option(
      '--profile <economy|standard|premium>',
      "cost profile: models and inline images from the registry (default: the site's costProfile setting)",
    )
    .option('--ideas-per-cluster <n>', 'ideas per cluster (3–7)')
    .option('--max-images <n>', 'inline images per article (0–8), plus one featured')
    .option('--auto-approve', 'approve articles that reach --min-seo-score (default: review first)')
    .option('--min-seo-score <n>', 'minimum SEO score for --auto-approve')
    .option('--max-links <n>', 'internal link suggestions per article')
    .option(
      '--batch',
      "send each stage's AI calls through the provider's batch API (OpenAI, Anthropic): half price, answers within 24 h",
    )
    .option(
      '--batch-poll-seconds <s>',
      'with --batch: seconds between polls of a waiting batch (default: ai.batch.pollSeconds in the config, 30)',
    )
    .option(
      '--dry-run',
      'print the per-stage plan (items, calls, tokens, credits, USD) and each cost profile side by side; spend nothing',
    )
    .option(
      '--optimize <off|scrub|rewrite>',
      'de-AI pass on each article stage 4 writes: scrub (phrases and voice guide, free), rewrite (AI rewrite too, charged); default off',
    )
    .option('--force', 'start even if the balance is under the estimate + 20%')
    .option('--detach', 'enqueue the run for `igny8 worker` (PostgreSQL) and return');
}

export function registerRun(program: Command): void {
  withRunOptions(
    program
      .command('run')
      .description(
        'run the pipeline for a site: keywords → clusters → ideas → tasks → articles → image prompts → images → review',
      ),
    '1-7',
  )
    .addHelpText(
      'after',
      '\nExamples:\n  igny8 run --dry-run            # the plan, and every cost profile side by side\n  igny8 run --profile economy --json',
    )
    .action(action(runAction));
  const shortcuts: Array<[string, string, string]> = [
    ['ideas', '2-3', 'stages 2–3: ideas with outlines for new clusters, and their writing tasks'],
    ['write', '3-4', "stages 3–4: write articles for queued tasks, following each idea's outline"],
    ['images', '5-6', 'stages 5–6: image prompts and images for articles that have none'],
    ['review', '7', 'stage 7: SEO checks, internal link suggestions, auto-approve/publish if enabled'],
  ];
  for (const [name, stages, description] of shortcuts) {
    withRunOptions(program.command(name).description(description), stages).action(action(runAction));
  }
}

/** Shared by `run` and the stage shortcuts: parse flags, call the automation service, render. */
async function runAction(ctx: CliContext, flags: RunFlags): Promise<void> {
  const core = await ctx.core();
  const { resolveSiteRef, resolveSectorRef } = await import('../../src/index.js');
  const scope = await resolveSiteRef(core.db, await ctx.accountId(), flags.site);
  const sectorId = flags.sector ? (await resolveSectorRef(core.db, scope, flags.sector)).sectorId : undefined;
  // A profile (the flag's or the site's) sets the inline images unless --max-images does.
  const profile = flags.profile ?? (await core.automation.siteProfile(scope));
  const options = {
    profile: flags.profile,
    stages: flags.stages,
    sectorId,
    clusterMethod: flags.method,
    concurrency: int(flags.concurrency) ?? core.config.pipeline.concurrency,
    batchSize: int(flags.batchSize) ?? core.config.pipeline.batchSize,
    maxItemsPerStage: int(flags.maxItems),
    maxCredits: int(flags.maxCredits),
    ideasPerCluster: int(flags.ideasPerCluster),
    maxImages: int(flags.maxImages) ?? (profile ? undefined : core.config.pipeline.maxImages),
    autoApprove: Boolean(flags.autoApprove),
    minSeoScore: int(flags.minSeoScore) ?? core.config.pipeline.minSeoScore,
    maxLinks: int(flags.maxLinks),
    batch: Boolean(flags.batch),
    batchPollSeconds: flags.batchPollSeconds === undefined ? undefined : Number(flags.batchPollSeconds),
    // zod in the core names a bad mode.
    optimize: flags.optimize as 'off' | 'scrub' | 'rewrite' | undefined,
  };
  const notice = await core.ai.providerNotice(scope);
  if (notice) ctx.out.info(notice);
  if (flags.dryRun) {
    const est = await core.automation.estimate(scope, options);
    const profiles = await core.automation.estimateProfiles(scope, {
      ...options,
      maxImages: int(flags.maxImages),
    });
    const { renderEstimate, renderProfiles } = await import('../ui/render-estimate.js');
    ctx.out.result({ dryRun: true, ...est, profiles }, () =>
      [renderEstimate(est), '', renderProfiles(profiles)].join('\n'),
    );
    return;
  }
  // Detached runs go to the PostgreSQL job queue; on SQLite this refuses before anything is written.
  const jobs = flags.detach ? (await import('../../src/index.js')).requireJobQueue(core) : null;
  const { parseMaxFailures } = await import('../run-outcome.js');
  const maxFailures = parseMaxFailures(flags.maxFailures);
  const { createRunReporter } = await import('../ui/run-reporter.js');
  const reporter = await createRunReporter(ctx.out);
  const watch = watchRun(reporter.onEvent);
  try {
    const run = await core.automation
      .start(scope, {
        options,
        force: flags.force,
        detach: flags.detach,
        onEvent: watch.onEvent,
        signal: watch.signal,
      })
      .catch((err: unknown) => {
        if ((err as { code?: string }).code !== 'NOTHING_TO_DO') throw err;
        return null;
      });
    await reporter.done();
    if (!run) {
      ctx.out.result({ type: 'result', run: null, nothingToDo: true, failed: 0, exitCode: 0 }, () =>
        [
          'Nothing to do: no keywords, clusters, ideas, tasks, images or drafts are waiting on this site.',
          `hint: import keywords with \`igny8 keywords import <file> --site ${flags.site ?? '<site>'}\`, then run again.`,
        ].join('\n'),
      );
      return;
    }
    if (jobs && run.status === 'queued') await jobs.enqueueRun(scope, run.id);
    await finishRun(ctx, run, { stopCode: watch.stopCode(), maxFailures, interrupted: watch.interrupted() });
  } finally {
    watch.dispose();
    await reporter.done();
  }
}
