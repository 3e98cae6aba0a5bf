import { createHash, createHmac, randomBytes } from 'node:crypto';

/** A random, prefixed, URL-safe token (256 bits). Only its hash is ever stored. */
export function randomToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 hex: enough for random tokens, which need no slow hash (there is nothing to guess). */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * The refresh token that replaces `token` on rotation: an HMAC of it under the server secret, so the
 * same successor can be handed again to a concurrent refresh (another tab) without being stored,
 * and nobody without the old token can compute it.
 */
export function successorToken(secret: Uint8Array, token: string): string {
  return `igr_${createHmac('sha256', secret).update(`refresh-successor:${token}`).digest('base64url')}`;
}
