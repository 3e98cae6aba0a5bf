import path from 'node:path';
import type { Command } from 'commander';
import { action, type CliContext } from '../context.js';
import { renderKeyValues, renderTable } from '../output.js';
import { readSecret } from './wp.command.js';

async function scopeOf(ctx: CliContext, site: string | undefined, required = true) {
  const core = await ctx.core();
  const accountId = await ctx.accountId();
  const { resolveSiteRef } = await import('../../src/index.js');
  const siteId = site || required ? (await resolveSiteRef(core.db, accountId, site)).siteId : undefined;
  return { core, accountId, siteId };
}

const list = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map((s) => s.trim()));
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

function registerSettings(publish: Command): void {
  publish
    .command('settings')
    .description("show or change the site's publishing schedule (sites.settings.publishing)")
    .option('--site <id|slug>', 'the site (default: the only one)')
    .option('--mode <mode>', 'immediate | time_slots | stagger')
    .option('--slots <times>', 'time slots, e.g. 09:00,14:00')
    .option('--days <days>', 'publishing days, e.g. mon,tue,wed')
    .option('--daily <n>', 'most posts per day')
    .option('--weekly <n>', 'most posts per week')
    .option('--monthly <n>', 'most posts per month')
    .option('--stagger-start <hh:mm>', 'stagger mode: first time of day')
    .option('--stagger-end <hh:mm>', 'stagger mode: last time of day')
    .option('--interval <minutes>', 'stagger mode: minutes between posts')
    .option('--status <status>', 'status of posts published at once: draft | publish')
    .option('--auto-publish', 'publish approved articles without a manual step')
    .option('--no-auto-publish', 'publish only when asked')
    .action(
      action(async (ctx, f: Record<string, string | boolean | undefined>) => {
        const { core, accountId, siteId } = await scopeOf(ctx, f.site as string | undefined);
        const s = (k: string) => f[k] as string | undefined;
        const patch = Object.fromEntries(
          Object.entries({
            mode: s('mode'),
            timeSlots: list(s('slots')),
            days: list(s('days')),
            status: s('status'),
            autoPublish: f.autoPublish as boolean | undefined,
            limits: { daily: num(s('daily')), weekly: num(s('weekly')), monthly: num(s('monthly')) },
            stagger: { start: s('staggerStart'), end: s('staggerEnd'), intervalMinutes: num(s('interval')) },
          })
            .map(([k, v]) =>
              v && typeof v === 'object' && !Array.isArray(v)
                ? [k, Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined))]
                : [k, v],
            )
            .filter(([, v]) => v !== undefined && !(typeof v === 'object' && !Object.keys(v).length)),
        );
        const m = await import('../../src/publishing/index.js');
        const scope = { accountId, siteId: siteId! };
        const changed = Object.keys(patch).length > 0;
        if (changed) await m.updatePublishingSettings(core.db, scope, patch);
        const { publishing, timezone } = await m.getPublishingSettings(core.db, scope);
        ctx.out.result({ siteId, timezone, publishing, changed }, () =>
          [
            changed ? 'publishing settings updated' : 'publishing settings',
            renderKeyValues({ timezone, ...publishing }),
          ].join('\n'),
        );
      }),
    );
}

function registerDestinations(publish: Command): void {
  publish
    .command('destinations')
    .description('list publishing destinations (secrets are never shown)')
    .option('--site <id|slug>', 'only this site')
    .action(
      action(async (ctx, f: { site?: string }) => {
        const { core, accountId, siteId } = await scopeOf(ctx, f.site, false);
        const views = await core.destinations.list({ accountId, siteId });
        const rows = views.map((d) => ({
          name: d.name,
          kind: d.kind,
          target: d.config.url ?? d.config.dir,
          secret: d.hasSecret ? 'stored' : '—',
          status: d.status,
          id: d.id,
        }));
        ctx.out.list(views, () => renderTable(rows));
      }),
    );
  publish
    .command('add-destination <kind>')
    .description(
      'add a folder (Markdown/HTML files) or webhook (signed JSON) destination; WordPress: `igny8 wp connect`',
    )
    .option('--site <id|slug>', 'the site (default: the only one)')
    .option('--name <name>', 'destination name (default: the kind)')
    .option('--dir <dir>', 'folder: where the files go')
    .option('--format <md|html>', 'folder: file format', 'md')
    .option('--url <url>', 'webhook: where to POST')
    .option('--secret <secret>', 'webhook: signing secret, 16+ characters; "-" (or no terminal) reads stdin')
    .option('--include-images', 'webhook: send images as base64 in the payload')
    .action(
      action(async (ctx, kind: string, f: Record<string, string | boolean | undefined>) => {
        const { core, accountId, siteId } = await scopeOf(ctx, f.site as string | undefined);
        const name = (f.name as string | undefined) ?? kind;
        const input =
          kind === 'webhook'
            ? {
                kind,
                name,
                config: { url: f.url as string, includeImages: Boolean(f.includeImages) },
                secret: await readSecret(
                  f.secret as string | undefined,
                  'webhook signing secret',
                  '--secret',
                ),
              }
            : {
                kind,
                name,
                config: { dir: f.dir ? path.resolve(ctx.cwd, f.dir as string) : undefined, format: f.format },
              };
        const view = await core.destinations.upsert({ accountId, siteId: siteId! }, input as never);
        ctx.out.result(view, () => `added ${view.kind} destination "${view.name}" (${view.id})`);
      }),
    );
  publish
    .command('remove-destination <ref>')
    .description(
      'remove a destination by name or id; its publish records go too (posts already made stay on the site)',
    )
    .option('--site <id|slug>', 'only look on this site')
    .action(
      action(async (ctx, ref: string, f: { site?: string }) => {
        const { core, accountId, siteId } = await scopeOf(ctx, f.site, false);
        await core.destinations.remove({ accountId, siteId }, ref);
        ctx.out.result({ removed: ref }, () => `removed destination "${ref}"`);
      }),
    );
}

function registerCalendar(publish: Command): void {
  publish
    .command('calendar')
    .description(
      "scheduled and published posts in a window (--to is exclusive): the post's status on the site, times in the account's timezone",
    )
    .option('--site <id|slug>', 'only this site')
    .option('--from <date>', 'from this date or ISO time')
    .option('--to <date>', 'up to this date or ISO time')
    .action(
      action(async (ctx, f: { site?: string; from?: string; to?: string }) => {
        const { core, accountId, siteId } = await scopeOf(ctx, f.site, false);
        const { parseInput } = await import('../../src/index.js');
        const { z } = await import('zod');
        const when = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional();
        const range = parseInput(z.object({ from: when, to: when }), { from: f.from, to: f.to }, 'calendar');
        const rows = await core.publisher.calendar({ accountId }, { siteId, ...range });
        const timezone =
          rows[0]?.timezone ?? (await core.tenancy.getAccount({ accountId }))?.timezone ?? 'UTC';
        ctx.out.list(rows, () =>
          [
            renderTable(
              rows.map((r) => ({
                // The account's wall clock; --json also has the UTC instant.
                at: r.localAt,
                'on site': r.siteStatus,
                destination: r.destination,
                content: r.contentId,
                url: r.remoteUrl ?? r.error,
              })),
            ),
            `times in ${timezone}`,
          ].join('\n'),
        );
      }),
    );
}

export function registerPublish(program: Command): void {
  const publish = program
    .command('publish')
    .description('publish approved articles (scheduled by the site settings, or --now); manage destinations');
  // The default subcommand, so `igny8 publish --now` works and `publish settings --status …` stays
  // the subcommand's own option (a parent's options would swallow its subcommands' same-named ones).
  publish
    .command('run', { isDefault: true })
    .description('publish approved articles (the default: `igny8 publish [options]`)')
    .option('--site <id|slug>', 'the site (default: the only one)')
    .option('--destination <name|id>', 'where to (default: the site’s first destination)')
    .option('--now', 'publish at once instead of following the schedule')
    .option('--schedule', 'follow the site’s publishing schedule (default)')
    .option('--status <status>', 'status of posts published at once: draft | publish (default: site setting)')
    .option('--content <ids...>', 'only these articles (approved or not)')
    .option(
      '--republish',
      'send already published articles again (updates the same posts); with --content, also re-creates posts deleted on the site',
    )
    .option(
      '--allow-sample',
      'publish sandbox-generated sample articles to a site that is not on this machine',
    )
    .action(
      action(async (ctx, f: Record<string, string | string[] | boolean | undefined>) => {
        const { core, accountId, siteId } = await scopeOf(ctx, f.site as string | undefined);
        const { parseInput, errorInfo } = await import('../../src/index.js');
        const { z } = await import('zod');
        const status = parseInput(z.enum(['draft', 'publish']).optional(), f.status, 'status');
        const results = await core.publisher.publish(
          { accountId, siteId: siteId! },
          {
            destination: f.destination as string | undefined,
            contentIds: f.content as string[] | undefined,
            when: f.now ? 'now' : 'schedule',
            status,
            republish: Boolean(f.republish),
            allowSample: Boolean(f.allowSample),
          },
        );
        const { siteStatus } = await import('../../src/publishing/index.js');
        const rows = results.map((r) => ({
          content: r.contentId,
          status: r.status,
          'on site': r.remoteStatus ? siteStatus({ status: r.status, remote_status: r.remoteStatus }) : null,
          scheduled: r.scheduledAt,
          url: r.remoteUrl,
          notes:
            [
              r.error,
              r.hint ? `hint: ${r.hint}` : null,
              r.repairedMedia.length
                ? `repaired: re-uploaded ${r.repairedMedia.join(', ')} (deleted on the site)`
                : null,
              ...r.warnings,
            ]
              .filter(Boolean)
              .join('; ') || null,
        }));
        ctx.out.result(results, () =>
          results.length ? renderTable(rows) : 'nothing to publish (no approved, unpublished articles)',
        );
        // Failed ones, and posts refused because they were deleted on the site, make the exit non-zero.
        const failed = results.find((r) => r.status === 'failed' || r.code);
        if (failed) process.exitCode = errorInfo((failed.code ?? 'PUBLISH_FAILED') as never).exit;
      }),
    );
  registerDestinations(publish);
  registerCalendar(publish);
  registerSettings(publish);
}
