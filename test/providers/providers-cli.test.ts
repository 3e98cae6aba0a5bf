import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeProviderServer, type FakeProviderServer } from '../../src/testing/index.js';
import { runCli } from '../helpers/run-cli.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';

const GOOD = 'sk-cli-good-key-0123456789abcdef';
const WRONG = 'sk-ant-cli-wrong-key-0123456789';
const RUNWARE = 'rw-cli-key-0123456789abcdef';
const ARG_KEY = 'bria-cli-arg-key-0123456789abcdef';

let fake: FakeProviderServer;
let closedUrl: string;
beforeAll(async () => {
  fake = await createFakeProviderServer({ apiKeys: [GOOD, ARG_KEY] });
  const closed = await createFakeProviderServer();
  closedUrl = closed.url;
  await closed.close();
});
afterAll(async () => fake.close());

describe.each(DIALECTS)('igny8 providers on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('sets keys from stdin, lists them masked, tests them, and never prints a key', async () => {
    t = await createTestDb(dialect);
    await seedTenant(t.db);
    fs.writeFileSync(path.join(t.dir, 'igny8.config.json'), JSON.stringify({ database: { url: t.url } }));
    const env = {
      IGNY8_DATABASE_URL: undefined,
      IGNY8_MASTER_KEY: 'a test passphrase for the master key',
      OPENAI_API_KEY: undefined,
      ANTHROPIC_API_KEY: undefined,
      RUNWARE_API_KEY: undefined,
      BRIA_API_KEY: undefined,
      OPENAI_BASE_URL: undefined,
      ANTHROPIC_BASE_URL: undefined,
    };
    const outputs: string[] = [];
    const cli = async (args: string[], input?: string) => {
      const r = await runCli(args, { cwd: t.dir, env, input });
      outputs.push(r.stdout, r.stderr);
      return r;
    };

    const set = await cli(
      ['providers', 'set-key', 'openai', '--base-url', `${fake.url}/v1`, '--json'],
      `${GOOD}\n`,
    );
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ provider: 'openai', name: 'default', last4: 'cdef' });
    expect((await cli(['providers', 'set-key', 'anthropic', '-', '--base-url', fake.url], WRONG)).code).toBe(
      0,
    );
    expect((await cli(['providers', 'set-key', 'runware', '--base-url', closedUrl], RUNWARE)).code).toBe(0);
    const viaArg = await cli(['providers', 'set-key', 'bria', ARG_KEY, '--base-url', fake.url]);
    expect(viaArg.code).toBe(0);
    expect(viaArg.stderr).toContain('shell history');

    const list = await cli(['providers', 'list', '--json']);
    const rows = JSON.parse(list.stdout).items as Array<{ provider: string; masked: string; source: string }>;
    expect(rows.find((r) => r.provider === 'openai')).toMatchObject({
      masked: 'sk-…cdef',
      source: 'database',
    });
    const human = await cli(['providers', 'list']);
    expect(human.stdout).toMatch(/^PROVIDER\s+NAME\s+MASKED/m);
    expect(human.stdout).toContain('sk-…cdef');

    const ok = await cli(['providers', 'test', 'openai', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual([
      expect.objectContaining({ provider: 'openai', status: 'ok', masked: 'sk-…cdef', source: 'database' }),
    ]);

    const all = await cli(['providers', 'test', '--json']);
    const byProvider = Object.fromEntries(
      (JSON.parse(all.stdout) as Array<{ provider: string; status: string }>).map((r) => [
        r.provider,
        r.status,
      ]),
    );
    expect(byProvider).toEqual({
      anthropic: 'auth_failed',
      bria: 'ok',
      openai: 'ok',
      runware: 'unreachable',
    });
    expect(all.code).toBe(6);
    expect((await cli(['providers', 'test', 'runware'])).code).toBe(7);

    const empty = await cli(['providers', 'set-key', 'openai', '--json'], '');
    expect(empty.code).toBe(2);

    const everything = outputs.join('\n');
    for (const key of [GOOD, WRONG, RUNWARE, ARG_KEY]) expect(everything).not.toContain(key);
  });
});
