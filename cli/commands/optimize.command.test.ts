import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/run-cli.js';
import { seedArticle } from '../../test/helpers/seed-content.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';

describe.each(DIALECTS)('igny8 optimize on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('dry-runs, saves the scrub with its diff, shows the diff again, and names an unknown id', async () => {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    const id = await seedArticle(t.db, tenant, 1, 'draft');
    const html = '<p>Moreover, cold brew coffee is a game-changer.</p><h2>Steep</h2><p>Steep long.</p>';
    await t.db.updateTable('contents').set({ html }).where('id', '=', id).execute();
    fs.writeFileSync(path.join(t.dir, 'igny8.config.json'), JSON.stringify({ database: { url: t.url } }));
    const cli = (args: string[]) => runCli(args, { cwd: t.dir, env: { IGNY8_DATABASE_URL: undefined } });

    const dry = await cli(['optimize', id, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run, not saved');
    expect(dry.stdout).toContain('"game-changer" → "big improvement"');
    expect(dry.stdout).toContain('-Moreover, cold brew coffee is a game-changer.');
    expect(dry.stdout).toContain('+Also, cold brew coffee is a big improvement.');
    const still = await t.db
      .selectFrom('contents')
      .select('html')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(still.html).toBe(html);

    const run = await cli(['optimize', id, '--json']);
    expect(run.code).toBe(0);
    const res = JSON.parse(run.stdout);
    expect(res).toMatchObject({ contentId: id, mode: 'scrub', saved: true, credits: 0 });
    expect(res.aiPhrases).toEqual(expect.arrayContaining(['moreover,', 'game-changer']));

    const shown = await cli(['optimize', id, '--show-diff']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('+Also, cold brew coffee is a big improvement.');

    const missing = await cli(['optimize', 'no-such-article', '--json']);
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stdout).error.code).toBe('CONTENT_NOT_FOUND');
  }, 90_000);
});
