import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/run-cli.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';

describe.each(DIALECTS)('igny8 models on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function project(): Promise<(args: string[]) => ReturnType<typeof runCli>> {
    t = await createTestDb(dialect);
    await seedTenant(t.db);
    fs.writeFileSync(path.join(t.dir, 'igny8.config.json'), JSON.stringify({ database: { url: t.url } }));
    return (args) =>
      runCli(args, { cwd: t.dir, env: { IGNY8_DATABASE_URL: undefined, IGNY8_TEXT_MODEL: undefined } });
  }

  it('seeds, lists, and refuses to disable the default with a hint', async () => {
    const cli = await project();
    const seeded = await cli(['models', 'seed', '--json']);
    expect(seeded.code).toBe(0);
    expect(JSON.parse(seeded.stdout).added).toBeGreaterThan(15);

    const images = await cli(['models', 'list', '--type', 'image', '--json']);
    const list = JSON.parse(images.stdout).items as Array<{
      type: string;
      modelId: string;
      isDefault: boolean;
    }>;
    expect(list.every((m) => m.type === 'image')).toBe(true);
    expect(list.filter((m) => m.isDefault).map((m) => m.modelId)).toEqual(['dall-e-3']);

    const human = await cli(['models', 'list', '--provider', 'openai']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^REF\s+TYPE/m);
    expect(human.stdout).toMatch(
      /openai:gpt-4o-mini\s+text\s+basic\s+\$0\.15\/\$0\.6 per 1M\s+1 per 10000 tokens/,
    );

    const refused = await cli(['models', 'disable', 'gpt-5.1', '--json']);
    expect(refused.code).toBe(4);
    expect(JSON.parse(refused.stdout).error.code).toBe('DEFAULT_MODEL_REQUIRED');
    expect(refused.stderr).toMatch(/hint: .*set-default/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });

  it('adds, updates, moves the default and disables models', async () => {
    const cli = await project();
    await cli(['models', 'seed']);
    const bad = await cli([
      'models',
      'add',
      '--provider',
      'openai',
      '--model',
      'm1',
      '--type',
      'text',
      '--tokens-per-credit',
      '500',
      '--input-price',
      '-1',
      '--json',
    ]);
    expect(bad.code).toBe(2);
    // Named as the user typed it (issue 11: validation messages name the flag).
    expect(JSON.parse(bad.stdout).error.errors).toHaveProperty(['--input-price']);

    const add = await cli([
      'models',
      'add',
      '--provider',
      'openai',
      '--model',
      'm1',
      '--type',
      'text',
      '--name',
      'My model',
      '--input-price',
      '1',
      '--output-price',
      '2',
      '--cached-input-price',
      '0.5',
      '--tokens-per-credit',
      '500',
      '--context-window',
      '64000',
      '--max-output',
      '8000',
      '--capabilities',
      'json_schema,vision',
      '--tier',
      'basic',
      '--json',
    ]);
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({
      provider: 'openai',
      modelId: 'm1',
      displayName: 'My model',
      inputPrice: 1,
      outputPrice: 2,
      cachedInputPrice: 0.5,
      tokensPerCredit: 500,
      contextWindow: 64000,
      maxOutput: 8000,
      capabilities: ['json_schema', 'vision'],
      tier: 'basic',
      active: true,
    });

    const upd = await cli([
      'models',
      'update',
      'openai:m1',
      '--output-price',
      '3',
      '--cached-input-price',
      'none',
      '--json',
    ]);
    expect(JSON.parse(upd.stdout)).toMatchObject({ outputPrice: 3, cachedInputPrice: null, inputPrice: 1 });

    const def = await cli(['models', 'set-default', 'm1']);
    expect(def.stdout).toContain('openai:m1 is now the default text model');
    expect(JSON.parse((await cli(['models', 'show', 'gpt-5.1', '--json'])).stdout).isDefault).toBe(false);

    expect((await cli(['models', 'disable', 'gpt-5.1'])).code).toBe(0);
    expect((await cli(['models', 'list', '--type', 'text'])).stdout).not.toContain('gpt-5.1');
    expect((await cli(['models', 'list', '--type', 'text', '--all'])).stdout).toContain('gpt-5.1');
    const missing = await cli(['models', 'show', 'nope']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('MODEL_NOT_FOUND');
  });
});
