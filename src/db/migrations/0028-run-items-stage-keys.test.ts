import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../../test/helpers/test-db.js';
import { seedTenant } from '../../../test/helpers/seed-tenant.js';
import { deriveRunRecords } from '../../automation/run-record.js';
import {
  recordedItemIds,
  recordRunItem,
  recordRunOperation,
  usageByStageOfRun,
} from '../../automation/run-records.repository.js';
import { STAGES } from '../../automation/stages.js';
import { MIGRATION_NAMES, migrateDown, migrateUp } from '../migrate.js';
import { STAGE_KEY_OF_NUMBER } from './0028-run-items-stage-keys.js';

const NAME = '0028-run-items-stage-keys';
const now = '2026-12-05T00:00:00.000Z';

describe.each(DIALECTS)(`migration ${NAME} on %s`, (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('turns stored stage numbers into stage keys and back; the derived run record is the same', async () => {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    const scope = { accountId: tenant.accountId };
    const later = MIGRATION_NAMES.slice(MIGRATION_NAMES.indexOf(NAME) + 1);
    for (const _ of later) await migrateDown(t.db);
    expect(await migrateDown(t.db)).toEqual([NAME]);

    // A run recorded before 0028: its items and operations name stages by number.
    await t.db
      .insertInto('automation_runs')
      .values({
        id: 'run1',
        account_id: tenant.accountId,
        site_id: tenant.siteId,
        trigger: 'cli',
        status: 'completed',
        options: '{}',
        results: '{}',
        estimate_credits: 0,
        credits_used: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const item = (stage: number, id: string, status: 'done' | 'failed', units = 1, created = 0) => ({
      run_id: 'run1',
      account_id: tenant.accountId,
      stage: stage as unknown as string,
      item_id: id,
      status,
      units,
      created,
      code: status === 'failed' ? 'AI_FAILED' : null,
      reason: status === 'failed' ? 'bad answer' : null,
      updated_at: now,
    });
    // The same item id in two stages: stage is part of the primary key.
    await t.db
      .insertInto('run_items')
      .values([
        item(1, 'k1', 'done', 40, 3),
        item(4, 't1', 'done', 1, 1),
        item(4, 't2', 'failed'),
        item(5, 't1', 'done'),
      ])
      .execute();
    const ops: Array<[string, number, number]> = [
      ['op-c', 1, 6],
      ['op-w1', 4, 20],
      ['op-w2', 4, 21],
      ['op-i', 5, 2],
    ];
    for (const [opId, stage, credits] of ops) {
      await t.db
        .insertInto('run_operations')
        .values({
          account_id: tenant.accountId,
          op_id: opId,
          run_id: 'run1',
          stage: stage as unknown as string,
          created_at: now,
        })
        .execute();
      await t.db
        .insertInto('credit_transactions')
        .values({
          id: `tx-${opId}`,
          account_id: tenant.accountId,
          idem_key: `charge:${opId}`,
          op_id: opId,
          kind: 'charge',
          pool: 'plan',
          amount: -credits,
          plan_delta: -credits,
          bonus_delta: 0,
          plan_balance_after: 0,
          bonus_balance_after: 0,
          balance_after: 0,
          description: null,
          created_at: now,
        })
        .execute();
      await t.db
        .insertInto('usage_log')
        .values({
          id: `u-${opId}`,
          account_id: tenant.accountId,
          site_id: tenant.siteId,
          op_id: opId,
          operation: 'x',
          provider: 'fake',
          model: 'm',
          tokens_in: 100,
          tokens_out: 10,
          tokens_cached: 0,
          images: 0,
          credits,
          usd: credits / 100,
          object_type: null,
          object_id: null,
          status: 'ok',
          error: null,
          created_at: now,
        })
        .execute();
    }

    const runRow = async () =>
      t.db.selectFrom('automation_runs').selectAll().where('id', '=', 'run1').executeTakeFirstOrThrow();
    const record = async () => (await deriveRunRecords(t.db, scope, [await runRow()])).get('run1');
    const before = await record();
    const usageBefore = await usageByStageOfRun(t.db, scope, 'run1');
    // What the rows say, so "the same after" is not "the same nothing".
    expect(before!.creditsUsed).toBe(49);
    expect(before!.results.write).toMatchObject({ done: 1, failed: 1, created: 1, credits: 41, total: 2 });
    expect(before!.results.cluster).toMatchObject({ done: 40, created: 3, credits: 6 });
    expect(usageBefore.map((u) => [u.stage, u.calls, u.credits])).toEqual([
      [1, 1, 6],
      [4, 2, 41],
      [5, 1, 2],
    ]);

    expect(await migrateUp(t.db)).toEqual([NAME, ...later]);
    const stored = async (table: 'run_items' | 'run_operations') =>
      (
        await sql<{ stage: unknown }>`select stage from ${sql.table(table)} order by 1`.execute(t.db)
      ).rows.map((r) => r.stage);
    const columnType = async (table: string) =>
      dialect === 'sqlite'
        ? (
            await sql<{
              type: string;
            }>`select type from pragma_table_info(${table}) where name = 'stage'`.execute(t.db)
          ).rows[0]!.type.toLowerCase()
        : (
            await sql<{ type: string }>`select data_type as type from information_schema.columns
              where table_schema = current_schema() and table_name = ${table} and column_name = 'stage'`.execute(
              t.db,
            )
          ).rows[0]!.type;
    expect([await columnType('run_items'), await columnType('run_operations')]).toEqual(['text', 'text']);
    expect(await stored('run_items')).toEqual(['cluster', 'image_prompts', 'write', 'write']);
    expect(await stored('run_operations')).toEqual(['cluster', 'image_prompts', 'write', 'write']);
    expect(await record()).toEqual(before);
    expect(await usageByStageOfRun(t.db, scope, 'run1')).toEqual(usageBefore);
    // Converted rows are found by the engine's stage numbers, and new rows join them by key.
    expect(await recordedItemIds(t.db, scope, 'run1', 4)).toEqual(new Set(['t1', 't2']));
    // A process still on the old code binds the number: SQLite keeps '4.0', PostgreSQL '4'.
    await t.db
      .insertInto('run_items')
      .values({ ...item(4, 't3', 'done'), stage: 4 as unknown as string })
      .execute();
    expect(await recordedItemIds(t.db, scope, 'run1', 4)).toEqual(new Set(['t1', 't2', 't3']));
    await t.db.deleteFrom('run_items').where('item_id', '=', 't3').execute();
    await recordRunItem(t.db, scope, 'run1', { stage: 4, itemId: 't2', status: 'done', created: 1 });
    await recordRunOperation(t.db, scope, 'run1', 6, 'op-img');
    expect((await record())!.results.write).toMatchObject({ done: 2, failed: 0, created: 2 });
    expect(
      await t.db
        .selectFrom('run_operations')
        .select('stage')
        .where('op_id', '=', 'op-img')
        .executeTakeFirstOrThrow(),
    ).toEqual({ stage: 'images' });
    // The primary key still holds with keys: a second outcome of t2 in stage 4 is the same row.
    expect(
      (await t.db.selectFrom('run_items').select('item_id').where('item_id', '=', 't2').execute()).length,
    ).toBe(1);
    // The references to the run hold after the rebuild.
    await expect(
      t.db
        .insertInto('run_items')
        .values({ ...item(4, 't9', 'done'), stage: 'write', run_id: 'no-such-run' })
        .execute(),
    ).rejects.toThrow();

    for (const _ of later) await migrateDown(t.db);
    expect(await migrateDown(t.db)).toEqual([NAME]);
    expect(await stored('run_items')).toEqual([1, 4, 4, 5]);
    expect([await columnType('run_items'), await columnType('run_operations')]).toEqual([
      'integer',
      'integer',
    ]);
    expect(await stored('run_operations')).toEqual([1, 4, 4, 5, 6]);
    if (dialect === 'sqlite')
      expect(
        (
          await sql<{ n: number }>`select count(*) as n from sqlite_master where name like '%_0028'`.execute(
            t.db,
          )
        ).rows[0]!.n,
      ).toBe(0);
    expect(await migrateUp(t.db)).toEqual([NAME, ...later]);
    await t.db.deleteFrom('automation_runs').where('id', '=', 'run1').execute();
    expect(await t.db.selectFrom('run_items').select('item_id').execute()).toEqual([]);
    expect(await t.db.selectFrom('run_operations').select('op_id').execute()).toEqual([]);
  });
});

describe('the frozen map of migration 0028', () => {
  it('agrees with STAGES as they were when it was written (stages 1–8)', () => {
    const live = Object.fromEntries(STAGES.filter((s) => s.n <= 8).map((s) => [String(s.n), s.key]));
    expect(STAGE_KEY_OF_NUMBER).toEqual(live);
  });
});
