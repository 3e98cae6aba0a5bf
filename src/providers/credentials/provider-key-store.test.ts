import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { seedTenant } from '../../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../../test/helpers/test-db.js';
import { ConfigSchema } from '../../config/index.js';
import { Igny8Error } from '../../errors/index.js';
import { createSecretBox } from '../../secrets/index.js';
import { createProviderKeyStore } from './provider-key-store.service.js';

const OPENAI_KEY = 'sk-proj-THISISARAWKEY0000abcd1234';
const ANTHROPIC_KEY = 'sk-ant-api03-RAWANTHROPICKEY-zz99';

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Igny8Error) return err.code;
    throw err;
  }
  return 'no error';
}

describe.each(DIALECTS)('provider key store on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function setup(raw: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}) {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const b = await seedTenant(t.db, 'b');
    const secrets = createSecretBox(randomBytes(32));
    const config = ConfigSchema.parse(raw);
    const store = createProviderKeyStore(t.db, secrets, config, env);
    return { store, secrets, a: { accountId: a.accountId }, b: { accountId: b.accountId } };
  }

  it('stores keys encrypted and never returns them from list', async () => {
    const { store, a } = await setup();
    expect(await store.set(a, { provider: 'openai', key: OPENAI_KEY })).toEqual({
      provider: 'openai',
      name: 'default',
      last4: '1234',
    });
    await store.set(a, { provider: 'anthropic', key: ANTHROPIC_KEY, name: 'team' });
    const rows = await t.db.selectFrom('provider_credentials').selectAll().execute();
    expect(rows).toHaveLength(2);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(OPENAI_KEY);
    expect(stored).not.toContain('THISISARAWKEY');
    expect(stored).not.toContain(ANTHROPIC_KEY);
    const list = await store.list(a);
    expect(JSON.stringify(list)).not.toContain(OPENAI_KEY);
    expect(JSON.stringify(list)).not.toContain('THISISARAWKEY');
    expect(list).toEqual([
      { provider: 'anthropic', name: 'team', masked: 'sk-…zz99', source: 'database', inUse: true },
      { provider: 'openai', name: 'default', masked: 'sk-…1234', source: 'database', inUse: true },
    ]);
    expect(await store.resolve(a, 'openai')).toEqual({ key: OPENAI_KEY, source: 'database' });
    expect((await store.resolve(a, 'anthropic', 'team'))?.key).toBe(ANTHROPIC_KEY);
    expect(await store.resolve(a, 'anthropic')).toBeNull();
  });

  it('keeps accounts apart', async () => {
    const { store, a, b } = await setup();
    await store.set(a, { provider: 'openai', key: OPENAI_KEY });
    expect(await store.resolve(b, 'openai')).toBeNull();
    expect(await store.list(b)).toEqual([]);
    expect(await code(store.remove(b, 'openai'))).toBe('NOT_FOUND');
    expect((await store.resolve(a, 'openai'))?.key).toBe(OPENAI_KEY);
  });

  it('replaces a key in place and removes it', async () => {
    const { store, a } = await setup();
    await store.set(a, { provider: 'openai', key: OPENAI_KEY });
    await store.set(a, { provider: 'openai', key: 'sk-new-key-000000005678' });
    expect((await store.resolve(a, 'openai'))?.key).toBe('sk-new-key-000000005678');
    expect(await t.db.selectFrom('provider_credentials').select('last4').execute()).toEqual([
      { last4: '5678' },
    ]);
    await store.remove(a, 'openai');
    expect(await store.resolve(a, 'openai')).toBeNull();
    expect(await code(store.remove(a, 'openai'))).toBe('NOT_FOUND');
  });

  it('falls back to the environment and config, and a stored key shadows them', async () => {
    const env = { OPENAI_API_KEY: 'sk-from-env-000000009999', GEMINI_API_KEY: 'AIza-gemini-env-key-4444' };
    const { store, a } = await setup(
      {
        providers: {
          openai: { apiKey: env.OPENAI_API_KEY },
          runware: { apiKey: 'rw-config-key-00007777', baseUrl: 'http://127.0.0.1:9/rw' },
          compatible: {
            gemini: {
              baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai/',
              apiKeyEnv: 'GEMINI_API_KEY',
            },
            ollama: { baseUrl: 'http://localhost:11434/v1' },
          },
        },
      },
      env,
    );
    expect(await store.resolve(a, 'openai')).toEqual({ key: env.OPENAI_API_KEY, source: 'environment' });
    expect(await store.resolve(a, 'runware')).toEqual({
      key: 'rw-config-key-00007777',
      source: 'config',
      baseUrl: 'http://127.0.0.1:9/rw',
    });
    expect(await store.resolve(a, 'gemini')).toMatchObject({
      key: env.GEMINI_API_KEY,
      source: 'environment',
    });
    expect(await store.resolve(a, 'ollama')).toEqual({
      key: '',
      source: 'config',
      baseUrl: 'http://localhost:11434/v1',
    });
    expect(await store.resolve(a, 'bria')).toBeNull();
    expect(await store.resolve(a, 'openai', 'backup')).toBeNull();

    await store.set(a, { provider: 'openai', key: OPENAI_KEY });
    expect(await store.resolve(a, 'openai')).toEqual({ key: OPENAI_KEY, source: 'database' });
    const list = await store.list(a);
    const text = JSON.stringify(list);
    for (const secret of [OPENAI_KEY, env.OPENAI_API_KEY, env.GEMINI_API_KEY, 'rw-config-key-00007777'])
      expect(text).not.toContain(secret);
    expect(list.filter((k) => k.provider === 'openai')).toEqual([
      { provider: 'openai', name: 'default', masked: 'sk-…1234', source: 'database', inUse: true },
      { provider: 'openai', name: 'default', masked: 'sk-…9999', source: 'environment', inUse: false },
    ]);
    expect(list.find((k) => k.provider === 'ollama')).toMatchObject({ masked: '(none)', source: 'config' });
    expect(await code(store.remove(a, 'runware'))).toBe('NOT_FOUND');
  });

  it('stores a base URL and validates input', async () => {
    const { store, a } = await setup({
      providers: { compatible: { vllm: { baseUrl: 'http://10.0.0.5:8000/v1' } } },
    });
    await store.set(a, { provider: 'vllm', key: 'token-abcdefgh1111' });
    expect(await store.resolve(a, 'vllm')).toEqual({
      key: 'token-abcdefgh1111',
      source: 'database',
      baseUrl: 'http://10.0.0.5:8000/v1',
    });
    await store.set(a, {
      provider: 'openrouter',
      key: 'sk-or-v1-abcdef2222',
      baseUrl: 'https://openrouter.ai/api/v1',
    });
    expect((await store.resolve(a, 'openrouter'))?.baseUrl).toBe('https://openrouter.ai/api/v1');
    expect(await code(store.set(a, { provider: 'mystery', key: 'sk-abcdefgh3333' }))).toBe(
      'PROVIDER_NOT_CONFIGURED',
    );
    expect(await code(store.set(a, { provider: 'sandbox', key: 'sk-abcdefgh3333' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await code(store.set(a, { provider: 'openai', key: 'sk has spaces' }))).toBe('VALIDATION_FAILED');
    expect(await code(store.set(a, { provider: 'OpenAI', key: 'sk-abcdefgh3333' }))).toBe(
      'VALIDATION_FAILED',
    );
    const err = await store
      .set(a, { provider: 'openai', key: 'sk has spaces in it' })
      .catch((e: Igny8Error) => e);
    expect(JSON.stringify((err as Igny8Error).toJSON())).not.toContain('has spaces in it');
  });

  it('still lists a key the master key can no longer open, by its last four', async () => {
    const { store, a } = await setup();
    await store.set(a, { provider: 'openai', key: OPENAI_KEY });
    const other = createProviderKeyStore(t.db, createSecretBox(randomBytes(32)), ConfigSchema.parse({}), {});
    expect(await other.list(a)).toEqual([
      { provider: 'openai', name: 'default', masked: '…1234', source: 'database', inUse: true },
    ]);
    expect(await code(other.resolve(a, 'openai'))).toBe('SECRET_DECRYPT_FAILED');
  });
});
