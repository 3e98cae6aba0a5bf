import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

/** Random, unguessable ids: a guessed id must never reach another tenant's row. */
export function newId(): string {
  return randomUUID();
}

let lastMs = 0;
let counter = 0;

/**
 * `n` UUIDv7 ids (RFC 9562): a 48-bit millisecond time, a 12-bit counter and 62 random bits, ascending
 * within the call and across calls in this process. For bulk inserts: rows handed ids in order append
 * to the primary-key index instead of touching a random page of it per row. Still unguessable (62
 * random bits), but they tell when a row was made, so newId stays the default.
 * @example timeOrderedIds(2) // ['0193a1b2-c3d4-7000-8f1e-…', '0193a1b2-c3d4-7001-a07c-…']
 */
export function timeOrderedIds(n: number): string[] {
  const random = randomBytes(8 * n);
  // Each id written as ASCII into one buffer and read back as one flat string: built from slices
  // and concatenations it was a tree of ~10 heap objects per id, 1.1 s and hundreds of MB of
  // garbage for a million-row import (P4).
  const text = Buffer.allocUnsafe(36 * n);
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const now = Date.now();
    // Past 4,096 ids in one millisecond the time runs ahead (RFC 9562 §6.2 method 1), keeping the order.
    if (now > lastMs) {
      lastMs = now;
      counter = 0;
    } else if (++counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
    const at = 36 * i;
    const r = 8 * i;
    // The 48-bit time as 8 + 4 digits (bitwise operators work on 32 bits).
    const low = lastMs >>> 0;
    hexDigits(text, at, Math.floor(lastMs / 0x1_0000_0000), 4);
    hexDigits(text, at + 4, low >>> 16, 4);
    text[at + 8] = DASH;
    hexDigits(text, at + 9, low & 0xffff, 4);
    text[at + 13] = DASH;
    text[at + 14] = 0x37; // '7'
    hexDigits(text, at + 15, counter, 3);
    text[at + 18] = DASH;
    hexDigits(text, at + 19, ((random[r]! & 0x3f) | 0x80) * 256 + random[r + 1]!, 4);
    text[at + 23] = DASH;
    hexDigits(text, at + 24, random.readUInt32BE(r + 2), 8);
    hexDigits(text, at + 32, random.readUInt16BE(r + 6), 4);
    out[i] = text.toString('latin1', at, at + 36);
  }
  return out;
}

const DASH = 0x2d;
const HEX = Buffer.from('0123456789abcdef', 'latin1');

/** `value` as `digits` lowercase hex digits (zero-padded) into buf at `at`. */
function hexDigits(buf: Buffer, at: number, value: number, digits: number): void {
  for (let d = digits - 1; d >= 0; d--) {
    buf[at + d] = HEX[value & 0xf]!;
    value >>>= 4;
  }
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
