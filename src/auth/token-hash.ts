import { createHash, randomBytes } from 'node:crypto';

/** A random, prefixed, URL-safe token (256 bits). Only its hash is ever stored. */
export function randomToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 hex: enough for random tokens, which need no slow hash (there is nothing to guess). */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
