import type { Command } from 'commander';
import { action } from '../context.js';

/** `igny8 backup [file]`: an online copy of the SQLite database (PostgreSQL: pg_dump). */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('copy the SQLite database while it is in use (SQLite online backup; PostgreSQL: pg_dump)')
    .argument('[file]', 'where to write the copy (default: backups/igny8-<time>.db)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ igny8 backup\n  $ igny8 backup /srv/backups/igny8-nightly.db --json',
    )
    .action(
      action(async (ctx, file: string | undefined) => {
        const { config, baseDir } = await ctx.loadConfig();
        const { backupDatabase } = await import('../../src/index.js');
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const r = await backupDatabase(config.database.url, baseDir, file ?? `backups/igny8-${stamp}.db`);
        ctx.out.result(r, () => `backed up to ${r.file} (${r.bytes} bytes, ${r.pages} pages)`);
      }),
    );
}
