import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/index.js';
import { runCli } from '../../test/helpers/run-cli.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, type TestDb } from '../../test/helpers/test-db.js';

describe('igny8 backup', () => {
  let t: TestDb | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('copies the SQLite database while another connection writes, and refuses PostgreSQL with a pg_dump hint', async () => {
    t = await createTestDb('sqlite');
    await seedTenant(t.db, 'a');
    fs.writeFileSync(
      path.join(t.dir, 'igny8.config.json'),
      JSON.stringify({ database: { url: `sqlite:${path.join(t.dir, 'test.db')}` } }),
    );
    // Keep writing through the open handle while the CLI copies.
    let writing = true;
    const writes = (async () => {
      let n = 0;
      while (writing) {
        await t!.db
          .updateTable('accounts')
          .set({ name: `a${n++}` })
          .where('id', '=', 'acct-a')
          .execute();
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const r = await runCli(['backup', 'copies/one.db', '--json'], {
      cwd: t.dir,
      env: { IGNY8_DATABASE_URL: undefined },
    });
    writing = false;
    await writes;
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { file: string; bytes: number };
    expect(out.file).toBe(path.join(t.dir, 'copies/one.db'));
    const { default: SQLite } = await import('better-sqlite3');
    const copy = new SQLite(out.file, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('select id from accounts').pluck().all()).toEqual(['acct-a']);
    } finally {
      copy.close();
    }
    // Never overwrites.
    const again = await runCli(['backup', 'copies/one.db'], {
      cwd: t.dir,
      env: { IGNY8_DATABASE_URL: undefined },
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    await expect(backupDatabase('postgres://u@h/db', t.dir, 'x.db')).rejects.toMatchObject({
      code: 'USAGE',
      hint: expect.stringMatching(/pg_dump/),
    });
  }, 120_000);
});
