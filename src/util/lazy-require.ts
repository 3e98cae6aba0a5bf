import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on first use, synchronously: for heavy packages behind synchronous
 * functions (HTML sanitizing, Markdown, PNG), so a command that never calls them never loads them
 * (P11). Packages that ship only ES modules are loaded with `import()` where they are used instead.
 * @example const sanitize = lazyRequire<typeof import('sanitize-html')>('sanitize-html')
 */
export function lazyRequire<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= requireHere(id) as T);
}
