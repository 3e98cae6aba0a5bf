import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { Igny8Error } from '../errors/index.js';
import { createPromptService } from './prompt.service.js';
import { renderPrompt } from './render-prompt.js';

const CLUSTER = `<!-- variables:
  keywords: the keywords to cluster, one per line
  sector: the sector name
-->
Cluster these {{sector}} keywords:
{{keywords}}
`;
const IDEAS = `<!-- variables:
  cluster: the cluster name
-->
Ideas for {{cluster}}.
`;

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Igny8Error) return err.code;
    throw err;
  }
  return 'no error';
}

describe.each(DIALECTS)('prompt service on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function setup() {
    t = await createTestDb(dialect);
    const templatesDir = path.join(t.dir, 'prompts');
    fs.mkdirSync(templatesDir);
    fs.writeFileSync(path.join(templatesDir, 'auto_cluster.md'), CLUSTER);
    fs.writeFileSync(path.join(templatesDir, 'generate_ideas.md'), IDEAS);
    fs.writeFileSync(path.join(templatesDir, 'README.txt'), 'not a template');
    const a = { accountId: (await seedTenant(t.db, 'a')).accountId };
    const b = { accountId: (await seedTenant(t.db, 'b')).accountId };
    return { prompts: createPromptService(t.db, { templatesDir }), a, b };
  }

  it('lists the default templates with their variables', async () => {
    const { prompts, a } = await setup();
    expect(await prompts.list(a)).toEqual([
      { key: 'auto_cluster', source: 'default', version: 0, variables: ['keywords', 'sector'] },
      { key: 'generate_ideas', source: 'default', version: 0, variables: ['cluster'] },
    ]);
    const p = await prompts.get(a, 'auto_cluster');
    expect(p).toMatchObject({ source: 'default', version: 0, body: CLUSTER });
    expect(renderPrompt(p.body, { keywords: ['a', 'b'], sector: 'Shoes' })).toBe(
      'Cluster these Shoes keywords:\na\nb\n',
    );
  });

  it('resolves task override → account override → default, per account', async () => {
    const { prompts, a, b } = await setup();
    const mine = 'Group the {{sector}} list:\n{{keywords}}\n';
    expect(await prompts.set(a, 'auto_cluster', mine)).toMatchObject({
      source: 'account',
      version: 1,
      body: mine,
      variables: ['keywords', 'sector'],
    });
    expect((await prompts.get(a, 'auto_cluster')).body).toBe(mine);
    expect((await prompts.get(b, 'auto_cluster')).source).toBe('default');
    const task = await prompts.get(a, 'auto_cluster', 'Just {{keywords}}');
    expect(task).toMatchObject({ source: 'task', body: 'Just {{keywords}}' });
    expect((await prompts.get(a, 'auto_cluster', null)).source).toBe('account');
    expect((await prompts.get(a, 'auto_cluster', '  ')).source).toBe('account');
    expect((await prompts.list(a)).find((p) => p.key === 'auto_cluster')).toMatchObject({
      source: 'account',
      version: 1,
    });
    expect((await prompts.getDefault('auto_cluster')).body).toBe(CLUSTER);
  });

  it('bumps the version on each set and resets to the default', async () => {
    const { prompts, a } = await setup();
    await prompts.set(a, 'generate_ideas', 'v1 {{cluster}}');
    await prompts.set(a, 'generate_ideas', 'v2 {{cluster}}');
    const third = await prompts.set(a, 'generate_ideas', 'v3 {{cluster}}');
    expect(third).toMatchObject({ version: 3, body: 'v3 {{cluster}}' });
    expect(await t.db.selectFrom('prompts').select(['key', 'version']).execute()).toEqual([
      { key: 'generate_ideas', version: 3 },
    ]);
    expect(await prompts.reset(a, 'generate_ideas')).toEqual({ key: 'generate_ideas', removed: true });
    expect(await prompts.get(a, 'generate_ideas')).toMatchObject({ source: 'default', body: IDEAS });
    expect(await prompts.reset(a, 'generate_ideas')).toEqual({ key: 'generate_ideas', removed: false });
  });

  it('keeps the version count right under concurrent edits', async () => {
    const { prompts, a } = await setup();
    await Promise.all([1, 2, 3, 4, 5].map((n) => prompts.set(a, 'generate_ideas', `edit ${n} {{cluster}}`)));
    expect((await prompts.get(a, 'generate_ideas')).version).toBe(5);
  });

  it('refuses unknown keys, unknown placeholders and empty bodies, writing nothing', async () => {
    const { prompts, a } = await setup();
    expect(await code(prompts.get(a, 'no_such_prompt'))).toBe('PROMPT_NOT_FOUND');
    expect(await code(prompts.get(a, 'no_such_prompt', 'task text'))).toBe('PROMPT_NOT_FOUND');
    expect(await code(prompts.set(a, 'no_such_prompt', 'x'))).toBe('PROMPT_NOT_FOUND');
    expect(await code(prompts.reset(a, 'no_such_prompt'))).toBe('PROMPT_NOT_FOUND');
    expect(await code(prompts.get(a, '../etc/passwd'))).toBe('VALIDATION_FAILED');
    const err = await prompts
      .set(a, 'auto_cluster', 'Cluster {{keyword}} in {{sector}}')
      .catch((e: Igny8Error) => e);
    expect((err as Igny8Error).code).toBe('VALIDATION_FAILED');
    expect((err as Igny8Error).message).toContain('{{keyword}}');
    expect(await code(prompts.set(a, 'auto_cluster', '   \n'))).toBe('VALIDATION_FAILED');
    expect(await t.db.selectFrom('prompts').selectAll().execute()).toEqual([]);
  });
});
