import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { ConfigSchema } from '../config/index.js';
import { Igny8Error } from '../errors/index.js';
import { PROVIDERS, servedKinds } from '../providers/providers.js';
import { createModelRegistry } from './model-registry.service.js';
import { loadModelTemplates } from './model-templates.js';

const config = () => ConfigSchema.parse({});
const imageModel = { type: 'image' as const, creditsPerImage: 2, sizes: ['1024x1024'] };

async function failure(p: Promise<unknown>): Promise<Igny8Error> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof Igny8Error)) throw new Error(`expected an Igny8Error, got ${String(err)}`);
  return err;
}

describe('every bundled model has a provider that serves its type', () => {
  it('templates/models.json: the Imagen rows are served by the native Gemini provider', () => {
    const rows = loadModelTemplates();
    for (const m of rows) expect(servedKinds(m.provider), `${m.provider}:${m.modelId}`).toContain(m.type);
    expect(rows.filter((m) => m.provider === 'gemini').map((m) => m.type)).toContain('image');
    expect(PROVIDERS.find((p) => p.id === 'gemini')?.serves).toEqual(['text', 'image']);
  });
});

describe.each(DIALECTS)('refusing models no provider can serve, on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('add, enable and set-default refuse an image model on a text-only provider; inactive add is allowed', async () => {
    t = await createTestDb(dialect);
    const models = createModelRegistry(t.db, config());
    const err = await failure(models.add({ provider: 'anthropic', modelId: 'claude-img', ...imageModel }));
    expect(err.code).toBe('PROVIDER_CANNOT_SERVE_TYPE');
    expect(err.message).toBe('anthropic:claude-img is an image model, but anthropic serves text only');
    expect(err.hint).toContain('openai, gemini, runware, bria, sandbox');
    expect(Object.keys(err.fields ?? {})).toEqual(['provider', 'type']);
    // An OpenAI-compatible endpoint serves chat only.
    expect((await failure(models.add({ provider: 'ollama', modelId: 'sd', ...imageModel }))).code).toBe(
      'PROVIDER_CANNOT_SERVE_TYPE',
    );
    expect((await models.list({ includeInactive: true })).length).toBe(0);

    const parked = await models.add({
      provider: 'anthropic',
      modelId: 'claude-img',
      ...imageModel,
      active: false,
    });
    expect(parked.active).toBe(false);
    expect((await failure(models.setActive('anthropic:claude-img', true))).code).toBe(
      'PROVIDER_CANNOT_SERVE_TYPE',
    );
    expect((await failure(models.setDefault('anthropic:claude-img'))).code).toBe(
      'PROVIDER_CANNOT_SERVE_TYPE',
    );
    expect((await models.get('anthropic:claude-img')).active).toBe(false);
    await expect(models.setActive('anthropic:claude-img', false)).resolves.toMatchObject({ active: false });

    const imagen = await models.add({ provider: 'gemini', modelId: 'imagen-x', ...imageModel });
    expect(imagen.active).toBe(true);
  });

  it('seed refuses a models.json with a row whose provider cannot serve it, and writes nothing', async () => {
    t = await createTestDb(dialect);
    const file = path.join(t.dir, 'models.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        models: [
          { provider: 'openai', modelId: 'ok-text', type: 'text', tokensPerCredit: 100, isDefault: true },
          { provider: 'runware', modelId: 'not-text', type: 'text', tokensPerCredit: 100 },
        ],
      }),
    );
    const models = createModelRegistry(t.db, config(), { templatesFile: file });
    const err = await failure(models.seed());
    expect([err.code, err.message]).toEqual([
      'PROVIDER_CANNOT_SERVE_TYPE',
      'runware:not-text is a text model, but runware serves image only',
    ]);
    expect(await models.list({ includeInactive: true })).toEqual([]);
  });
});
