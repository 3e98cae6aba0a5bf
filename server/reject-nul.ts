import { Igny8Error } from '../src/index.js';

/** Dotted paths of every string holding a NUL character (bounded depth). */
function nulPaths(value: unknown, path: string, out: string[], depth = 0): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(path);
  } else if (value && typeof value === 'object' && depth < 20) {
    for (const [k, v] of Object.entries(value)) nulPaths(v, path ? `${path}.${k}` : k, out, depth + 1);
  }
}

/**
 * Refuse NUL characters anywhere in a request: PostgreSQL cannot store them in text, and no field of
 * ours has a use for one. Without this, such input would fail deep in a query as a 500.
 */
export function rejectNul(input: Record<string, unknown>): void {
  const paths: string[] = [];
  for (const value of Object.values(input)) nulPaths(value, '', paths);
  if (paths.length === 0) return;
  throw new Igny8Error(
    'VALIDATION_FAILED',
    `Invalid input — ${paths[0] || 'body'}: contains a NUL character`,
    {
      fields: Object.fromEntries(paths.map((p) => [p, ['must not contain a NUL (\\u0000) character']])),
    },
  );
}
