import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Igny8Config } from '../config/index.js';
import { Igny8Error } from '../errors/index.js';

/**
 * The JWT signing secret: config.server.jwtSecret, else a random secret kept in `jwt.key` beside the
 * master key file (created 0600 on first use, so tokens survive a restart) — on SQLite only: with
 * PostgreSQL (`shared`) the secret must come from the configuration every server shares.
 */
export function loadJwtSecret(config: Igny8Config, baseDir: string, shared = false): Uint8Array {
  if (config.server.jwtSecret) return new TextEncoder().encode(config.server.jwtSecret);
  // Several servers on one PostgreSQL database must accept each other's tokens: one shared secret.
  if (shared) {
    throw new Igny8Error(
      'SECRET_NOT_SHARED',
      'server.jwtSecret (IGNY8_JWT_SECRET) is not set; on PostgreSQL every server must sign tokens with the same secret',
      {
        hint: 'Set IGNY8_JWT_SECRET to the same random value (at least 32 characters, `openssl rand -base64 48`) on every server. See docs/self-hosting.md.',
      },
    );
  }
  const file = path.join(path.dirname(path.resolve(baseDir, config.secrets.keyFile)), 'jwt.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      // 'wx' fails if another process created it first; then we read theirs.
      fs.writeFileSync(file, randomBytes(48).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return new TextEncoder().encode(fs.readFileSync(file, 'utf8').trim());
}
