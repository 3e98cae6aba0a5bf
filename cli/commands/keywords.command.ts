import path from 'node:path';
import type { Command } from 'commander';
import type { ImportReport, Keyword } from '../../src/index.js';
import { action, type CliContext } from '../context.js';
import { renderTable } from '../output.js';

const SITE = ['--site <site>', 'site id or slug (default: the only site)'] as const;
const SECTOR = ['--sector <sector>', 'sector id or slug (default: the only sector)'] as const;
/** Rejected rows a human sees; --json has them all (up to 1,000). */
const SHOWN = 10;

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

/** The account, narrowed to --site (and --sector) when given: the scope of a list or bulk action. */
async function listScope(ctx: CliContext, o: { site?: string; sector?: string }) {
  const core = await ctx.core();
  const accountId = await ctx.accountId();
  if (!o.site && !o.sector) return { accountId };
  const { resolveSectorRef, resolveSiteRef } = await import('../../src/start/index.js');
  const site = await resolveSiteRef(core.db, accountId, o.site);
  return o.sector ? resolveSectorRef(core.db, site, o.sector) : site;
}

function renderImport(file: string, r: ImportReport): string {
  const verb = r.dryRun ? 'would import' : 'imported';
  const lines = [
    `${verb} ${r.imported} keyword(s) from ${path.basename(file)} (${r.format}, ${r.encoding}): ` +
      `${r.rows} rows, ${r.duplicates} duplicate(s), ${r.rejectedCount} rejected`,
  ];
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  if (r.duplicates > 0)
    lines.push(
      `duplicates: ${r.duplicatesExisting} already stored (kept), ${r.duplicatesInFile} repeated in the file`,
    );
  if (r.rejectedCount > 0) {
    lines.push(
      `rejected rows${r.rejectedCount > SHOWN ? ` (first ${SHOWN} of ${r.rejectedCount}; --json lists more)` : ''}:`,
    );
    for (const x of r.rejected.slice(0, SHOWN))
      lines.push(`  line ${x.line}: ${x.reason}${x.value ? ` — ${x.value}` : ''}`);
  }
  if (r.dryRun) lines.push('dry run: nothing was written');
  return lines.join('\n');
}

const row = (k: Keyword) => ({
  id: k.id,
  keyword: k.keyword,
  volume: k.volume,
  kd: k.difficulty,
  cpc: k.cpc,
  intent: k.intent,
  status: k.status,
  cluster: k.clusterId,
});

function registerBulk(keywords: Command, verb: 'exclude' | 'restore' | 'delete', what: string): void {
  keywords
    .command(`${verb} <ids...>`)
    .description(what)
    .option(...SITE)
    .action(
      action(async (ctx, ids: string[], o: { site?: string }) => {
        const core = await ctx.core();
        const scope = await listScope(ctx, o);
        const fn = {
          exclude: core.planner.excludeKeywords,
          restore: core.planner.restoreKeywords,
          delete: core.planner.deleteKeywords,
        }[verb];
        const res = await fn(scope, ids);
        ctx.out.result(res, () => `${verb}: ${res.affected} of ${res.ids.length} keyword(s) changed`);
      }),
    );
}

export function registerKeywords(program: Command): void {
  const keywords = program
    .command('keywords')
    .description('import, list, exclude, restore and delete keywords');
  keywords
    .command('import <file>')
    .description('import a Semrush, Ahrefs, Keyword Planner or Search Console export, a CSV, or a plain list')
    .option(...SITE)
    .option(...SECTOR)
    .option('--format <format>', 'auto | semrush | ahrefs | gkp | gsc | csv | plain', 'auto')
    .option('--source <name>', "stored as the keywords' source (default: the format)")
    .option('--dry-run', 'parse and count, write nothing')
    .action(
      action(
        async (
          ctx,
          file: string,
          o: { site?: string; sector?: string; format: string; source?: string; dryRun?: boolean },
        ) => {
          const core = await ctx.core();
          const { resolveSectorRef, resolveSiteRef } = await import('../../src/start/index.js');
          const site = await resolveSiteRef(core.db, await ctx.accountId(), o.site);
          const scope = await resolveSectorRef(core.db, site, o.sector);
          const report = await core.planner.importKeywords(scope, {
            file: path.resolve(ctx.cwd, file),
            format: o.format as never,
            source: o.source,
            dryRun: Boolean(o.dryRun),
          });
          ctx.out.result(report, () => renderImport(file, report));
        },
      ),
    );
  keywords
    .command('list')
    .description('keywords, highest volume first')
    .option(...SITE)
    .option(...SECTOR)
    .option('--status <status>', 'new | clustered | excluded')
    .option('--cluster <id>', 'only keywords of this cluster')
    .option('--search <text>', 'keyword contains this text')
    .option('--min-volume <n>', 'search volume at least n')
    .option('--max-difficulty <n>', 'difficulty at most n (0–100)')
    .option(
      '--sort <column>',
      'volume | difficulty | keyword | created, "-" prefix for descending',
      '-volume',
    )
    .option('--limit <n>', 'how many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .action(
      action(async (ctx, o: Record<string, string | undefined>) => {
        const core = await ctx.core();
        const res = await core.planner.listKeywords(await listScope(ctx, o), {
          status: o.status as never,
          clusterId: o.cluster,
          search: o.search,
          minVolume: num(o.minVolume),
          maxDifficulty: num(o.maxDifficulty),
          sort: o.sort as never,
          limit: num(o.limit),
          offset: num(o.offset),
        });
        ctx.out.result(
          res,
          () => `${renderTable(res.items.map(row))}\n${res.items.length} of ${res.total} keyword(s)`,
        );
      }),
    );
  registerBulk(
    keywords,
    'exclude',
    'exclude keywords from clustering and planning (they leave their cluster)',
  );
  registerBulk(keywords, 'restore', 'bring excluded keywords back as new');
  registerBulk(keywords, 'delete', 'delete keywords for good');
}
