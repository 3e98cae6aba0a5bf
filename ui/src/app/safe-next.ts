/** A `?next=` path of this app, or null: never `//host` or `https://…`, which would leave it. */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}
