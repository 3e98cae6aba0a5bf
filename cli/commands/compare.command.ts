import type { Command } from 'commander';
import { action } from '../context.js';

interface CompareFlags {
  site?: string;
  sector?: string;
  profiles: string;
  sample: string;
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description(
      'write the same sample of ideas under each cost profile; show cost per article beside the quality checks (articles are not saved, credits are charged)',
    )
    .option('--site <id|slug>', 'site whose ideas to sample (default: the only site)')
    .option('--sector <id|slug>', 'sample ideas of one sector')
    .option(
      '--profiles <list>',
      'cost profiles to compare, comma-separated: economy, standard, premium',
      'economy,standard',
    )
    .option('--sample <n>', "ideas written under each profile (the site's oldest, 1–20)", '5')
    .action(
      action(async (ctx, flags: CompareFlags) => {
        const core = await ctx.core();
        const { resolveSiteRef, resolveSectorRef } = await import('../../src/index.js');
        const scope = await resolveSiteRef(core.db, await ctx.accountId(), flags.site);
        const sectorId = flags.sector
          ? (await resolveSectorRef(core.db, scope, flags.sector)).sectorId
          : undefined;
        const notice = await core.ai.providerNotice(scope);
        if (notice) ctx.out.info(notice);
        // zod in the core names a bad profile or sample size; pass them through as typed.
        const cmp = await core.automation.compare(scope, {
          profiles: flags.profiles.split(',').map((p) => p.trim()) as never,
          sample: Number(flags.sample),
          sectorId,
        });
        const { renderComparison } = await import('../ui/render-compare.js');
        ctx.out.result(cmp, () => renderComparison(cmp));
      }),
    );
}
