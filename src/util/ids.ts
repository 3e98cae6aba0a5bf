import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

/** Random, unguessable ids: a guessed id must never reach another tenant's row. */
export function newId(): string {
  return randomUUID();
}

/** ISO-8601 UTC, the one timestamp format stored in both dialects (sorts as text). */
export function nowIso(date: Date = new Date()): string {
  return date.toISOString();
}

type Transliterate = (input: string) => string;
let transliterate: Transliterate | undefined;
// Loaded on first use: its character tables cost ~30 ms, which `igny8 --help` should not pay.
const translit = (): Transliterate =>
  (transliterate ??= (createRequire(import.meta.url)('transliteration') as { transliterate: Transliterate })
    .transliterate);

/**
 * URL slug of a title in any script: Cyrillic, Greek, Arabic and CJK are transliterated (so
 * "Как заварить кофе" gives "kak-zavarit-kofe", not a generic slug), then reduced to [a-z0-9-].
 * @example slugify('如何冲泡咖啡') // 'ru-he-chong-pao-ka-pei'
 */
export function slugify(input: string): string {
  const latin = /^[\u0020-\u007e]*$/.test(input) ? input : translit()(input);
  return (
    latin
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '') || 'item'
  );
}
