import { randomBytes } from 'node:crypto';
import type { Algorithm, Options } from '@node-rs/argon2';

// Argon2id with OWASP's minimum: 19 MiB, 2 passes, 1 lane. (`2` is Algorithm.Argon2id; the enum is
// a const enum that isolated modules cannot read.)
const ARGON2: Options = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Hash a password with Argon2id (PHC string, salt included). */
export async function hashPassword(password: string): Promise<string> {
  const { hash } = await import('@node-rs/argon2');
  return hash(password, ARGON2);
}

/** Check a password against a stored hash; a malformed or missing hash never matches. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) return false;
  const { verify } = await import('@node-rs/argon2');
  try {
    return await verify(hash, password);
  } catch {
    return false;
  }
}

/** A random password (24 characters, 144 bits) for when the user did not choose one. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
