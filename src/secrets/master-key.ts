import { randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Igny8Config } from '../config/index.js';
import { Igny8Error } from '../errors/index.js';

// A fixed salt makes a passphrase derive the same key in every process; the passphrase is the secret.
const PASSPHRASE_SALT = 'igny8-master-key-v1';
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/**
 * The 32-byte master key: IGNY8_MASTER_KEY (base64 of 32 bytes, or any passphrase → scrypt) wins;
 * else config.secrets.keyFile, created with 32 random bytes (mode 0600, folder 0700) when missing —
 * except in PostgreSQL mode (`shared`), where processes on other machines could not read that file.
 */
export function loadMasterKey(
  config: Pick<Igny8Config, 'secrets'>,
  baseDir: string,
  env: NodeJS.ProcessEnv = process.env,
  /** PostgreSQL mode: every process must use the same key, so a local file is refused. */
  shared = false,
): Buffer {
  const fromEnv = env.IGNY8_MASTER_KEY;
  if (fromEnv !== undefined && fromEnv !== '') return keyFromEnv(fromEnv);
  if (shared) {
    throw new Igny8Error(
      'SECRET_NOT_SHARED',
      'IGNY8_MASTER_KEY is not set; on PostgreSQL every server and worker must use the same master key',
      {
        hint: 'Set IGNY8_MASTER_KEY to the same value on every process (`openssl rand -base64 32`; to keep secrets stored with a key file: IGNY8_MASTER_KEY="$(cat .igny8/master.key)"). See docs/self-hosting.md.',
      },
    );
  }
  return keyFromFile(path.resolve(baseDir, config.secrets.keyFile));
}

function keyFromEnv(value: string): Buffer {
  const raw = decodeKey(value);
  if (raw) return raw;
  if (value.length < 12) {
    throw new Igny8Error('SECRET_KEY_MISSING', 'IGNY8_MASTER_KEY is too short to be a safe passphrase', {
      hint: 'Use at least 12 characters, or base64 of 32 random bytes (`openssl rand -base64 32`).',
    });
  }
  return scryptSync(value, PASSPHRASE_SALT, 32, SCRYPT);
}

/** Base64 (or base64url) text of exactly 32 bytes, else null. */
function decodeKey(text: string): Buffer | null {
  const t = text.trim();
  if (!/^[A-Za-z0-9+/_-]{43}={0,2}$/.test(t)) return null;
  const buf = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return buf.length === 32 ? buf : null;
}

function keyFromFile(file: string): Buffer {
  let text: string;
  try {
    if (!fs.existsSync(file)) createKeyFile(file);
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new Igny8Error(
      'SECRET_KEY_MISSING',
      `Cannot read or create the master key file ${file}: ${(cause as Error).message}`,
      {
        hint: 'Make its folder writable, point secrets.keyFile (IGNY8_KEY_FILE) elsewhere, or set IGNY8_MASTER_KEY.',
        cause,
      },
    );
  }
  const key = decodeKey(text);
  if (!key) {
    throw new Igny8Error('SECRET_KEY_MISSING', `The master key file ${file} is damaged`, {
      hint: 'Restore it from a backup (it holds base64 of 32 bytes). Without it, stored secrets cannot be read.',
    });
  }
  return key;
}

function createKeyFile(file: string): void {
  const dir = path.dirname(file);
  const created = fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (created) fs.chmodSync(dir, 0o700);
  // Written under a temporary name and linked into place: a concurrent process either wins the link
  // or reads the winner's complete file, never a half-written one.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  fs.chmodSync(tmp, 0o600);
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
