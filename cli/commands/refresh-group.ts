import type { Command } from 'commander';

/**
 * The `refresh` command group, created by whichever refresh command file registers first (the run,
 * review and results commands; the candidates and merge-plan commands) and shared by the others.
 */
export function refreshGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'refresh') ??
    program
      .command('refresh')
      .description(
        'keep live posts ranking: refresh an existing post in place (rewrite, review, publish once), candidates, results',
      )
  );
}
