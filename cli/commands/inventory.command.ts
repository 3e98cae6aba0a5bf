import type { Command } from 'commander';
import { action } from '../context.js';
import { renderTable } from '../output.js';

export function registerInventory(program: Command): void {
  const inventory = program
    .command('inventory')
    .description("the site's existing posts and pages (read by `igny8 wp import-posts`)");
  inventory
    .command('list')
    .description('most recently modified first')
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .option('--search <text>', 'only posts whose title contains this')
    .option('--limit <n>', 'how many', '50')
    .option('--offset <n>', 'skip this many')
    .addHelpText('after', '\nExample:\n  igny8 inventory list --site blog --search "cold brew" --json')
    .action(
      action(async (ctx, o: { site?: string; search?: string; limit: string; offset?: string }) => {
        const core = await ctx.core();
        const { resolveSiteRef } = await import('../../src/index.js');
        const scope = await resolveSiteRef(core.db, await ctx.accountId(), o.site);
        const page = await core.inventory.list(scope, {
          limit: o.limit,
          ...(o.offset !== undefined ? { offset: o.offset } : {}),
          ...(o.search ? { search: o.search } : {}),
        });
        const rows = page.items.map((p) => ({
          kind: p.kind,
          title: p.title,
          url: p.url,
          focus: p.focusKeyword ?? '',
          tags: p.tags.join(', '),
          modified: p.modifiedAt.replace('T', ' ').slice(0, 16),
          ours: p.contentId ? 'yes' : '',
        }));
        ctx.out.result(page, () => `${renderTable(rows)}\n(${page.items.length} of ${page.total})`);
      }),
    );
}
