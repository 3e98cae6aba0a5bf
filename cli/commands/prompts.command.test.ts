import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/run-cli.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';

const TEMPLATE = `<!-- variables:
  keywords: the keywords to cluster, one per line
-->
Cluster these keywords:
{{keywords}}
`;

describe.each(DIALECTS)('igny8 prompts on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function project(): Promise<(args: string[], input?: string) => ReturnType<typeof runCli>> {
    t = await createTestDb(dialect);
    await seedTenant(t.db);
    fs.mkdirSync(path.join(t.dir, 'prompts'));
    fs.writeFileSync(path.join(t.dir, 'prompts', 'auto_cluster.md'), TEMPLATE);
    fs.writeFileSync(
      path.join(t.dir, 'igny8.config.json'),
      JSON.stringify({ database: { url: t.url }, prompts: { dir: './prompts' } }),
    );
    return (args, input) => runCli(args, { cwd: t.dir, input, env: { IGNY8_DATABASE_URL: undefined } });
  }

  it('lists, shows, edits from stdin or a file, and resets', async () => {
    const cli = await project();
    const list = await cli(['prompts', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).items).toEqual([
      { key: 'auto_cluster', source: 'default', version: 0, variables: ['keywords'] },
    ]);

    const show = await cli(['prompts', 'show', 'auto_cluster']);
    expect(show.stdout).toBe(`${TEMPLATE.trimEnd()}\n`);
    expect(show.stderr).toContain('# auto_cluster (default, version 0)');

    const fromStdin = await cli(
      ['prompts', 'edit', 'auto_cluster', '--file', '-', '--json'],
      'Group:\n{{keywords}}\n',
    );
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toMatchObject({ changed: true, source: 'account', version: 1 });

    const file = path.join(t.dir, 'mine.md');
    fs.writeFileSync(file, 'Cluster, carefully:\n{{keywords}}\n');
    const fromFile = await cli(['prompts', 'edit', 'auto_cluster', '--file', file]);
    expect(fromFile.stdout).toContain('version 2');
    expect((await cli(['prompts', 'show', 'auto_cluster'])).stdout).toBe(
      'Cluster, carefully:\n{{keywords}}\n',
    );
    expect((await cli(['prompts', 'show', 'auto_cluster', '--default'])).stdout).toContain(
      'Cluster these keywords:',
    );

    const reset = await cli(['prompts', 'reset', 'auto_cluster', '--json']);
    expect(JSON.parse(reset.stdout)).toEqual({ key: 'auto_cluster', removed: true });
    expect(JSON.parse((await cli(['prompts', 'show', 'auto_cluster', '--json'])).stdout).source).toBe(
      'default',
    );
  });

  it('needs --file without a terminal and rejects unknown placeholders', async () => {
    const cli = await project();
    const noTty = await cli(['prompts', 'edit', 'auto_cluster']);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toContain('USAGE');
    expect(noTty.stderr).toMatch(/hint: .*--file/);

    const typo = await cli(
      ['prompts', 'edit', 'auto_cluster', '--file', '-', '--json'],
      'Cluster {{keyword}}',
    );
    expect(typo.code).toBe(2);
    expect(JSON.parse(typo.stdout).error.message).toContain('{{keyword}}');

    const unknown = await cli(['prompts', 'show', 'no_such']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('PROMPT_NOT_FOUND');
  });
});
