import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/run-cli.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';

describe.each(DIALECTS)('igny8 site/sector --language on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('sets, canonicalizes and clears the language; refuses a tag that is not BCP 47', async () => {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    fs.writeFileSync(path.join(t.dir, 'igny8.config.json'), JSON.stringify({ database: { url: t.url } }));
    const cli = (args: string[]) =>
      runCli(args, { cwd: t.dir, env: { IGNY8_DATABASE_URL: undefined, IGNY8_ACCOUNT: undefined } });

    const shown = await cli(['site', 'show', tenant.siteId, '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout).language).toBe('en');

    const de = await cli(['site', 'update', tenant.siteId, '--language', 'DE-at', '--json']);
    expect(de.code, de.stderr).toBe(0);
    expect(JSON.parse(de.stdout).language).toBe('de-AT');

    const bad = await cli(['site', 'update', tenant.siteId, '--language', 'german_DE', '--json']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr + bad.stdout).toMatch(/VALIDATION_FAILED/);
    expect(bad.stderr + bad.stdout).toMatch(/language/);
    // Nothing was lost: the site keeps its language.
    expect(JSON.parse((await cli(['site', 'show', tenant.siteId, '--json'])).stdout).language).toBe('de-AT');

    const ja = await cli([
      'sector',
      'update',
      tenant.sectorId,
      '--site',
      tenant.siteId,
      '--language',
      'ja',
      '--json',
    ]);
    expect(ja.code, ja.stderr).toBe(0);
    expect(JSON.parse(ja.stdout)).toMatchObject({ id: tenant.sectorId, language: 'ja' });
    const list = await cli(['sector', 'list', '--site', tenant.siteId]);
    expect(list.stdout).toMatch(/\bja\b/);

    const cleared = await cli([
      'sector',
      'update',
      tenant.sectorId,
      '--site',
      tenant.siteId,
      '--language',
      'none',
      '--json',
    ]);
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(JSON.parse(cleared.stdout).language).toBeNull();
  }, 120_000);
});
