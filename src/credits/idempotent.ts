import { Igny8Error, isIgny8Error } from '../errors/index.js';
import { isUniqueViolation } from './db-errors.js';

/**
 * Run a ledger operation at most once per operation id. `lookup` finds the recorded result of an
 * earlier run. It is asked first (the cheap replay), and again after a failure that a concurrent
 * twin explains: the unique index refused our row because the twin committed first, or the twin
 * spent the credits we were guarding. By then the twin's transaction has committed (we waited on
 * its locks), so its result is visible and becomes ours; our own transaction was rolled back.
 */
export async function idempotent<T>(
  opId: string,
  lookup: () => Promise<T | undefined>,
  run: () => Promise<T>,
): Promise<T> {
  const first = await lookup();
  if (first !== undefined) return first;
  try {
    return await run();
  } catch (err) {
    const twin = isUniqueViolation(err) || (isIgny8Error(err) && err.code === 'INSUFFICIENT_CREDITS');
    if (!twin) throw err;
    const again = await lookup();
    if (again !== undefined) return again;
    if (!isUniqueViolation(err)) throw err;
    throw new Igny8Error('CONFLICT', `Operation id "${opId}" was already used by a different operation`, {
      hint: 'Use a new operation id for a new operation.',
      cause: err,
    });
  }
}
