import type { Command } from 'commander';
import type { NotifyEventKind } from '../../src/index.js';
import { action } from '../context.js';
import { renderTable } from '../output.js';

interface AddFlags {
  webhook?: string;
  email?: string;
  secret?: string;
  events?: string;
}

export function registerNotify(program: Command): void {
  const notify = program.command('notify').description('where notifications go besides the dashboard bell');
  const channel = notify
    .command('channel')
    .description('notification channels: signed webhooks (Slack-compatible) and email over SMTP');

  channel
    .command('add <name>')
    .description('add a webhook (--webhook URL) or email (--email ADDRESS) channel')
    .option('--webhook <url>', 'POST each notification here, signed with HMAC-SHA256')
    .option('--email <address>', 'mail each notification here (needs mail.smtpUrl)')
    .option('--secret <secret>', 'webhook signing secret (default: generated and printed once)')
    .option(
      '--events <list>',
      'only these events: run.completed, run.completed_with_failures, run.failed, publish.failed, credits.low, schedule.slot_skipped',
    )
    .addHelpText(
      'after',
      `
Webhook requests carry x-igny8-timestamp and x-igny8-signature: sha256=<hex HMAC of "<timestamp>.<body>">.
Examples:
  $ igny8 notify channel add slack --webhook https://hooks.slack.com/services/T000/B000/XXXX
  $ igny8 notify channel add ops --email ops@example.com --events run.failed,publish.failed --json`,
    )
    .action(
      action(async (ctx, name: string, f: AddFlags) => {
        const { Igny8Error } = await import('../../src/index.js');
        if (Boolean(f.webhook) === Boolean(f.email))
          throw new Igny8Error('USAGE', 'Give exactly one of --webhook <url> or --email <address>', {
            hint: 'e.g. `igny8 notify channel add ops --email ops@example.com`',
          });
        const core = await ctx.core();
        const events = f.events?.split(',').map((e) => e.trim()) as NotifyEventKind[] | undefined;
        const c = await core.channels.add(
          { accountId: await ctx.accountId() },
          f.webhook
            ? { kind: 'webhook', name, url: f.webhook, secret: f.secret, events }
            : { kind: 'email', name, to: f.email!, events },
        );
        ctx.out.result(c, () =>
          [
            `channel ${c.name} (${c.kind} → ${c.target}) added`,
            ...(c.secret ? [`signing secret (shown once, keep it): ${c.secret}`] : []),
          ].join('\n'),
        );
      }),
    );

  channel
    .command('list')
    .description('channels and their last delivery')
    .addHelpText('after', '\nExamples:\n  $ igny8 notify channel list --json')
    .action(
      action(async (ctx) => {
        const core = await ctx.core();
        const items = await core.channels.list({ accountId: await ctx.accountId() });
        ctx.out.result({ items, total: items.length }, () =>
          items.length
            ? renderTable(
                items.map((c) => ({
                  id: c.id,
                  name: c.name,
                  kind: c.kind,
                  target: c.target,
                  events: c.events.length ? c.events.join(',') : 'all',
                  last: c.lastDelivery
                    ? `${c.lastDelivery.status}${c.lastDelivery.error ? `: ${c.lastDelivery.error}` : ''}`
                    : '',
                })),
              )
            : 'no channels (add one with `igny8 notify channel add`)',
        );
      }),
    );

  channel
    .command('test <channel>')
    .description('send a test message now; exits non-zero when it does not go out')
    .addHelpText('after', '\nExamples:\n  $ igny8 notify channel test slack')
    .action(
      action(async (ctx, ref: string) => {
        const core = await ctx.core();
        const r = await core.channels.test({ accountId: await ctx.accountId() }, ref);
        if (!r.ok) {
          const { Igny8Error } = await import('../../src/index.js');
          throw new Igny8Error(
            'NOTIFY_DELIVERY_FAILED',
            `The test message to "${ref}" did not go out: ${r.detail}`,
            {
              hint: 'Check the URL or address (and mail.smtpUrl for email), then test again.',
            },
          );
        }
        ctx.out.result(r, () => `ok: ${r.detail}`);
      }),
    );

  channel
    .command('remove <channel>')
    .description('delete a channel')
    .addHelpText('after', '\nExamples:\n  $ igny8 notify channel remove slack --json')
    .action(
      action(async (ctx, ref: string) => {
        const core = await ctx.core();
        await core.channels.remove({ accountId: await ctx.accountId() }, ref);
        ctx.out.result({ removed: ref }, () => `channel ${ref} removed`);
      }),
    );
}
