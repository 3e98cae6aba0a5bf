import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Igny8Error } from '../errors/index.js';
import { createLazySecretBox, createSecretBox } from './secret-box.js';

function decryptCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof Igny8Error) return err.code;
    throw err;
  }
  return 'no error';
}

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips any text, with a fresh IV each time', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (plain) => {
        expect(box.decrypt(box.encrypt(plain))).toBe(plain);
      }),
    );
    const a = box.encrypt('sk-same');
    const b = box.encrypt('sk-same');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain('sk-same');
  });

  it('detects tampering with any part of the envelope', () => {
    const envelope = box.encrypt('sk-live-0123456789abcdef');
    const parts = envelope.split('.');
    for (const i of [1, 2, 3]) {
      const raw = Buffer.from(parts[i]!, 'base64url');
      raw[0] = raw[0]! ^ 0x01;
      const tampered = parts.map((p, j) => (j === i ? raw.toString('base64url') : p)).join('.');
      expect(decryptCode(() => box.decrypt(tampered))).toBe('SECRET_DECRYPT_FAILED');
    }
    expect(decryptCode(() => box.decrypt('v2' + envelope.slice(2)))).toBe('SECRET_DECRYPT_FAILED');
    expect(decryptCode(() => box.decrypt('not an envelope'))).toBe('SECRET_DECRYPT_FAILED');
  });

  it('refuses to decrypt with another key, with a hint and no plaintext', () => {
    const envelope = box.encrypt('sk-secret-value-9876');
    const other = createSecretBox(randomBytes(32));
    let err: unknown;
    try {
      other.decrypt(envelope);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Igny8Error);
    expect((err as Igny8Error).code).toBe('SECRET_DECRYPT_FAILED');
    expect((err as Igny8Error).hint).toMatch(/master key/);
    expect(JSON.stringify((err as Igny8Error).toJSON())).not.toContain('sk-secret-value-9876');
  });

  it('needs a 32-byte key', () => {
    expect(decryptCode(() => createSecretBox(randomBytes(16)))).toBe('SECRET_KEY_MISSING');
  });

  it('loads the key lazily, once', () => {
    let loads = 0;
    const key = randomBytes(32);
    const lazy = createLazySecretBox(() => {
      loads++;
      return key;
    });
    expect(loads).toBe(0);
    const envelope = lazy.encrypt('x');
    expect(lazy.decrypt(envelope)).toBe('x');
    expect(createSecretBox(key).decrypt(envelope)).toBe('x');
    expect(loads).toBe(1);
  });
});
