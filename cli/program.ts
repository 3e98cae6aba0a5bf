import { Command } from 'commander';
import { COMMANDS } from './commands/index.js';
import { addHelpExamples } from './help-examples.js';

export const VERSION = '0.1.0';

/** The commander program. Command modules register options only; their actions load the core lazily. */
export function createProgram(): Command {
  const program = new Command('igny8')
    .description('Turn keyword research into published, SEO-ready articles.')
    .version(VERSION, '-v, --version')
    .option('--json', 'print machine-readable JSON (NDJSON events for long runs)')
    .option('-c, --config <file>', 'config file (default: igny8.config.* found from the current folder)')
    .option('--account <id>', 'account to act for (default: the only account, or config.account)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.configureOutput({ outputError: (str, write) => write(str) });
  for (const register of COMMANDS) register(program);
  addHelpExamples(program);
  // Every subcommand throws instead of exiting, so the one boundary decides the exit code.
  const walk = (cmd: Command) => {
    for (const sub of cmd.commands) {
      sub.exitOverride();
      walk(sub);
    }
  };
  walk(program);
  return program;
}
