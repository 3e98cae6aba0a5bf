import type { Command } from 'commander';
import type { Cluster, ClusterRunReport } from '../../src/index.js';
import { action } from '../context.js';
import { renderTable } from '../output.js';

const SITE = ['--site <site>', 'site id or slug (default: the only site)'] as const;
const SECTOR = ['--sector <sector>', 'sector id or slug (default: the only sector)'] as const;
const SHOWN = 20;

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

function renderRun(r: ClusterRunReport & { failure?: { batch: string; message: string } }): string {
  const pct = (r.unclusteredShare * 100).toFixed(1);
  const head =
    `${r.method} clustering${r.dryRun ? ' (dry run, nothing written)' : ''}: ${r.keywords} new keyword(s) → ` +
    `${r.clusters.length} cluster(s), ${r.clustered} clustered, ${r.unclustered} left unclustered (${pct}%), ` +
    `${r.credits} credit(s)`;
  const top = [...r.clusters].sort((a, b) => b.volumeSum - a.volumeSum).slice(0, SHOWN);
  const table = renderTable(
    top.map((c) => ({
      name: c.name,
      keywords: c.keywordCount,
      volume: c.volumeSum,
      primary: c.primaryKeyword,
    })),
  );
  const more = r.clusters.length > SHOWN ? `\n… ${r.clusters.length - SHOWN} more (igny8 clusters list)` : '';
  const failed = r.failure
    ? `\nstopped at ${r.failure.batch}: ${r.failure.message} (run again to continue)`
    : '';
  return r.clusters.length === 0 ? `${head}${failed}` : `${head}\n${table}${more}${failed}`;
}

export function registerCluster(program: Command): void {
  program
    .command('cluster')
    .description("group a sector's new keywords into clusters: locally (free) or with AI (auto_cluster)")
    .option(...SITE)
    .option(...SECTOR)
    .option('--method <method>', 'local | ai', 'local')
    .option('--min-size <n>', 'local: fewest keywords per cluster', '2')
    .option('--max-size <n>', 'local: most keywords per cluster before splitting', '20')
    .option(
      '--similarity <0-1>',
      'local: how alike a leftover must be to join a cluster (0: any shared term)',
      '0',
    )
    .option('--batch-size <n>', 'ai: keywords per call (default: pipeline.batchSize)')
    .option('--max-batches <n>', 'ai: stop after this many calls')
    .option('--dry-run', 'local: plan and show the clusters, write nothing')
    .action(
      action(async (ctx, o: Record<string, string | boolean | undefined>) => {
        const core = await ctx.core();
        const { Igny8Error, resolveSectorRef, resolveSiteRef } = await import('../../src/index.js');
        const site = await resolveSiteRef(core.db, await ctx.accountId(), o.site as string | undefined);
        const scope = await resolveSectorRef(core.db, site, o.sector as string | undefined);
        if (o.method !== 'local' && o.method !== 'ai')
          throw new Igny8Error('USAGE', `Unknown clustering method "${String(o.method)}"`, {
            hint: 'Use --method local or --method ai.',
          });
        if (o.method === 'ai' && o.dryRun)
          throw new Igny8Error('USAGE', '--dry-run plans local clustering only', {
            hint: 'For an AI cost estimate use `igny8 run --dry-run --stages 1 --method ai`.',
          });
        const report =
          o.method === 'local'
            ? await core.planner.clusterLocal(scope, {
                minClusterSize: num(o.minSize as string),
                maxClusterSize: num(o.maxSize as string),
                similarity: num(o.similarity as string),
                dryRun: Boolean(o.dryRun),
              })
            : await core.planner.clusterAi(
                scope,
                {
                  batchSize: num(o.batchSize as string | undefined),
                  maxBatches: num(o.maxBatches as string | undefined),
                },
                {
                  onProgress: (e) => {
                    if (!ctx.out.json && e.phase === 'done')
                      ctx.out.info(`${e.item}: done, ${e.credits} credit(s)`);
                  },
                },
              );
        ctx.out.result(report, () => renderRun(report));
      }),
    );

  const clusters = program.command('clusters').description('keyword clusters');
  clusters
    .command('list')
    .description('clusters, biggest search volume first')
    .option(...SITE)
    .option(...SECTOR)
    .option('--status <status>', 'new | planned')
    .option('--method <method>', 'ai | local | manual')
    .option('--search <text>', 'name contains this text')
    .option('--sort <column>', 'volume | keywords | name | created, "-" prefix for descending', '-volume')
    .option('--limit <n>', 'how many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .action(
      action(async (ctx, o: Record<string, string | undefined>) => {
        const core = await ctx.core();
        const accountId = await ctx.accountId();
        const { resolveSectorRef, resolveSiteRef } = await import('../../src/index.js');
        const site = o.site || o.sector ? await resolveSiteRef(core.db, accountId, o.site) : null;
        const scope = site
          ? o.sector
            ? await resolveSectorRef(core.db, site, o.sector)
            : site
          : { accountId };
        const res = await core.planner.listClusters(scope, {
          status: o.status as never,
          method: o.method as never,
          search: o.search,
          sort: o.sort as never,
          limit: num(o.limit),
          offset: num(o.offset),
        });
        const rows = res.items.map((c: Cluster) => ({
          id: c.id,
          name: c.name,
          keywords: c.keywordCount,
          volume: c.volumeSum,
          primary: c.primaryKeyword,
          method: c.method,
          status: c.status,
        }));
        ctx.out.result(res, () => `${renderTable(rows)}\n${res.items.length} of ${res.total} cluster(s)`);
      }),
    );
}
