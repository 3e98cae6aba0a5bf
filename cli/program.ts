import { Command } from 'commander';
import { COMMANDS } from './commands/index.js';
import { COMMANDS_BY_NAME } from './commands/by-name.js';
import { addHelpExamples } from './help-examples.js';
import { VALUE_OPTIONS } from './unknown-command.js';

export const VERSION = '0.1.0';

/** Root options that take no value, besides the ones that print and exit (help, version). */
const FLAG_OPTIONS = new Set(['--json']);

/**
 * The command `args` (argv after the script) runs, when only root options come before it; undefined
 * for anything else (`--help`, `-v`, an unknown option), which needs every command declared.
 */
export function commandWord(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (FLAG_OPTIONS.has(a) || /^--(config|account)=/.test(a)) continue;
    else return a.startsWith('-') ? undefined : a;
  }
  return undefined;
}

/**
 * The commander program. Command modules register options only; their actions load the core lazily.
 * Given argv (after the script), it declares only the command argv runs, when it names one (P11);
 * every command otherwise, and always without argv.
 */
export function createProgram(args?: readonly string[]): Command {
  const program = new Command('igny8')
    .description('Turn keyword research into published, SEO-ready articles.')
    .version(VERSION, '-v, --version')
    .option('--json', 'print machine-readable JSON (NDJSON events for long runs)')
    .option('-c, --config <file>', 'config file (default: igny8.config.* found from the current folder)')
    .option('--account <id>', 'account to act for (default: the only account, or config.account)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.configureOutput({ outputError: (str, write) => write(str) });
  const word = args && commandWord(args);
  const registers = word && Object.hasOwn(COMMANDS_BY_NAME, word) ? COMMANDS_BY_NAME[word]! : COMMANDS;
  for (const register of registers) register(program);
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
