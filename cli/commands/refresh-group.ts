import type { Command } from 'commander';

/**
 * The shared `igny8 refresh` command: candidates and merge plans (refresh-candidates.command.ts)
 * and refresh runs register their subcommands on it, whichever file registers first creates it.
 */
export function refreshGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'refresh') ??
    program
      .command('refresh')
      .description(
        'keep live posts ranking: candidates from Search Console, merge plans, refresh runs (rewrite in place, review, publish once), results',
      )
  );
}
