import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../config/index.js';
import { Igny8Error } from '../errors/index.js';
import { loadMasterKey } from './master-key.js';
import { createSecretBox } from './secret-box.js';

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-key-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const config = (keyFile = './.igny8/master.key') => ConfigSchema.parse({ secrets: { keyFile } });

describe('master key', () => {
  it('creates the key file with mode 0600 in a 0700 folder, and reuses it', () => {
    const dir = tmp();
    const key = loadMasterKey(config(), dir, {});
    expect(key).toHaveLength(32);
    const file = path.join(dir, '.igny8/master.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(loadMasterKey(config(), dir, {}).equals(key)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['master.key']);
  });

  it('prefers IGNY8_MASTER_KEY: base64 of 32 bytes is the key itself', () => {
    const dir = tmp();
    const raw = randomBytes(32);
    expect(loadMasterKey(config(), dir, { IGNY8_MASTER_KEY: raw.toString('base64') }).equals(raw)).toBe(true);
    expect(fs.existsSync(path.join(dir, '.igny8'))).toBe(false);
  });

  it('derives a stable key from a passphrase, different per passphrase', () => {
    const dir = tmp();
    const a = loadMasterKey(config(), dir, { IGNY8_MASTER_KEY: 'correct horse battery staple' });
    const again = loadMasterKey(config(), dir, { IGNY8_MASTER_KEY: 'correct horse battery staple' });
    const b = loadMasterKey(config(), dir, { IGNY8_MASTER_KEY: 'correct horse battery stapler' });
    expect(a).toHaveLength(32);
    expect(a.equals(again)).toBe(true);
    expect(a.equals(b)).toBe(false);
    expect(() => loadMasterKey(config(), dir, { IGNY8_MASTER_KEY: 'short' })).toThrow(Igny8Error);
  });

  it('a secret sealed under one key cannot be opened with a key from another folder', () => {
    const sealed = createSecretBox(loadMasterKey(config(), tmp(), {})).encrypt('sk-abc');
    const other = createSecretBox(loadMasterKey(config(), tmp(), {}));
    expect(() => other.decrypt(sealed)).toThrow(expect.objectContaining({ code: 'SECRET_DECRYPT_FAILED' }));
  });

  it('reports a damaged key file instead of replacing it', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'k'), 'garbage\n', { mode: 0o600 });
    expect(() => loadMasterKey(config('./k'), dir, {})).toThrow(
      expect.objectContaining({ code: 'SECRET_KEY_MISSING' }),
    );
    expect(fs.readFileSync(path.join(dir, 'k'), 'utf8')).toBe('garbage\n');
  });
});
