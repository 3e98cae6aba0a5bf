import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { ConfigSchema } from '../config/index.js';
import { Igny8Error } from '../errors/index.js';
import { createModelRegistry } from './model-registry.service.js';

const config = (ai: Record<string, unknown> = {}) => ConfigSchema.parse({ ai });

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Igny8Error) return err.code;
    throw err;
  }
  throw new Error('expected an Igny8Error');
}

const textModel = {
  provider: 'openai',
  modelId: 'my-text',
  type: 'text' as const,
  inputPrice: 1,
  outputPrice: 2,
  tokensPerCredit: 500,
};

describe.each(DIALECTS)('model registry on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('seeds the bundled registry once, with one default text and one default image model', async () => {
    t = await createTestDb(dialect);
    const models = createModelRegistry(t.db, config());
    const first = await models.seed();
    expect(first.added).toBeGreaterThan(15);
    expect((await models.seed()).added).toBe(0);
    const all = await models.list({ includeInactive: true });
    expect(all).toHaveLength(first.added);
    expect(all.filter((m) => m.isDefault && m.type === 'text').map((m) => m.modelId)).toEqual(['gpt-5.1']);
    expect(all.filter((m) => m.isDefault && m.type === 'image').map((m) => m.modelId)).toEqual(['dall-e-3']);
    const mini = await models.get('openai:gpt-4o-mini');
    expect(mini).toMatchObject({ inputPrice: 0.15, outputPrice: 0.6, tokensPerCredit: 10_000, type: 'text' });
    expect(mini.capabilities).toContain('json_schema');
    expect(await models.get('google:4@2')).toMatchObject({
      creditsPerImage: 15,
      imagePrice: 0.14,
      provider: 'runware',
    });
    expect((await models.list({ provider: 'sandbox' })).map((m) => m.modelId).sort()).toEqual([
      'sandbox-image',
      'sandbox-text',
    ]);
  });

  it('never overwrites user edits when seeding again, and re-adds only missing rows', async () => {
    t = await createTestDb(dialect);
    const models = createModelRegistry(t.db, config());
    await models.seed();
    await models.update('gpt-4o', { outputPrice: 99, tokensPerCredit: 7 });
    await models.setDefault('openai:gpt-4o-mini');
    await t.db.deleteFrom('ai_models').where('model_id', '=', 'claude-haiku-4-5').execute();
    expect((await models.seed()).added).toBe(1);
    expect(await models.get('openai:gpt-4o')).toMatchObject({ outputPrice: 99, tokensPerCredit: 7 });
    expect((await models.defaultModel('text')).modelId).toBe('gpt-4o-mini');
    expect((await models.get('claude-haiku-4-5')).isDefault).toBe(false);
  });

  it('resolves a model by id, provider:model and a unique bare model id', async () => {
    t = await createTestDb(dialect);
    const models = createModelRegistry(t.db, config());
    await models.seed();
    const rw = await models.get('runware:97@1');
    expect(rw.provider).toBe('runware');
    expect((await models.get(rw.id)).modelId).toBe('runware:97@1');
    expect((await models.get('runware:runware:97@1')).id).toBe(rw.id);
    expect(await code(models.get('no-such-model'))).toBe('MODEL_NOT_FOUND');
    await models.add({ ...textModel, provider: 'openrouter', modelId: 'gpt-4o', tokensPerCredit: 1000 });
    expect(await code(models.get('gpt-4o'))).toBe('MODEL_AMBIGUOUS');
    expect((await models.get('openrouter:gpt-4o')).provider).toBe('openrouter');
  });

  it('validates added models: prices ≥ 0, tokensPerCredit > 0, sizes WxH, rates per type', async () => {
    t = await createTestDb(dialect);
    const models = createModelRegistry(t.db, config());
    expect(await code(models.add({ ...textModel, inputPrice: -1 }))).toBe('VALIDATION_FAILED');
    expect(await code(models.add({ ...textModel, tokensPerCredit: 0 }))).toBe('VALIDATION_FAILED');
    expect(await code(models.add({ ...textModel, tokensPerCredit: undefined }))).toBe('VALIDATION_FAILED');
    const image = {
      provider: 'bria',
      modelId: 'x',
      type: 'image' as const,
      creditsPerImage: 2,
      sizes: ['1024x1024'],
    };
    expect(await code(models.add({ ...image, sizes: ['big'] }))).toBe('VALIDATION_FAILED');
    expect(await code(models.add({ ...image, sizes: [] }))).toBe('VALIDATION_FAILED');
    expect(await code(models.add({ ...image, creditsPerImage: undefined }))).toBe('VALIDATION_FAILED');
    const err = await models.add({ ...textModel, outputPrice: -3 }).catch((e: Igny8Error) => e);
    expect((err as Igny8Error).fields).toHaveProperty('outputPrice');
    const added = await models.add({ ...image, displayName: 'Bria X' });
    expect(added).toMatchObject({
      displayName: 'Bria X',
      sizes: ['1024x1024'],
      active: true,
      isDefault: false,
    });
    expect(await code(models.add(image))).toBe('ALREADY_EXISTS');
    expect(await models.list({ includeInactive: true })).toHaveLength(1);
  });

  it('updates fields but keeps the type rules', async () => {
    t = await createTestDb(dialect);
    const models = createModelRegistry(t.db, config());
    await models.add(textModel);
    const updated = await models.update('openai:my-text', {
      cachedInputPrice: 0.5,
      capabilities: ['vision'],
      tier: 'basic',
    });
    expect(updated).toMatchObject({
      cachedInputPrice: 0.5,
      capabilities: ['vision'],
      tier: 'basic',
      inputPrice: 1,
    });
    expect((await models.update('my-text', { cachedInputPrice: null })).cachedInputPrice).toBeNull();
    expect(await code(models.update('my-text', { tokensPerCredit: null }))).toBe('VALIDATION_FAILED');
    expect(await code(models.update('my-text', {}))).toBe('VALIDATION_FAILED');
    expect(await code(models.update('my-text', { type: 'image' } as never))).toBe('VALIDATION_FAILED');
    expect((await models.get('my-text')).tokensPerCredit).toBe(500);
  });

  it('moves the default in one step and refuses to disable the default', async () => {
    t = await createTestDb(dialect);
    const models = createModelRegistry(t.db, config());
    await models.seed();
    expect(await code(models.setActive('gpt-5.1', false))).toBe('DEFAULT_MODEL_REQUIRED');
    await models.setActive('claude-opus-4-5', false);
    expect((await models.list()).some((m) => m.modelId === 'claude-opus-4-5')).toBe(false);
    const opus = await models.setDefault('anthropic:claude-opus-4-5');
    expect(opus).toMatchObject({ isDefault: true, active: true });
    const defaults = (await models.list({ includeInactive: true })).filter((m) => m.isDefault);
    expect(defaults.map((m) => `${m.type}:${m.modelId}`).sort()).toEqual([
      'image:dall-e-3',
      'text:claude-opus-4-5',
    ]);
    expect((await models.setActive('gpt-5.1', false)).active).toBe(false);
    expect((await models.defaultModel('text')).modelId).toBe('claude-opus-4-5');
  });

  it('keeps one default per type when set-default runs concurrently', async () => {
    t = await createTestDb(dialect);
    const models = createModelRegistry(t.db, config());
    await models.seed();
    const refs = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-5', 'gemini-2.5-pro', 'gpt-5-mini'];
    await Promise.all(refs.map((r) => models.setDefault(r)));
    const defaults = (await models.list({ type: 'text' })).filter((m) => m.isDefault);
    expect(defaults).toHaveLength(1);
    expect(refs).toContain(defaults[0]!.modelId);
  });

  it('honours config.ai.textModel / imageModel and per-function overrides', async () => {
    t = await createTestDb(dialect);
    await createModelRegistry(t.db, config()).seed();
    const plain = createModelRegistry(t.db, config());
    expect((await plain.defaultModel('image')).modelId).toBe('dall-e-3');
    expect((await plain.modelFor('generate_content', 'text')).modelId).toBe('gpt-5.1');
    const tuned = createModelRegistry(
      t.db,
      config({
        textModel: 'anthropic:claude-sonnet-4-5',
        imageModel: 'runware:97@1',
        functions: { auto_cluster: { model: 'gpt-4o-mini' } },
      }),
    );
    expect((await tuned.defaultModel('text')).modelId).toBe('claude-sonnet-4-5');
    expect((await tuned.defaultModel('image')).modelId).toBe('runware:97@1');
    expect((await tuned.modelFor('auto_cluster', 'text')).modelId).toBe('gpt-4o-mini');
    expect((await tuned.modelFor('generate_ideas', 'text')).modelId).toBe('claude-sonnet-4-5');
    expect(
      await code(createModelRegistry(t.db, config({ textModel: 'dall-e-3' })).defaultModel('text')),
    ).toBe('CONFIG_INVALID');
    expect(await code(createModelRegistry(t.db, config({ textModel: 'nope' })).defaultModel('text'))).toBe(
      'MODEL_NOT_FOUND',
    );
    await plain.setActive('gpt-4o', false);
    expect(await code(createModelRegistry(t.db, config({ textModel: 'gpt-4o' })).defaultModel('text'))).toBe(
      'MODEL_INACTIVE',
    );
  });

  it('says how to fix a registry without a default', async () => {
    t = await createTestDb(dialect);
    const err = await createModelRegistry(t.db, config())
      .defaultModel('text')
      .catch((e: Igny8Error) => e);
    expect(err).toBeInstanceOf(Igny8Error);
    expect((err as Igny8Error).code).toBe('DEFAULT_MODEL_REQUIRED');
    expect((err as Igny8Error).hint).toMatch(/models seed|set-default/);
  });

  it('seeds from another models.json and rejects one with two defaults of a type', async () => {
    t = await createTestDb(dialect);
    const file = path.join(t.dir, 'models.json');
    const row = (modelId: string, isDefault: boolean) => ({ ...textModel, modelId, isDefault });
    fs.writeFileSync(file, JSON.stringify({ models: [row('a', true), row('b', false)] }));
    const models = createModelRegistry(t.db, config(), { templatesFile: file });
    expect(await models.seed()).toEqual({ added: 2 });
    expect((await models.defaultModel('text')).modelId).toBe('a');
    fs.writeFileSync(file, JSON.stringify({ models: [row('c', true), row('d', true)] }));
    expect(await code(models.seed())).toBe('VALIDATION_FAILED');
    expect(await models.list()).toHaveLength(2);
  });
});
