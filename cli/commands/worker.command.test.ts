import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/index.js';
import { createModelRegistry } from '../../src/models/index.js';
import { runCli } from '../../test/helpers/run-cli.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';

describe.runIf(DIALECTS.includes('sqlite'))('igny8 worker and run --detach on SQLite', () => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('refuse with WORKERS_NEED_POSTGRES and a hint, and write no run', async () => {
    t = await createTestDb('sqlite');
    await seedTenant(t.db);
    await createModelRegistry(t.db, ConfigSchema.parse({})).seed();
    fs.writeFileSync(path.join(t.dir, 'igny8.config.json'), JSON.stringify({ database: { url: t.url } }));
    const cli = (args: string[]) =>
      runCli(args, { cwd: t.dir, env: { IGNY8_DATABASE_URL: undefined, IGNY8_ACCOUNT: undefined } });

    const worker = await cli(['worker', '--json']);
    expect(worker.code).toBe(8);
    expect(JSON.parse(worker.stdout).error.code).toBe('WORKERS_NEED_POSTGRES');
    expect(worker.stderr).toMatch(/hint: .*PostgreSQL/);

    const detach = await cli(['run', '--detach', '--json']);
    expect(detach.code, detach.stdout + detach.stderr).toBe(8);
    expect(JSON.parse(detach.stdout).error.code).toBe('WORKERS_NEED_POSTGRES');
    const runs = await t.db.selectFrom('automation_runs').select('id').execute();
    expect(runs).toEqual([]);
  });
});
