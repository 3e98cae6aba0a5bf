import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/run-cli.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { fixturePath } from '../../test/planner/keyword-fixtures.js';

/** Each CLI call starts a process through tsx: slow on a busy machine. */
const CLI_TEST_MS = 300_000;

describe.each(DIALECTS)('igny8 cluster on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function project() {
    t = await createTestDb(dialect);
    await seedTenant(t.db);
    fs.writeFileSync(path.join(t.dir, 'igny8.config.json'), JSON.stringify({ database: { url: t.url } }));
    return (args: string[]) =>
      runCli(args, {
        cwd: t.dir,
        env: {
          IGNY8_DATABASE_URL: undefined,
          IGNY8_ACCOUNT: undefined,
          OPENAI_API_KEY: '',
          ANTHROPIC_API_KEY: '',
          IGNY8_MASTER_KEY: 'test-master-key-0123456789',
        },
      });
  }

  it(
    'clusters locally, lists the clusters, and counts add up',
    async () => {
      const cli = await project();
      expect((await cli(['keywords', 'import', fixturePath('semrush-coffee.csv')])).code).toBe(0);
      const r = await cli([
        'cluster',
        '--site',
        'site-a',
        '--sector',
        'sector-a',
        '--method',
        'local',
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report).toMatchObject({ method: 'local', keywords: 80, credits: 0, dryRun: false });
      expect(report.clustered + report.unclustered).toBe(80);
      expect(report.clusters.reduce((s: number, c: { keywordCount: number }) => s + c.keywordCount, 0)).toBe(
        report.clustered,
      );

      const listed = JSON.parse(
        (await cli(['clusters', 'list', '--site', 'site-a', '--limit', '1000', '--json'])).stdout,
      );
      expect(listed.total).toBe(report.clusters.length);
      expect(listed.items.map((c: { id: string }) => c.id).sort()).toEqual(
        report.clusters.map((c: { id: string }) => c.id).sort(),
      );
      const volumes = listed.items.map((c: { volumeSum: number }) => c.volumeSum);
      expect(volumes).toEqual([...volumes].sort((a, b) => b - a));

      const human = await cli(['cluster']);
      expect(human.code, human.stderr).toBe(0);
      expect(human.stdout).toMatch(
        new RegExp(`^local clustering: ${report.unclustered} new keyword\\(s\\) → 0 cluster\\(s\\)`),
      );
    },
    CLI_TEST_MS,
  );

  it(
    'refuses an unknown method and an AI dry run with a hint',
    async () => {
      const cli = await project();
      const unknown = await cli(['cluster', '--method', 'magic']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(
        /Unknown clustering method "magic"[\s\S]*hint: Use --method local or --method ai/,
      );
      const dry = await cli(['cluster', '--method', 'ai', '--dry-run']);
      expect(dry.code).toBe(2);
      expect(dry.stderr).toMatch(/hint: .*igny8 run --dry-run/);
    },
    CLI_TEST_MS,
  );

  it(
    'clusters with AI (sandbox) in batches, charging credits',
    async () => {
      const cli = await project();
      expect((await cli(['models', 'seed'])).code).toBe(0);
      expect((await cli(['credits', 'grant', '100', '--pool', 'bonus'])).code).toBe(0);
      expect((await cli(['keywords', 'import', fixturePath('plain-list.txt')])).code).toBe(0);
      const r = await cli(['cluster', '--method', 'ai', '--batch-size', '10', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report).toMatchObject({ method: 'ai', keywords: 30, batches: 3 });
      expect(report.credits).toBeGreaterThan(0);
      expect(report.clustered).toBe(
        report.clusters.reduce((s: number, c: { keywordCount: number }) => s + c.keywordCount, 0),
      );
      const left = JSON.parse((await cli(['keywords', 'list', '--status', 'new', '--json'])).stdout);
      expect(left.total).toBe(30 - report.clustered);
    },
    CLI_TEST_MS,
  );
});
