import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadJwtSecret } from '../auth/jwt-secret.js';
import { ConfigSchema } from '../config/index.js';
import { loadMasterKey } from './master-key.js';

describe('secrets in PostgreSQL mode come from shared configuration, never a local file', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-secrets-'));
    dirs.push(d);
    return d;
  };

  it('refuses to generate a master key file, and uses IGNY8_MASTER_KEY when set', () => {
    const dir = tmp();
    const config = ConfigSchema.parse({});
    let caught: unknown;
    try {
      loadMasterKey(config, dir, {}, true);
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'SECRET_NOT_SHARED', kind: 'user' });
    expect((caught as { hint: string }).hint).toMatch(/IGNY8_MASTER_KEY/);
    expect(fs.existsSync(path.join(dir, '.igny8'))).toBe(false);
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadMasterKey(config, dir, { IGNY8_MASTER_KEY: key }, true)).toEqual(Buffer.alloc(32, 7));
    // SQLite mode keeps the generated 0600 file.
    expect(loadMasterKey(config, dir, {}, false)).toHaveLength(32);
    expect(fs.existsSync(path.join(dir, '.igny8/master.key'))).toBe(true);
  });

  it('refuses a generated JWT secret; two processes with the configured secret agree', () => {
    const dir = tmp();
    expect(() => loadJwtSecret(ConfigSchema.parse({}), dir, true)).toThrow(/IGNY8_JWT_SECRET/);
    expect(fs.existsSync(path.join(dir, '.igny8/jwt.key'))).toBe(false);
    const config = ConfigSchema.parse({ server: { jwtSecret: 'x'.repeat(40) } });
    expect(loadJwtSecret(config, tmp(), true)).toEqual(loadJwtSecret(config, tmp(), true));
  });
});
