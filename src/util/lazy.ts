/**
 * A value made on first use and shared after: for heavy modules loaded with `import()` where they
 * are used, so a command that never calls a provider never pays for its SDK (P11). A failed make is
 * not remembered; the next call tries again.
 * @example const client = lazy(async () => new (await import('openai')).default({ apiKey }))
 */
export function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () =>
    (value ??= make().catch((err: unknown) => {
      value = undefined;
      throw err;
    }));
}
