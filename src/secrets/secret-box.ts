import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Igny8Error } from '../errors/index.js';

export interface SecretBox {
  /** Encrypt to "v1.<iv>.<tag>.<ciphertext>" (base64url parts). */
  encrypt(plain: string): string;
  /** Decrypt an envelope; SECRET_DECRYPT_FAILED when it was tampered with or sealed with another key. */
  decrypt(envelope: string): string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a fresh random IV per secret; the tag authenticates every byte.
 * @example const box = createSecretBox(key); box.decrypt(box.encrypt('sk-…')) // 'sk-…'
 */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) {
    throw new Igny8Error('SECRET_KEY_MISSING', `The master key must be 32 bytes (got ${key.length})`, {
      hint: 'Set IGNY8_MASTER_KEY to base64 of 32 random bytes or a passphrase, or delete a damaged key file.',
    });
  }
  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv, tag, data]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    decrypt(envelope) {
      const parts = typeof envelope === 'string' ? envelope.split('.') : [];
      try {
        if (parts.length !== 4 || parts[0] !== VERSION) throw new Error('not a v1 envelope');
        const [iv, tag, data] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
        if (iv!.length !== IV_BYTES || tag!.length !== TAG_BYTES) throw new Error('bad iv or tag length');
        const decipher = createDecipheriv('aes-256-gcm', key, iv!, { authTagLength: TAG_BYTES });
        decipher.setAuthTag(tag!);
        return Buffer.concat([decipher.update(data!), decipher.final()]).toString('utf8');
      } catch (cause) {
        throw new Igny8Error('SECRET_DECRYPT_FAILED', 'A stored secret could not be decrypted', {
          hint:
            'It was sealed with another master key or was altered. Restore the original key ' +
            '(IGNY8_MASTER_KEY or secrets.keyFile), or store the secret again (e.g. `igny8 providers set-key`).',
          cause,
        });
      }
    },
  };
}

/** A box whose key is loaded on first use, so commands that never touch a secret never need the key. */
export function createLazySecretBox(loadKey: () => Buffer): SecretBox {
  let box: SecretBox | undefined;
  const get = () => (box ??= createSecretBox(loadKey()));
  return {
    encrypt: (plain) => get().encrypt(plain),
    decrypt: (envelope) => get().decrypt(envelope),
  };
}
