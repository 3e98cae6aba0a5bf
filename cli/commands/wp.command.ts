import type { Command } from 'commander';
import { action, type CliContext } from '../context.js';
import { renderTable } from '../output.js';

/** A secret from its flag, or from stdin when the flag is "-" or absent without a terminal. */
export async function readSecret(value: string | undefined, what: string, flag: string): Promise<string> {
  if (value !== undefined && value !== '-') return value;
  if (value === undefined && process.stdin.isTTY) {
    const { Igny8Error } = await import('../../src/index.js');
    throw new Igny8Error('USAGE', `The ${what} is missing`, {
      hint: `Pass ${flag} - and pipe it on stdin (keeps it out of your shell history), or ${flag} <value>.`,
    });
  }
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.split(/\r?\n/)[0]!.trim();
}

async function siteScope(ctx: CliContext, site: string | undefined) {
  const core = await ctx.core();
  const { resolveSiteRef } = await import('../../src/index.js');
  return { core, scope: await resolveSiteRef(core.db, await ctx.accountId(), site) };
}

type Check = { name: string; ok: boolean; detail: string; hint?: string };
const renderChecks = (checks: Check[]) =>
  checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}${c.hint ? `\n    hint: ${c.hint}` : ''}`);

export function registerWp(program: Command): void {
  const wp = program.command('wp').description('WordPress: connect a site, check it, sync post status');
  wp.command('connect')
    .description('connect a site to WordPress with an application password (checked, then stored encrypted)')
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .requiredOption('--url <url>', 'WordPress site address, e.g. https://blog.example.com')
    .requiredOption('--user <name>', 'WordPress username the application password belongs to')
    .option('--app-password <password>', 'application password; "-" (or no terminal) reads it from stdin')
    .option('--name <name>', 'destination name', 'wordpress')
    .option('--categories <names>', 'comma-separated categories every post is filed under')
    .option('--author <id>', 'WordPress user id posts are attributed to (default: the connected user)')
    .option('--skip-check', 'save without checking the connection first')
    .action(
      action(async (ctx, f: Record<string, string | boolean | undefined>) => {
        const appPassword = await readSecret(
          f.appPassword as string | undefined,
          'application password',
          '--app-password',
        );
        const { core, scope } = await siteScope(ctx, f.site as string | undefined);
        const { connectWordPress, wordpressTestResult } = await import('../../src/publishing/index.js');
        const res = await connectWordPress(core.destinations, scope, {
          url: String(f.url),
          user: String(f.user),
          appPassword,
          name: f.name as string,
          categories: f.categories
            ? String(f.categories)
                .split(',')
                .filter((s) => s.trim())
            : [],
          defaultAuthor: f.author === undefined ? undefined : Number(f.author),
          skipCheck: Boolean(f.skipCheck),
        });
        const checks = res.report ? wordpressTestResult(res.report).checks : [];
        ctx.out.result(res, () =>
          [
            `connected to WordPress at ${String(res.destination.config.url)} as ${String(f.user)} (destination "${res.destination.name}")`,
            ...(res.report ? renderChecks(checks) : ['(connection not checked: --skip-check)']),
          ].join('\n'),
        );
      }),
    );
  wp.command('test')
    .description(
      'check the WordPress connection: REST API, users/me, permalinks, rights, SEO fields, JSON-LD',
    )
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .option('--destination <name|id>', 'which WordPress destination (default: the only one)')
    .action(
      action(async (ctx, f: { site?: string; destination?: string }) => {
        const { core, scope } = await siteScope(ctx, f.site);
        const m = await import('../../src/publishing/index.js');
        const { destination, report } = await m.testWordPress(core.destinations, scope, f.destination);
        const { ok, checks } = m.wordpressTestResult(report);
        ctx.out.result({ destination: destination.name, ok, checks, report }, () =>
          [`WordPress at ${report.site}: ${ok ? 'ready' : 'NOT ready'}`, ...renderChecks(checks)].join('\n'),
        );
        const { connectionError } = await import('../../src/index.js');
        if (!ok) process.exitCode = connectionError(report)?.exitCode ?? 1;
      }),
    );
  wp.command('plugin')
    .description(
      'write the optional companion must-use plugin that lets igny8 write Yoast, Rank Math, SEOPress and AIOSEO fields and print JSON-LD in the page head',
    )
    .requiredOption('--out <dir>', 'folder to write igny8-seo-fields.php into (e.g. wp-content/mu-plugins)')
    .option('--force', 'replace a different file of the same name')
    .addHelpText(
      'after',
      '\nExample:\n  igny8 wp plugin --out ./wp-content/mu-plugins --json\n  then upload igny8-seo-fields.php to wp-content/mu-plugins/ on the site and run `igny8 wp test`',
    )
    .action(
      action(async (ctx, f: { out: string; force?: boolean }) => {
        const path = await import('node:path');
        const { writeSeoPlugin } = await import('../../src/publishing/index.js');
        const file = writeSeoPlugin(path.resolve(ctx.cwd, f.out), { force: Boolean(f.force) });
        ctx.out.result({ file }, () =>
          [
            `wrote ${file}`,
            'Copy it into wp-content/mu-plugins/ on the WordPress site (must-use plugins load by themselves),',
            'then `igny8 wp test` shows the SEO fields as writable, and JSON-LD goes out as post meta',
            'the plugin prints in the page head (WordPress strips scripts from the content of users',
            'without unfiltered_html).',
          ].join('\n'),
        );
      }),
    );
  wp.command('sync')
    .description("pull each published post's status and URL back (trashed, unpublished, moved)")
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .option('--destination <name|id>', 'which WordPress destination (default: the only one)')
    .action(
      action(async (ctx, f: { site?: string; destination?: string }) => {
        const { core, scope } = await siteScope(ctx, f.site);
        const { findWordPressDestination } = await import('../../src/publishing/index.js');
        const row = await findWordPressDestination(core.destinations, scope, f.destination);
        const res = await core.publisher.sync(scope, { destination: row.id });
        ctx.out.result(res, () =>
          [
            `checked ${res.checked} post(s); ${res.changes.length} changed`,
            ...(res.changes.length ? [renderTable(res.changes)] : []),
            ...(res.linksUpdated.length
              ? [
                  `${res.linksUpdated.length} post(s) updated: internal links added or removed as pages went live or away`,
                ]
              : []),
            ...(res.inventory && !res.inventory.ok
              ? [`inventory not refreshed: ${res.inventory.error}`]
              : []),
          ].join('\n'),
        );
      }),
    );
  // The site inventory (h12-links): existing posts and pages read into igny8.
  wp.command('import-posts')
    .description(
      "read the site's existing posts and pages into its inventory (link targets, cannibalization)",
    )
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .option('--destination <name|id>', 'which WordPress destination (default: every active one)')
    .option(
      '--full',
      're-read every post (not only those modified since the last import) and drop removed ones',
    )
    .addHelpText('after', '\nExample:\n  igny8 wp import-posts --site blog --json')
    .action(
      action(async (ctx, f: { site?: string; destination?: string; full?: boolean }) => {
        const { core, scope } = await siteScope(ctx, f.site);
        const res = await core.inventory.importPosts(scope, {
          ...(f.destination ? { destination: f.destination } : {}),
          full: Boolean(f.full),
        });
        ctx.out.result(res, () =>
          res
            .map(
              (r) =>
                `read ${r.read} post(s)${r.since ? ` modified since ${r.since}` : ''}: ${r.added} new, ${r.updated} changed, ${r.removed} removed; ${r.total} in the inventory (${(r.ms / 1000).toFixed(1)} s)`,
            )
            .join('\n'),
        );
      }),
    );
}
