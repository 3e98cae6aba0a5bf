import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGenerateContentInput } from '../../src/ai/index.js';
import { Igny8Error } from '../../src/errors/index.js';
import { importKeywords } from '../../src/planner/index.js';
import { sandboxRespond } from '../../src/providers/sandbox/index.js';
import { createFakeProviderServer, type FakeProviderServer } from '../../src/testing/index.js';
import { createAiKit, type AiKit } from './ai-kit.js';
import { FIXTURES } from '../helpers/project.js';
import { DIALECTS } from '../helpers/test-db.js';

async function failure(p: Promise<unknown>): Promise<Igny8Error> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Igny8Error) return err;
    throw err;
  }
  throw new Error('expected an Igny8Error');
}

const ONE_LINE = 'Write a great article about {{title}}.';
const MARKER = 'TASK-OVERRIDE-7f3a';

/**
 * Issue 18: an account whose writing prompt was overridden to one line got 48 of 53 articles
 * rejected after billed repairs. Overrides that drop a required variable are refused up front, and
 * a valid per-task override reaches the provider for that task only.
 */
describe.each(DIALECTS)('prompt overrides per task on %s', (dialect) => {
  let fake: FakeProviderServer;
  let kit: AiKit;
  let taskIds: string[] = [];
  beforeAll(async () => {
    fake = await createFakeProviderServer({ seed: 5, respond: (req) => sandboxRespond(req) });
    kit = await createAiKit(dialect, {
      credits: 100_000,
      config: {
        providers: { anthropic: { apiKey: 'sk-ant-fake-00000000000000', baseUrl: fake.url } },
        ai: { textModel: 'anthropic:claude-haiku-4-5' },
      },
    });
    const csv = fs.readFileSync(path.join(FIXTURES, 'semrush-coffee.csv'));
    await importKeywords(kit.core.db, kit.scope, { bytes: csv } as never);
    const site = { accountId: kit.scope.accountId, siteId: kit.scope.siteId };
    await kit.core.automation.start(site, { options: { stages: [1, 2], maxItemsPerStage: 1 } });
    await kit.core.automation.start(site, { options: { stages: [3] } });
    taskIds = (await kit.core.tasks.list(kit.scope)).items.map((t) => t.id);
  }, 120_000);
  afterAll(async () => {
    await kit?.close();
    await fake?.close();
  });

  it('refuses a one-line override, account-level or per task, naming the missing variables', async () => {
    expect(taskIds.length).toBeGreaterThanOrEqual(2);
    const missing = ['focus_keyword', 'target_words', 'input_json'];
    const account = await failure(kit.core.prompts.set(kit.scope, 'generate_content', ONE_LINE));
    expect(account.code).toBe('PROMPT_MISSING_VARIABLES');
    expect(account.details).toEqual({ key: 'generate_content', missing });
    expect(account.message).toContain('{{input_json}}');
    expect(Object.keys(account.fields ?? {})).toEqual(missing);
    const task = await failure(
      kit.core.tasks.prompt.set(kit.scope, taskIds[0]!, 'generate_content', ONE_LINE),
    );
    expect(task.code).toBe('PROMPT_MISSING_VARIABLES');
    expect(task.details).toEqual({ key: 'generate_content', missing });
    // Nothing stored by either refusal.
    expect((await kit.core.prompts.get(kit.scope, 'generate_content')).source).toBe('default');
    expect((await kit.core.tasks.get(kit.scope, taskIds[0]!)).hasPromptOverride).toBe(false);
    expect(
      (await failure(kit.core.tasks.prompt.set(kit.scope, taskIds[0]!, 'optimize_content', ONE_LINE))).code,
    ).toBe('VALIDATION_FAILED');
  });

  it('refuses at run time, before any call, an override stored before the check existed', async () => {
    const calls = fake.stats.calls;
    const input = await loadGenerateContentInput(kit.core.db, kit.scope, taskIds[0]!);
    const err = await failure(
      kit.core.ai.run(kit.scope, 'generate_content', input, { taskPromptOverride: ONE_LINE }),
    );
    expect(err.code).toBe('PROMPT_MISSING_VARIABLES');
    expect(err.message).toContain('task override');
    expect(fake.stats.calls).toBe(calls);
  });

  it('sends a valid task override to the provider for that task only, and records it', async () => {
    const def = await kit.core.prompts.getDefault('generate_content');
    const body = def.body.replace('Write the article', `${MARKER} Write the article`);
    const saved = await kit.core.tasks.prompt.set(kit.scope, taskIds[0]!, undefined, body);
    expect(saved).toMatchObject({ source: 'task', function: 'generate_content', taskId: taskIds[0] });
    expect(saved.required).toEqual(['title', 'focus_keyword', 'target_words', 'input_json']);
    expect((await kit.core.tasks.get(kit.scope, taskIds[0]!)).hasPromptOverride).toBe(true);
    expect((await kit.core.tasks.prompt.show(kit.scope, taskIds[1]!)).source).toBe('default');

    fake.resetStats();
    const site = { accountId: kit.scope.accountId, siteId: kit.scope.siteId };
    const run = await kit.core.automation.start(site, { options: { stages: [4] } });
    expect(run.status).toBe('completed');
    const bodies = fake.stats.log.map((c) => JSON.stringify(c.body ?? ''));
    expect(bodies.length).toBe(taskIds.length);
    expect(bodies.filter((b) => b.includes(MARKER))).toHaveLength(1);
    const rows = await kit.t.db.selectFrom('contents').select(['task_id', 'provenance']).execute();
    const sources = Object.fromEntries(rows.map((r) => [r.task_id, JSON.parse(r.provenance).promptSource]));
    expect(sources[taskIds[0]!]).toBe('task');
    expect(sources[taskIds[1]!]).toBe('default');

    expect(await kit.core.tasks.prompt.clear(kit.scope, taskIds[0]!)).toEqual({
      taskId: taskIds[0],
      removed: true,
    });
    expect(await kit.core.tasks.prompt.clear(kit.scope, taskIds[0]!)).toEqual({
      taskId: taskIds[0],
      removed: false,
    });
  }, 120_000);
});
