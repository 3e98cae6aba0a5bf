import { Igny8Error, isIgny8Error } from './igny8-error.js';

interface SystemLike {
  code?: unknown;
  name?: unknown;
  syscall?: unknown;
  path?: unknown;
  message?: unknown;
  cause?: unknown;
}

const PERMISSION_HINT =
  'Check that you can write to the folder and the database file (`ls -l`), or run igny8 in a folder you own.';

/**
 * Problems on the user's side that arrive as foreign errors (SQLite, the file system, a prompt, a
 * closed pipe), given their own code so no interface prints a stack and "this is a bug" for them.
 * Pure: returns the user-facing error, or undefined when the error is not one of these.
 * @example throw classifyUserError(err) ?? err
 */
export function classifyUserError(err: unknown): Igny8Error | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as SystemLike;
  const code = typeof e.code === 'string' ? e.code : '';
  const cause = (e.cause ?? {}) as SystemLike;
  if (isIgny8Error(err)) {
    // Opening a SQLite file the process may not create or write (read-only folder, foreign owner).
    if (err.code === 'DATABASE_UNAVAILABLE' && cause.code === 'SQLITE_CANTOPEN')
      return new Igny8Error('PERMISSION_DENIED', err.message, { hint: PERMISSION_HINT, cause: err });
    return undefined;
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new Igny8Error(
      'DATABASE_CORRUPT',
      `The database file is damaged or is not a database (${String(e.message)})`,
      {
        hint: 'Restore it from a backup, or move it aside and run `igny8 init` to start afresh (`sqlite3 <file> .recover` may save its data).',
        cause: err,
      },
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM')
    return new Igny8Error('PERMISSION_DENIED', `The database cannot be written: ${String(e.message)}`, {
      hint: PERMISSION_HINT,
      cause: err,
    });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    const what = typeof e.path === 'string' ? ` ${e.path}` : '';
    const op = typeof e.syscall === 'string' ? ` (${e.syscall})` : '';
    return new Igny8Error('PERMISSION_DENIED', `Permission denied${op}:${what || ' a file or folder'}`, {
      hint:
        code === 'EROFS' ? 'The file system is read-only; run igny8 in a writable folder.' : PERMISSION_HINT,
      cause: err,
    });
  }
  if (e.name === 'AbortError' || code === 'ABORT_ERR')
    return new Igny8Error('INTERRUPTED', 'Cancelled at the prompt; nothing was changed', {
      hint: 'Run the command again when ready, or pass every answer as flags (see --help).',
      cause: err,
    });
  if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED')
    return new Igny8Error(
      'OUTPUT_CLOSED',
      'The output was closed before igny8 finished writing (e.g. `| head`)',
      {
        hint: 'Use --limit, or pipe into a command that reads everything.',
        cause: err,
      },
    );
  return undefined;
}
