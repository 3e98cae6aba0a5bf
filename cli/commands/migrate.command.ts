import type { Command } from 'commander';
import { action } from '../context.js';

export function registerMigrate(program: Command): void {
  const migrate = program.command('migrate').description('apply or undo database migrations');
  migrate
    .command('up')
    .description('apply every pending migration')
    .action(
      action(async (ctx) => {
        const core = await ctx.core({ requireMigrated: false });
        const { migrateUp } = await import('../../src/index.js');
        const applied = await migrateUp(core.db);
        ctx.out.result({ applied, database: core.dbDisplayUrl }, () =>
          applied.length
            ? `applied ${applied.join(', ')} to ${core.dbDisplayUrl}`
            : `up to date (${core.dbDisplayUrl})`,
        );
      }),
    );
  migrate
    .command('down')
    .description('undo the latest migration (--all: every migration; deletes data)')
    .option('--all', 'undo every migration')
    .action(
      action(async (ctx, opts: { all?: boolean }) => {
        const core = await ctx.core({ requireMigrated: false });
        const { migrateDown } = await import('../../src/index.js');
        const reverted = await migrateDown(core.db, Boolean(opts.all));
        ctx.out.result({ reverted, database: core.dbDisplayUrl }, () =>
          reverted.length ? `reverted ${reverted.join(', ')}` : 'nothing to revert',
        );
      }),
    );
  migrate
    .command('status')
    .description('list migrations and whether each is applied')
    .action(
      action(async (ctx) => {
        const core = await ctx.core({ requireMigrated: false });
        const { migrationStatus } = await import('../../src/index.js');
        const status = await migrationStatus(core.db);
        ctx.out.result({ database: core.dbDisplayUrl, migrations: status }, () =>
          status
            .map(
              (m) =>
                `${m.executedAt ? 'applied' : 'pending'}  ${m.name}${m.executedAt ? `  ${m.executedAt}` : ''}`,
            )
            .join('\n'),
        );
      }),
    );
}
