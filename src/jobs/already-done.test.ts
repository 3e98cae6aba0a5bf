import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../core.js';
import { RunOptionsSchema } from '../automation/run-options.schema.js';
import type { StageContext } from '../automation/stage-context.js';
import { stage4Write } from '../automation/stages/stage-4-write.js';
import { seedArticle } from '../../test/helpers/seed-content.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';

describe.each(DIALECTS)('a unique conflict with a finished article is "already done" (%s)', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('stage 4 counts the task done, not failed, when another process saved its article first', async () => {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db, 'a');
    const contentId = await seedArticle(t.db, tenant, 1, 'draft');
    const { task_id: taskId } = await t.db
      .selectFrom('contents')
      .select('task_id')
      .where('id', '=', contentId)
      .executeTakeFirstOrThrow();
    await t.db.updateTable('tasks').set({ status: 'queued' }).where('id', '=', taskId!).execute();
    // The "provider call": meanwhile another process finishes the task, so our insert of its
    // article meets contents_task_id_key, as PostgreSQL and SQLite report it.
    const run = async () => {
      await t.db.updateTable('tasks').set({ status: 'done' }).where('id', '=', taskId!).execute();
      throw Object.assign(
        new Error('duplicate key value violates unique constraint "contents_task_id_key"'),
        {
          code: dialect === 'postgres' ? '23505' : 'SQLITE_CONSTRAINT_UNIQUE',
        },
      );
    };
    const ctx: StageContext = {
      core: { db: t.db, ai: { run } } as unknown as Core,
      scope: tenant,
      runId: 'run-1',
      options: RunOptionsSchema.parse({}),
      assertOwned: async () => undefined,
      beforeSave: async () => undefined,
      log: () => undefined,
    };
    expect(await stage4Write.process(ctx, { id: taskId!, label: 'task' })).toEqual({
      credits: 0,
      created: 0,
    });
    const task = await t.db
      .selectFrom('tasks')
      .select(['status', 'error'])
      .where('id', '=', taskId!)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ status: 'done', error: null });

    // A unique conflict while the task is not done is a real failure, recorded as one.
    await t.db.updateTable('tasks').set({ status: 'queued' }).where('id', '=', taskId!).execute();
    const failing = async () => {
      throw Object.assign(new Error('duplicate key'), { code: '23505' });
    };
    await expect(
      stage4Write.process(
        { ...ctx, core: { db: t.db, ai: { run: failing } } as unknown as Core },
        { id: taskId!, label: 'task' },
      ),
    ).rejects.toThrow(/duplicate key/);
    expect(
      (await t.db.selectFrom('tasks').select('status').where('id', '=', taskId!).executeTakeFirstOrThrow())
        .status,
    ).toBe('failed');
  });
});
