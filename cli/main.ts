import { handleCliError } from './error-boundary.js';
import { createOutput } from './output.js';
import { createProgram } from './program.js';

/** Run the CLI with argv; resolves to the exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  try {
    await createProgram().parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (err) {
    return handleCliError(err, createOutput(json));
  }
}
