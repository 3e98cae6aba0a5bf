import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/run-cli.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';

describe.each(DIALECTS)('igny8 site voice on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('sets the guide from flags, shows it as JSON, refuses a bad person, and clears it', async () => {
    t = await createTestDb(dialect);
    const { siteId } = await seedTenant(t.db);
    fs.writeFileSync(path.join(t.dir, 'igny8.config.json'), JSON.stringify({ database: { url: t.url } }));
    const cli = (args: string[]) => runCli(args, { cwd: t.dir, env: { IGNY8_DATABASE_URL: undefined } });

    const set = await cli([
      'site',
      'voice',
      'set',
      siteId,
      '--tone',
      'warm',
      '--person',
      'second',
      '--reading-level',
      '8',
      '--ban',
      'world-class',
      '--ban',
      'game changer',
      '--prefer',
      'espresso=expresso, coffee shot',
      '--json',
    ]);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout).guide).toEqual({
      tone: 'warm',
      person: 'second',
      readingLevel: 8,
      bannedPhrases: ['world-class', 'game changer'],
      preferredTerms: [{ term: 'espresso', insteadOf: ['expresso', 'coffee shot'] }],
    });
    const shown = JSON.parse((await cli(['site', 'voice', 'show', siteId, '--json'])).stdout);
    expect(shown.instructions).toContain('Say "espresso", not "expresso" or "coffee shot".');

    const bad = await cli(['site', 'voice', 'set', siteId, '--person', 'fourth', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error.code).toBe('VALIDATION_FAILED');

    const cleared = await cli(['site', 'voice', 'clear', siteId, '--json']);
    expect(JSON.parse(cleared.stdout).guide).toBeNull();
  }, 90_000);
});
