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

/** German spells umlauts out in URLs ("Brühen" → "bruehen"), where stripping the dots would change the word. */
const GERMAN_LETTERS: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
  ß: 'ss',
};

/** WordPress keeps post slugs to 200 bytes once percent-encoded (3 bytes, 9 characters per kana). */
const MAX_ENCODED_SLUG = 200;

/**
 * A Unicode slug for Japanese: transliteration would read kanji as Chinese pinyin, so the words are
 * kept (lower-cased, NFKC, runs of anything but letters and digits turned into hyphens) and
 * WordPress stores them percent-encoded. Cut on a character, to fit the encoded limit.
 */
function unicodeSlug(input: string): string {
  const base = input
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  let out = '';
  for (const ch of base) {
    if (encodeURIComponent(out + ch).length > MAX_ENCODED_SLUG) break;
    out += ch;
  }
  return out.replace(/-+$/, '') || 'item';
}

/**
 * URL slug of a title in any script: Cyrillic, Greek, Arabic and Chinese are transliterated (so
 * "Как заварить кофе" gives "kak-zavarit-kofe", not a generic slug), then reduced to [a-z0-9-].
 * With a language: German umlauts are spelled out (ä → ae) and Japanese keeps a Unicode slug.
 * @example slugify('如何冲泡咖啡') // 'ru-he-chong-pao-ka-pei'
 * @example slugify('Kaffee brühen', 'de') // 'kaffee-bruehen'
 * @example slugify('コーヒーの淹れ方', 'ja') // 'コーヒーの淹れ方'
 */
export function slugify(input: string, language?: string | null): string {
  const lang = (language ?? '').toLowerCase().split('-')[0];
  if (lang === 'ja' && /[^\u0020-\u007e]/.test(input)) return unicodeSlug(input);
  if (lang === 'de') input = input.replace(/[äöüÄÖÜß]/g, (c) => GERMAN_LETTERS[c]!);
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
