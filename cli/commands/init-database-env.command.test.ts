import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/run-cli.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';

const SLOW = 180_000;

describe.runIf(DIALECTS.includes('postgres'))('igny8 init --database postgres://user:password@…', () => {
  let t: TestDb | undefined;
  let dir: string;
  afterEach(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'keeps the password out of igny8.config.ts, references IGNY8_DATABASE_URL and says so',
    async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-init-pg-'));
      t = await createTestDb('postgres', { migrate: false });
      const u = new URL(t.url);
      u.password = 'S3cret-pw-in-url'; // the test server trusts loopback, so any password works
      const env = { IGNY8_DATABASE_URL: undefined, IGNY8_ACCOUNT: undefined };
      const init = await runCli(['init', '--yes', '--database', u.toString()], { cwd: dir, env });
      expect(init.code, init.stderr).toBe(0);
      const file = fs.readFileSync(path.join(dir, 'igny8.config.ts'), 'utf8');
      expect(file).not.toContain('S3cret-pw-in-url');
      expect(file).toContain('process.env.IGNY8_DATABASE_URL');
      expect(init.stdout).toMatch(/password is not in igny8\.config\.ts: set IGNY8_DATABASE_URL/);
      expect(init.stdout + init.stderr).not.toContain('S3cret-pw-in-url');
      // The file alone still reaches the database (the password-less URL; PGPASSWORD or trust)…
      const sites = await runCli(['site', 'list', '--json'], { cwd: dir, env });
      expect(sites.code, sites.stderr).toBe(0);
      // …and the environment, when set, wins.
      const wrong = new URL(t.url);
      wrong.pathname = '/igny8_no_such_db';
      const missing = await runCli(['site', 'list'], {
        cwd: dir,
        env: { ...env, IGNY8_DATABASE_URL: wrong.toString() },
      });
      // A missing database is the user's to fix: its own code, one line and a hint, no stack.
      expect(missing.code).toBe(8);
      expect(missing.stderr).toMatch(/^error DATABASE_NOT_FOUND: .*igny8_no_such_db.*\nhint: .*createdb/);
      expect(missing.stderr).not.toMatch(/bug in igny8|\n\s+at /);
      const refused = new URL(t.url);
      refused.port = '1';
      const down = await runCli(['site', 'list'], {
        cwd: dir,
        env: { ...env, IGNY8_DATABASE_URL: refused.toString() },
      });
      expect(down.code).toBe(7);
      expect(down.stderr).toMatch(/^error DATABASE_UNAVAILABLE: /);
      expect(down.stderr).not.toMatch(/bug in igny8/);
    },
    SLOW,
  );
});
