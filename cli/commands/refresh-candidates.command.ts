import type { Command } from 'commander';
import { action } from '../context.js';
import { renderTable } from '../output.js';
import { displayWidth, padToWidth } from '../display-width.js';
import { refreshGroup } from './refresh-group.js';

const KINDS = ['decay', 'striking', 'cannibal', 'orphan'];
const FORMATS = ['csv', 'nginx', 'json'];

/** The page's path for the table (the full URL is in --json). */
const shortUrl = (url: string) => {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};

/** A table whose last column (the reason) is never cut: renderTable caps columns at 60. */
function withReasons(rows: Array<Record<string, unknown>>, reasons: string[]): string {
  const lines = renderTable(rows).split('\n');
  const w = Math.max(...lines.map((l) => displayWidth(l)));
  return lines.map((l, i) => `${padToWidth(l, w)}  ${i === 0 ? 'REASON' : reasons[i - 1]}`).join('\n');
}

export function registerRefreshCandidates(program: Command): void {
  const refresh = refreshGroup(program);
  refresh
    .command('candidates')
    .description(
      'posts worth refreshing, ranked by estimated clicks at stake, each with its reason: decay (clicks or ' +
        'position lost window over window), striking (queries at positions 8–20 the page does not cover), ' +
        'cannibal (pages splitting one query), orphan (no internal link points to it)',
    )
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .option('--kind <kind>', `only one kind: ${KINDS.join('|')}`)
    .option('--page <url>', "only this page's candidates (any spelling of its URL)")
    .option('--window <days>', 'days per window: the last N days with data vs the N before', '28')
    .option('--limit <n>', 'how many candidates', '50')
    .addHelpText(
      'after',
      '\nWindows end at the last day with Search Console data (imports lag), not today.\n' +
        'Examples:\n  igny8 refresh candidates --site blog\n  igny8 refresh candidates --kind striking --window 14 --limit 20\n' +
        '  igny8 refresh candidates --page https://blog.example/cold-brew/\n' +
        '  igny8 refresh candidates --kind cannibal --json',
    )
    .action(
      action(
        async (ctx, o: { site?: string; kind?: string; page?: string; window: string; limit: string }) => {
          const core = await ctx.core();
          const { resolveSiteRef, Igny8Error } = await import('../../src/index.js');
          if (o.kind !== undefined && !KINDS.includes(o.kind))
            throw new Igny8Error(
              'VALIDATION_FAILED',
              `--kind must be one of ${KINDS.join(', ')} (got "${o.kind}")`,
              {
                fields: { kind: [`one of ${KINDS.join(', ')}`] },
              },
            );
          const scope = await resolveSiteRef(core.db, await ctx.accountId(), o.site);
          const r = await core.refreshCandidates.rank(scope, {
            ...(o.kind ? { kinds: [o.kind as 'decay'] } : {}),
            ...(o.page ? { page: o.page } : {}),
            windowDays: Number(o.window),
            limit: Number(o.limit),
          });
          ctx.out.result(r, () => {
            const head = r.window
              ? `Last ${r.window.days} days with data (${r.window.from} – ${r.window.to}) vs ${r.window.previousFrom} – ${r.window.previousTo}`
              : 'No Search Console window';
            const rows = r.candidates.map((c, i) => ({
              '#': i + 1,
              kind: c.kind,
              score: c.score,
              page: shortUrl(c.page.url),
              query: c.queries[0] ?? '',
            }));
            const table = rows.length
              ? withReasons(
                  rows,
                  r.candidates.map((c) => c.reason),
                )
              : '(none)';
            const counts = Object.entries(r.counts)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ');
            return [
              head,
              table,
              `(${r.candidates.length} of ${r.total}: ${counts})`,
              ...(r.hint ? [r.hint] : []),
            ].join('\n');
          });
        },
      ),
    );

  refresh
    .command('merge-plan')
    .description(
      'for pages competing for one query: which page to keep (most clicks, then best position, then most ' +
        'internal links) and the 301 redirects from the others; nothing is changed or deleted',
    )
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .option('--query <text>', 'the search query the pages compete for')
    .option('--pages <urls...>', 'or the pages to merge (two or more URLs)')
    .option('--window <days>', 'days of data to compare', '28')
    .option(
      '--format <format>',
      `redirects as ${FORMATS.join('|')}: csv is the WordPress Redirection plugin's import (source,target,regex,code); nginx is location blocks for the server block`,
      'json',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  igny8 refresh merge-plan --query "coffee grinder"\n' +
        '  igny8 refresh merge-plan --query "coffee grinder" --format csv > redirects.csv\n' +
        '  igny8 refresh merge-plan --pages https://blog.example/a/ https://blog.example/b/ --format nginx\n' +
        '  igny8 refresh merge-plan --query "coffee grinder" --json',
    )
    .action(
      action(
        async (
          ctx,
          o: { site?: string; query?: string; pages?: string[]; window: string; format: string },
        ) => {
          const core = await ctx.core();
          const { resolveSiteRef, renderRedirects, Igny8Error } = await import('../../src/index.js');
          if (!FORMATS.includes(o.format))
            throw new Igny8Error(
              'VALIDATION_FAILED',
              `--format must be one of ${FORMATS.join(', ')} (got "${o.format}")`,
              {
                fields: { format: [`one of ${FORMATS.join(', ')}`] },
              },
            );
          const scope = await resolveSiteRef(core.db, await ctx.accountId(), o.site);
          const plan = await core.refreshCandidates.mergePlan(scope, {
            ...(o.query !== undefined ? { query: o.query } : {}),
            ...(o.pages ? { pageUrls: o.pages } : {}),
            windowDays: Number(o.window),
          });
          if (ctx.out.json || o.format === 'json')
            return ctx.out.result(plan, () => renderRedirects(plan, 'json').trimEnd());
          process.stdout.write(renderRedirects(plan, o.format as 'csv'));
          ctx.out.info(`${plan.why}\n${plan.note}`);
        },
      ),
    );
}
