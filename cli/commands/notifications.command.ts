import type { Command } from 'commander';
import { action } from '../context.js';
import { renderTable } from '../output.js';

export function registerNotifications(program: Command): void {
  const notifications = program
    .command('notifications')
    .description('account notifications (usage alerts, runs)');
  notifications
    .command('list')
    .description('newest first')
    .option('--unread', 'only unread ones')
    .option('--limit <n>', 'how many', '20')
    .option('--offset <n>', 'skip this many')
    .action(
      action(async (ctx, o: { unread?: boolean; limit: string; offset?: string }) => {
        const core = await ctx.core();
        const page = await core.notifications.list(
          { accountId: await ctx.accountId() },
          {
            unreadOnly: Boolean(o.unread),
            limit: Number(o.limit),
            offset: o.offset === undefined ? undefined : Number(o.offset),
          },
        );
        const rows = page.items.map((n) => ({
          id: n.id,
          when: n.createdAt.replace('T', ' ').slice(0, 19),
          level: n.level,
          read: n.read ? 'yes' : '',
          title: n.title,
          message: n.message,
        }));
        ctx.out.result(page, () => `${renderTable(rows)}\n(${page.items.length} of ${page.total})`);
      }),
    );
  notifications
    .command('read [ids...]')
    .description('mark notifications read (by id, or --all)')
    .option('--all', 'mark every notification read')
    .action(
      action(async (ctx, ids: string[], o: { all?: boolean }) => {
        const core = await ctx.core();
        const marked = await core.notifications.markRead(
          { accountId: await ctx.accountId() },
          o.all ? 'all' : ids,
        );
        ctx.out.result({ marked }, () => `marked ${marked} notification(s) read`);
      }),
    );
}
