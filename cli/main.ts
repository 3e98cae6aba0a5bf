import { handleCliError } from './error-boundary.js';
import { createOutput } from './output.js';
import { createProgram } from './program.js';
import { commandNames, suggestCommands, unknownCommand } from './unknown-command.js';

/** Run the CLI with argv; resolves to the exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  // A reader that stops early (`igny8 keywords list | head`) closes our stdout: one line, no stack.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    void userError(err).then((mapped) => {
      process.exit(handleCliError(mapped ?? err, createOutput(false)));
    });
  });
  try {
    const program = createProgram(argv.slice(2));
    const unknown = unknownCommand(program, argv.slice(2));
    if (unknown) return usageError(unknown, suggestCommands(unknown, commandNames(program)), json);
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (err) {
    return handleCliError((await userError(err)) ?? err, createOutput(json));
  }
}

/** Problems on the user's side (damaged database, permissions, Ctrl-C at a prompt, closed pipe). */
async function userError(err: unknown) {
  const { classifyUserError } = await import('../src/errors/index.js');
  return classifyUserError(err);
}

/** An unknown command: exit 2, with the closest command names. */
function usageError(word: string, suggestions: string[], json: boolean): number {
  const message = `unknown command '${word}'`;
  const hint = suggestions.length
    ? `Did you mean ${suggestions.slice(0, 3).join(', ')}?`
    : 'Run `igny8 --help` for the commands.';
  if (json)
    process.stdout.write(
      `${JSON.stringify({ ok: false, error: { code: 'USAGE', message, hint } }, null, 2)}\n`,
    );
  process.stderr.write(`error USAGE: ${message}\nhint: ${hint}\n`);
  return 2;
}
