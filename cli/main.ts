import { handleCliError } from './error-boundary.js';
import { createOutput } from './output.js';
import { createProgram } from './program.js';

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
    await createProgram().parseAsync(argv);
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
