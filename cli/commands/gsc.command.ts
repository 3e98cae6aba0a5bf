import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { action, type CliContext } from '../context.js';
import { renderTable } from '../output.js';

type SiteOpt = { site?: string };
type WindowOpts = { from?: string; to?: string };

async function siteScope(ctx: CliContext, site?: string) {
  const core = await ctx.core();
  const { resolveSiteRef } = await import('../../src/index.js');
  return { core, scope: await resolveSiteRef(core.db, await ctx.accountId(), site) };
}

const pos = (p: number | null) => (p === null ? '—' : p.toFixed(1));
const window = (o: WindowOpts) => ({ ...(o.from ? { from: o.from } : {}), ...(o.to ? { to: o.to } : {}) });

/** The top list, or the chart of one page/query/pair when --page or --query is given. */
async function topOrSeries(
  ctx: CliContext,
  dim: 'page' | 'query',
  o: SiteOpt & WindowOpts & { page?: string; query?: string; limit: string; offset: string; sort?: string },
) {
  const { core, scope } = await siteScope(ctx, o.site);
  if (o.page !== undefined || o.query !== undefined) {
    const s = await core.searchConsole.series(scope, {
      ...window(o),
      ...(o.page !== undefined ? { page: o.page } : {}),
      ...(o.query !== undefined ? { query: o.query } : {}),
    });
    const rows = s.days.map((d) => ({
      date: d.date,
      clicks: d.clicks,
      impressions: d.impressions,
      position: pos(d.position),
    }));
    return ctx.out.result(s, () =>
      [
        `${[s.page, s.query].filter(Boolean).join(' × ')}  ${s.from ?? '—'} … ${s.to ?? '—'}`,
        rows.length ? renderTable(rows) : '(no data)',
        `total: ${s.totals.clicks} clicks, ${s.totals.impressions} impressions, position ${pos(s.totals.position)}`,
      ].join('\n'),
    );
  }
  const { Igny8Error } = await import('../../src/index.js');
  if (o.sort && !['clicks', 'impressions', 'position'].includes(o.sort))
    throw new Igny8Error('USAGE', `--sort must be clicks, impressions or position, not "${o.sort}"`);
  const q = {
    ...window(o),
    limit: Number(o.limit),
    offset: Number(o.offset),
    ...(o.sort ? { sort: o.sort as 'clicks' } : {}),
  };
  const page =
    dim === 'page'
      ? await core.searchConsole.topPages(scope, q)
      : await core.searchConsole.topQueries(scope, q);
  const rows = page.items.map((i) => ({
    [dim]: i.key,
    clicks: i.clicks,
    impressions: i.impressions,
    position: pos(i.position),
  }));
  ctx.out.result(
    page,
    () => `${rows.length ? renderTable(rows) : '(no data)'}\n(${page.items.length} of ${page.total})`,
  );
}

export function registerGsc(program: Command): void {
  const gsc = program
    .command('gsc')
    .description('Search Console data per site: import exports, pull with a service account, charts');
  gsc
    .command('import <file>')
    .description(
      'import a per-day Search Console CSV (Looker Studio, Sheets, BigQuery bulk export); its date range is replaced',
    )
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .action(
      action(async (ctx, file: string, o: SiteOpt) => {
        const { core, scope } = await siteScope(ctx, o.site);
        const r = await core.searchConsole.importFile(scope, { file: path.resolve(ctx.cwd, file) });
        for (const w of r.warnings) ctx.out.warn(w);
        ctx.out.result(
          r,
          () =>
            `Imported ${r.stored} row(s) for ${r.dateFrom} … ${r.dateTo} from ${r.origin} (${r.layer}); ` +
            `${r.replaced} replaced, ${r.merged} merged, ${r.rejectedCount} rejected, ${r.offDomainCount} off-domain`,
        );
      }),
    );
  gsc
    .command('connect')
    .description("store the site's Search Console property and service-account key (encrypted; never shown)")
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .requiredOption('--property <property>', 'sc-domain:example.com or a URL prefix (https://example.com/)')
    .requiredOption('--key-file <path>', "the service account's JSON key file")
    .action(
      action(async (ctx, o: SiteOpt & { property: string; keyFile: string }) => {
        const { core, scope } = await siteScope(ctx, o.site);
        const { Igny8Error } = await import('../../src/index.js');
        const file = path.resolve(ctx.cwd, o.keyFile);
        let key: string;
        try {
          key = fs.readFileSync(file, 'utf8');
        } catch (cause) {
          throw new Igny8Error('FILE_NOT_FOUND', `Cannot read ${file}: ${(cause as Error).message}`, {
            cause,
          });
        }
        const c = await core.searchConsole.connect(scope, { property: o.property, key });
        ctx.out.result(
          c,
          () => `Connected ${c.property}. Add ${c.clientEmail} as a user of the property in Search Console.`,
        );
      }),
    );
  gsc
    .command('disconnect')
    .description("forget the site's Search Console property and key (the data stays)")
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .action(
      action(async (ctx, o: SiteOpt) => {
        const { core, scope } = await siteScope(ctx, o.site);
        const r = await core.searchConsole.disconnect(scope);
        ctx.out.result(r, () => (r.removed ? 'Disconnected.' : 'The site had no Search Console connection.'));
      }),
    );
  gsc
    .command('pull')
    .description(
      'pull from the Search Console API: by default from 3 days before the last day held (or 16 months back) to yesterday',
    )
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .option('--from <day>', 'first day, YYYY-MM-DD')
    .option('--to <day>', 'last day, YYYY-MM-DD (default: yesterday)')
    .action(
      action(async (ctx, o: SiteOpt & WindowOpts) => {
        const { core, scope } = await siteScope(ctx, o.site);
        let last = 0;
        const r = await core.searchConsole.pull(scope, {
          ...window(o),
          onProgress: (p) => {
            // At most one line a second on stderr, and always the last day.
            if (p.done < p.days && Date.now() - last < 1000) return;
            last = Date.now();
            ctx.out.info(`day ${p.done}/${p.days} (${p.day}): ${p.rows} rows so far`);
          },
        });
        for (const w of r.warnings) ctx.out.warn(w);
        ctx.out.result(
          r,
          () =>
            `Pulled ${r.property} ${r.dateFrom} … ${r.dateTo} (${r.days} days): ${r.stored} row(s) stored, ${r.replaced} replaced`,
        );
      }),
    );
  gsc
    .command('status')
    .description('the connection, the days held and the latest imports and pulls')
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .action(
      action(async (ctx, o: SiteOpt) => {
        const { core, scope } = await siteScope(ctx, o.site);
        const s = await core.searchConsole.status(scope);
        ctx.out.result(s, () =>
          [
            `property: ${s.connection ? `${s.connection.property} (as ${s.connection.clientEmail})` : '(not connected)'}`,
            `held: ${s.held.rows} row(s)${s.held.from ? `, ${s.held.from} … ${s.held.to}` : ''}`,
            s.syncs.length
              ? renderTable(
                  s.syncs.map((x) => ({
                    at: x.createdAt.replace('T', ' ').slice(0, 16),
                    source: x.source,
                    from: x.origin,
                    range: `${x.dateFrom} … ${x.dateTo}`,
                    rows: x.rows,
                    replaced: x.replaced,
                  })),
                )
              : '(no imports or pulls yet)',
          ].join('\n'),
        );
      }),
    );
  for (const dim of ['page', 'query'] as const) {
    gsc
      .command(dim === 'page' ? 'pages' : 'queries')
      .description(
        dim === 'page'
          ? 'top pages over a window (default: the last 28 days held); with --page, that page day by day'
          : 'top queries over a window (default: the last 28 days held); with --query, that query day by day',
      )
      .option('--site <id|slug>', 'the igny8 site (default: the only one)')
      .option('--page <url>', 'one page, day by day (with --query: that pair)')
      .option('--query <query>', 'one query, day by day (with --page: that pair)')
      .option('--from <day>', 'first day, YYYY-MM-DD')
      .option('--to <day>', 'last day, YYYY-MM-DD')
      .option('--sort <by>', 'clicks | impressions | position', 'clicks')
      .option('--limit <n>', 'how many', '20')
      .option('--offset <n>', 'skip this many', '0')
      .action(action(async (ctx, o) => topOrSeries(ctx, dim, o as Parameters<typeof topOrSeries>[2])));
  }
}
