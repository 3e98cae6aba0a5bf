import type { Command } from 'commander';
import { action } from '../context.js';

interface OptimizeFlags {
  rewrite?: boolean;
  goals?: string;
  dryRun?: boolean;
  showDiff?: boolean;
}

export function registerOptimize(program: Command): void {
  program
    .command('optimize <content-id>')
    .description(
      "de-AI pass over one article: scrub tell-tale AI phrasing and the site voice guide's banned phrases; --rewrite first rewrites it with the AI (metered); prints the diff",
    )
    .option('--rewrite', 'also rewrite the article with the optimize_content AI function (charges credits)')
    .option('--goals <text>', 'what the rewrite should aim for (with --rewrite)')
    .option('--dry-run', 'show the change without saving it (a --rewrite is still charged)')
    .option('--show-diff', "show the last optimization's diff (before → the article now) and change nothing")
    .action(
      action(async (ctx, id: string, flags: OptimizeFlags) => {
        const core = await ctx.core();
        const scope = { accountId: await ctx.accountId() };
        const { renderOptimize, renderOptimizeDiff } = await import('../ui/render-optimize.js');
        if (flags.showDiff) {
          const d = await core.optimizer.lastDiff(scope, id);
          ctx.out.result(d, () => renderOptimizeDiff(d));
          return;
        }
        if (flags.rewrite) {
          const notice = await core.ai.providerNotice(scope);
          if (notice) ctx.out.info(notice);
        }
        const r = await core.optimizer.optimize(scope, id, {
          rewrite: !!flags.rewrite,
          ...(flags.goals !== undefined ? { goals: flags.goals } : {}),
          dryRun: !!flags.dryRun,
        });
        ctx.out.result(r, () => renderOptimize(r, !!flags.dryRun));
      }),
    );
}
