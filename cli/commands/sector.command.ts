import type { Command } from 'commander';
import type { Sector } from '../../src/index.js';
import { action } from '../context.js';
import { renderKeyValues, renderTable } from '../output.js';

const SITE_OPTION = ['--site <site>', 'site id or slug (default: the only site)'] as const;

const row = (s: Sector) => ({
  slug: s.slug,
  name: s.name,
  status: s.status,
  language: s.language ?? '(site)',
  id: s.id,
});

export function registerSector(program: Command): void {
  const sector = program.command('sector').description('sectors (topics) of a site');
  sector
    .command('add <name>')
    .description('add a sector to a site')
    .option(...SITE_OPTION)
    .option('--slug <slug>', 'short name (default: from the name)')
    .option('--language <tag>', "BCP 47 language for this sector's content (default: the site's)")
    .action(
      action(async (ctx, name: string, o: { site?: string; slug?: string; language?: string }) => {
        const core = await ctx.core();
        const added = await core.tenancy.addSector({ accountId: await ctx.accountId() }, o.site, {
          name,
          slug: o.slug,
          language: o.language,
        });
        ctx.out.result(added, () => renderKeyValues({ ...row(added), site: added.siteId }));
      }),
    );
  sector
    .command('list')
    .description("a site's sectors")
    .option(...SITE_OPTION)
    .action(
      action(async (ctx, o: { site?: string }) => {
        const core = await ctx.core();
        const list = await core.tenancy.listSectors({ accountId: await ctx.accountId() }, o.site);
        ctx.out.list(list, () => renderTable(list.map(row)));
      }),
    );
  sector
    .command('update <sector>')
    .description('rename a sector or set its language ("none" inherits the site\'s)')
    .option(...SITE_OPTION)
    .option('--name <name>', 'display name')
    .option('--language <tag>', 'BCP 47 language, e.g. de, es, ja; "none" inherits the site\'s')
    .action(
      action(async (ctx, ref: string, o: { site?: string; name?: string; language?: string }) => {
        const core = await ctx.core();
        const language =
          o.language === undefined ? undefined : /^(none|null)$/i.test(o.language) ? null : o.language;
        const updated = await core.tenancy.updateSector({ accountId: await ctx.accountId() }, o.site, ref, {
          name: o.name,
          language,
        });
        ctx.out.result(updated, () => renderKeyValues({ ...row(updated), site: updated.siteId }));
      }),
    );
  sector
    .command('remove <sector>')
    .description('delete a sector with its keywords, clusters, ideas and content')
    .option(...SITE_OPTION)
    .option('-y, --yes', 'confirm: this deletes everything under the sector')
    .action(
      action(async (ctx, ref: string, o: { site?: string; yes?: boolean }) => {
        const core = await ctx.core();
        const scope = { accountId: await ctx.accountId() };
        if (!o.yes) {
          const found = await core.tenancy.getSector(scope, o.site, ref);
          const { Igny8Error } = await import('../../src/index.js');
          throw new Igny8Error('USAGE', `Removing ${found.slug} deletes its keywords and content`, {
            hint: 'Run again with --yes to confirm.',
          });
        }
        const removed = await core.tenancy.removeSector(scope, o.site, ref);
        ctx.out.result({ removed: removed.id, slug: removed.slug }, () => `removed sector ${removed.slug}`);
      }),
    );
}
