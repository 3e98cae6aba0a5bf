import type { Command } from 'commander';
import type { Site, SiteSummary } from '../../src/index.js';
import { action, type CliContext } from '../context.js';
import { renderKeyValues, renderTable } from '../output.js';
import { registerSiteVoice } from './site-voice.command.js';

interface SiteFlags {
  name?: string;
  slug?: string;
  domain?: string;
  industry?: string;
  status?: string;
  settings?: string;
  language?: string;
}

const row = (s: SiteSummary) => ({
  slug: s.slug,
  name: s.name,
  domain: s.domain,
  industry: s.industry,
  status: s.status,
  language: s.language,
  sectors: s.sectorCount,
  id: s.id,
});

const show = (s: Site) => renderKeyValues({ ...s, settings: JSON.stringify(s.settings) });

/** "none" clears a nullable field. */
const clearable = (v: string | undefined) =>
  v === undefined ? undefined : /^(none|null)$/i.test(v) ? null : v;

async function parseSettings(text: string | undefined): Promise<Record<string, unknown> | undefined> {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    const { Igny8Error } = await import('../../src/index.js');
    throw new Igny8Error('VALIDATION_FAILED', '--settings is not valid JSON', {
      hint: `Pass a JSON object, e.g. --settings '{"autoApprove":true}'.`,
    });
  }
}

async function scope(ctx: CliContext) {
  return { core: await ctx.core(), scope: { accountId: await ctx.accountId() } };
}

export function registerSite(program: Command): void {
  const site = program.command('site').description('sites of the account (a site is named by id or slug)');
  site
    .command('add <name>')
    .description('add a site')
    .option('--slug <slug>', 'short name for commands (default: from the name)')
    .option('--domain <domain>', 'the site’s domain, e.g. example.com')
    .option('--industry <text>', 'industry or niche, e.g. "outdoor gear"')
    .option('--language <tag>', 'BCP 47 language content is written in, e.g. de, es, ja (default en)')
    .action(
      action(async (ctx, name: string, o: SiteFlags) => {
        const { core, scope: s } = await scope(ctx);
        const added = await core.tenancy.addSite(s, {
          name,
          slug: o.slug,
          domain: o.domain,
          industry: o.industry,
          language: o.language,
        });
        ctx.out.result(added, () => show(added));
      }),
    );
  site
    .command('list')
    .description('sites with their sector counts')
    .action(
      action(async (ctx) => {
        const { core, scope: s } = await scope(ctx);
        const list = await core.tenancy.listSites(s);
        ctx.out.list(list, () => renderTable(list.map(row)));
      }),
    );
  site
    .command('show <site>')
    .description('one site with its settings')
    .action(
      action(async (ctx, ref: string) => {
        const { core, scope: s } = await scope(ctx);
        const found = await core.tenancy.getSite(s, ref);
        ctx.out.result(found, () => show(found));
      }),
    );
  site
    .command('update <site>')
    .description('change a site; --settings merges JSON into its settings (null removes a key)')
    .option('--name <name>', 'display name')
    .option('--slug <slug>', 'short name')
    .option('--domain <domain>', 'domain ("none" clears)')
    .option('--industry <text>', 'industry ("none" clears)')
    .option('--status <status>', 'active or inactive')
    .option('--settings <json>', 'JSON object merged into the settings')
    .option('--language <tag>', 'BCP 47 language content is written in, e.g. de, es, ja')
    .action(
      action(async (ctx, ref: string, o: SiteFlags) => {
        const { core, scope: s } = await scope(ctx);
        const updated = await core.tenancy.updateSite(s, ref, {
          name: o.name,
          slug: o.slug,
          domain: clearable(o.domain),
          industry: clearable(o.industry),
          status: o.status,
          settings: await parseSettings(o.settings),
          language: o.language,
        });
        ctx.out.result(updated, () => show(updated));
      }),
    );
  site
    .command('remove <site>')
    .description('delete a site with its sectors, keywords, content and runs')
    .option('-y, --yes', 'confirm: this deletes everything under the site')
    .action(
      action(async (ctx, ref: string, o: { yes?: boolean }) => {
        const { core, scope: s } = await scope(ctx);
        if (!o.yes) {
          const found = await core.tenancy.getSite(s, ref);
          const { Igny8Error } = await import('../../src/index.js');
          throw new Igny8Error('USAGE', `Removing ${found.slug} deletes its sectors, keywords and content`, {
            hint: `Run again with --yes to confirm: igny8 site remove ${found.slug} --yes`,
          });
        }
        const removed = await core.tenancy.removeSite(s, ref);
        ctx.out.result({ removed: removed.id, slug: removed.slug }, () => `removed site ${removed.slug}`);
      }),
    );
  registerSiteVoice(site);
}
