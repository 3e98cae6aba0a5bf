import type { Command } from 'commander';
import { action } from '../context.js';

export function registerCompletion(program: Command): void {
  program
    .command('completion <shell>')
    .description('print a shell completion script (bash, zsh or fish)')
    .action(
      action(async (ctx, shell: string) => {
        const { completionScript, SHELLS } = await import('../completion-script.js');
        if (!(SHELLS as readonly string[]).includes(shell)) {
          const { Igny8Error } = await import('../../src/errors/index.js');
          throw new Igny8Error('USAGE', `Unknown shell "${shell}"`, {
            hint: `Use one of: ${SHELLS.join(', ')}.`,
          });
        }
        let root = program;
        while (root.parent) root = root.parent;
        const script = completionScript(root, shell as (typeof SHELLS)[number]);
        if (ctx.out.json) ctx.out.result({ shell, script });
        else process.stdout.write(script);
      }),
    );
}
