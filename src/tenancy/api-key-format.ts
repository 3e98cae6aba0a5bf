import { createHash, randomBytes } from 'node:crypto';

const KEY_PATTERN = /^igny8_([0-9a-f]{8})_([0-9a-f]{48})$/;

/** A new key: "igny8_<8 hex prefix>_<48 hex secret>" (192 random bits), with what is stored of it. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(4).toString('hex');
  const key = `igny8_${prefix}_${randomBytes(24).toString('hex')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

/** SHA-256 hex of the whole key: a random secret needs no slow hash, and lookup by hash needs no compare. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Whether a string has the shape of an igny8 key (checked before touching the database). */
export function looksLikeApiKey(raw: string): boolean {
  return KEY_PATTERN.test(raw);
}
