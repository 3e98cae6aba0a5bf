import type { Output } from './output.js';

interface KnownError extends Error {
  code: string;
  message: string;
  hint?: string;
  exitCode: number;
  kind: 'user' | 'transient' | 'bug';
  toJSON(): Record<string, unknown>;
}

function isKnown(err: unknown): err is KnownError {
  return err instanceof Error && err.name === 'Igny8Error';
}

/**
 * The CLI's one error boundary. User and transient errors print one line and a hint; only bugs
 * print a stack and ask to be reported. Returns the exit code.
 */
export function handleCliError(
  err: unknown,
  out: Output,
  stderr: NodeJS.WritableStream = process.stderr,
): number {
  if (isKnown(err)) {
    if (out.json) process.stdout.write(`${JSON.stringify({ ok: false, error: err.toJSON() }, null, 2)}\n`);
    stderr.write(`error ${err.code}: ${err.message}\n`);
    if (err.hint) stderr.write(`hint: ${err.hint}\n`);
    if (err.kind === 'bug')
      stderr.write(`${err.stack ?? ''}\nThis is a bug in igny8; please report it with the lines above.\n`);
    return err.exitCode;
  }
  const commanderCode = (err as { code?: string }).code;
  if (typeof commanderCode === 'string' && commanderCode.startsWith('commander.')) {
    const raw = (err as { exitCode?: number }).exitCode ?? 2;
    const exitCode = raw === 0 ? 0 : 2; // usage errors share exit 2 with VALIDATION_FAILED
    if (out.json && exitCode !== 0) {
      process.stdout.write(
        `${JSON.stringify({ ok: false, error: { code: 'USAGE', message: (err as Error).message } }, null, 2)}\n`,
      );
    }
    return exitCode;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  if (out.json)
    process.stdout.write(
      `${JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: e.message } }, null, 2)}\n`,
    );
  stderr.write(
    `error INTERNAL: ${e.message}\n${e.stack ?? ''}\nThis is a bug in igny8; please report it with the lines above.\n`,
  );
  return 1;
}
