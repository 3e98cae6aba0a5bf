import { describe, expect, it } from 'vitest';
import { classifyUserError } from './classify-error.js';
import { Igny8Error } from './igny8-error.js';

const sys = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${code} happened`), { code, ...extra });

// Issue 11: user-side problems printed a stack and "this is a bug".
describe('classifyUserError', () => {
  it.each([
    [sys('SQLITE_NOTADB'), 'DATABASE_CORRUPT', 8],
    [sys('SQLITE_CORRUPT'), 'DATABASE_CORRUPT', 8],
    [sys('SQLITE_READONLY_DIRECTORY'), 'PERMISSION_DENIED', 8],
    [sys('EACCES', { syscall: 'open', path: '/srv/x/igny8.db' }), 'PERMISSION_DENIED', 8],
    [sys('EROFS', { syscall: 'mkdir', path: '/ro' }), 'PERMISSION_DENIED', 8],
    [Object.assign(new Error('Aborted'), { name: 'AbortError', code: 'ABORT_ERR' }), 'INTERRUPTED', 130],
    [sys('EPIPE'), 'OUTPUT_CLOSED', 141],
    [
      new Igny8Error('DATABASE_UNAVAILABLE', 'Cannot open', { cause: sys('SQLITE_CANTOPEN') }),
      'PERMISSION_DENIED',
      8,
    ],
  ])('%s → %s (exit %d), a user error with a hint', (err, code, exit) => {
    const mapped = classifyUserError(err)!;
    expect(mapped.code).toBe(code);
    expect(mapped.exitCode).toBe(exit);
    expect(mapped.kind).toBe('user');
    expect(mapped.hint).toBeTruthy();
  });

  it('leaves bugs and other errors alone', () => {
    expect(classifyUserError(new TypeError('x is undefined'))).toBeUndefined();
    expect(classifyUserError(new Igny8Error('SITE_NOT_FOUND', 'no'))).toBeUndefined();
    expect(classifyUserError('text')).toBeUndefined();
  });
});
