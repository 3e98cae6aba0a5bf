import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/run-cli.js';
import { seedArticle } from '../../test/helpers/seed-content.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';

describe.each(DIALECTS)('igny8 tasks prompt on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('refuses a one-line override with the missing variables, then sets, shows and clears a valid one', async () => {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    const contentId = await seedArticle(t.db, tenant, 1, 'draft');
    const { task_id: taskId } = await t.db
      .selectFrom('contents')
      .select('task_id')
      .where('id', '=', contentId)
      .executeTakeFirstOrThrow();
    fs.writeFileSync(path.join(t.dir, 'igny8.config.json'), JSON.stringify({ database: { url: t.url } }));
    const cli = (args: string[], input?: string) =>
      runCli(args, { cwd: t.dir, input, env: { IGNY8_DATABASE_URL: undefined } });

    const bad = await cli(
      ['tasks', 'prompt', 'set', taskId!, '--file', '-', '--json'],
      'Write about {{title}}.',
    );
    expect(bad.code).toBe(2);
    const err = JSON.parse(bad.stdout).error;
    expect(err.code).toBe('PROMPT_MISSING_VARIABLES');
    expect(err.details.missing).toEqual(['focus_keyword', 'target_words', 'input_json']);

    const file = path.join(t.dir, 'task.md');
    fs.writeFileSync(
      file,
      'Write "{{title}}" for "{{focus_keyword}}" in {{target_words}} words.\n{{input_json}}\n',
    );
    const ok = await cli(['tasks', 'prompt', 'set', taskId!, '--file', file, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ taskId, function: 'generate_content', source: 'task' });
    const shown = JSON.parse((await cli(['tasks', 'prompt', 'show', taskId!, '--json'])).stdout);
    expect(shown).toMatchObject({ source: 'task', body: fs.readFileSync(file, 'utf8') });
    const cleared = await cli(['tasks', 'prompt', 'clear', taskId!, '--json']);
    expect(JSON.parse(cleared.stdout)).toEqual({ taskId, removed: true });
  }, 90_000);
});
