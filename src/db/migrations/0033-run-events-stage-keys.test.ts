import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../../test/helpers/test-db.js';
import { seedTenant } from '../../../test/helpers/seed-tenant.js';
import {
  appendRunEvent,
  findActiveRun,
  findRun,
  listRunEvents,
  setRunStatus,
  updateOwnedRun,
} from '../../automation/run.repository.js';
import { STAGES } from '../../automation/stages.js';
import { ConfigSchema } from '../../config/index.js';
import { createCore, type Core } from '../../core.js';
import { MIGRATION_NAMES, migrateDown, migrateUp } from '../migrate.js';
import { STAGE_KEY_OF_NUMBER } from './0033-run-events-stage-keys.js';

const NAME = '0033-run-events-stage-keys';
const now = '2026-12-05T00:00:00.000Z';

describe.each(DIALECTS)(`migration ${NAME} on %s`, (dialect) => {
  let t: TestDb;
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
    await t?.close();
  });

  it('turns stored stage numbers of runs and run logs into keys and back; what readers return is the same', async () => {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    const scope = { accountId: tenant.accountId };
    const siteScope = { accountId: tenant.accountId, siteId: tenant.siteId };
    const later = MIGRATION_NAMES.slice(MIGRATION_NAMES.indexOf(NAME) + 1);
    for (const _ of later) await migrateDown(t.db);
    expect(await migrateDown(t.db)).toEqual([NAME]);

    // Runs and log lines recorded before 0033: they name stages by number (or by none).
    const run = (id: string, status: 'completed' | 'paused', stage: number | null) => ({
      id,
      account_id: tenant.accountId,
      site_id: tenant.siteId,
      trigger: 'cli' as const,
      status,
      options: '{"stages":[1,2,3,4,5,6,7]}',
      results: '{}',
      estimate_credits: 10,
      credits_used: 7,
      current_stage: stage as unknown as string,
      lease_owner: status === 'paused' ? 'host:1:ab' : null,
      // Apart, so the list's order (newest first) is one order.
      created_at: `2026-12-0${id.slice(3)}T00:00:00.000Z`,
      updated_at: now,
    });
    await t.db
      .insertInto('automation_runs')
      .values([run('run1', 'completed', 4), run('run2', 'paused', 6), run('run3', 'completed', null)])
      .execute();
    const event = (runId: string, seq: number, stage: number | null) => ({
      id: `ev-${runId}-${seq}`,
      account_id: tenant.accountId,
      run_id: runId,
      seq,
      level: 'info' as const,
      stage: stage as unknown as string,
      type: 'log',
      message: `line ${seq} of stage ${stage}`,
      data: seq === 2 ? '{"n":2}' : null,
      created_at: now,
    });
    await t.db
      .insertInto('run_events')
      .values([event('run1', 1, 1), event('run1', 2, 4), event('run1', 3, null), event('run2', 1, 6)])
      .execute();

    core = await createCore({
      config: ConfigSchema.parse({ database: { url: t.url } }),
      baseDir: t.dir,
      db: t,
      requireMigrated: false,
    });
    const automation = core.automation;
    const read = async () => ({
      run1: await automation.get(scope, 'run1'),
      list: await automation.list(scope),
      logs1: await automation.logs(scope, 'run1'),
      logs2: await automation.logs(scope, 'run2'),
      active: await findActiveRun(t.db, siteScope),
      row3: await findRun(t.db, scope, 'run3'),
    });
    const before = await read();
    // What the rows say, so "the same after" is not "the same nothing".
    expect(before.run1.currentStage).toBe(4);
    expect(before.list.items.map((r) => [r.id, r.currentStage])).toEqual(
      expect.arrayContaining([
        ['run1', 4],
        ['run2', 6],
        ['run3', null],
      ]),
    );
    expect(before.logs1.map((e) => e.stage)).toEqual([1, 4, null]);
    expect(before.logs1[1]).toMatchObject({ seq: 2, data: { n: 2 }, message: 'line 2 of stage 4' });
    expect(before.active).toMatchObject({ id: 'run2', current_stage: 6 });
    expect(before.row3!.current_stage).toBeNull();

    expect(await migrateUp(t.db)).toEqual([NAME, ...later]);
    const storedRuns = async () =>
      (
        await sql<{ stage: unknown }>`select current_stage as stage from automation_runs order by id`.execute(
          t.db,
        )
      ).rows.map((r) => r.stage);
    const storedEvents = async () =>
      (
        await sql<{ stage: unknown }>`select stage from run_events order by run_id, seq`.execute(t.db)
      ).rows.map((r) => r.stage);
    const columnType = async (table: string, column: string) =>
      dialect === 'sqlite'
        ? (
            await sql<{
              type: string;
            }>`select type from pragma_table_info(${table}) where name = ${column}`.execute(t.db)
          ).rows[0]!.type.toLowerCase()
        : (
            await sql<{ type: string }>`select data_type as type from information_schema.columns
              where table_schema = current_schema() and table_name = ${table} and column_name = ${column}`.execute(
              t.db,
            )
          ).rows[0]!.type;
    const types = async () => [
      await columnType('automation_runs', 'current_stage'),
      await columnType('run_events', 'stage'),
    ];
    expect(await types()).toEqual(['text', 'text']);
    expect(await storedRuns()).toEqual(['write', 'images', null]);
    expect(await storedEvents()).toEqual(['cluster', 'write', null, 'images']);
    expect(await read()).toEqual(before);

    // Writers store keys; readers give numbers back, also for a number an older process wrote
    // (stored as text: '2', or '2.0' on SQLite, whose driver binds a JS number as a real).
    const oldNumber = (n: number) => (dialect === 'sqlite' ? `${n}.0` : String(n));
    expect(await updateOwnedRun(t.db, 'run2', 'host:1:ab', { current_stage: 7 })).toBe(true);
    await appendRunEvent(t.db, scope, 'run2', { level: 'warn', stage: 5, type: 'log', message: 'x' });
    await appendRunEvent(t.db, scope, 'run2', { level: 'info', stage: null, type: 'log', message: 'y' });
    await t.db
      .insertInto('run_events')
      .values({ ...event('run2', 9, 2), stage: 2 as unknown as string })
      .execute();
    expect(await storedRuns()).toEqual(['write', 'review', null]);
    expect(await storedEvents()).toEqual([
      'cluster',
      'write',
      null,
      'images',
      'image_prompts',
      null,
      oldNumber(2),
    ]);
    expect((await automation.get(scope, 'run2')).currentStage).toBe(7);
    expect((await listRunEvents(t.db, scope, 'run2')).map((e) => e.stage)).toEqual([6, 5, null, 2]);
    expect(await setRunStatus(t.db, scope, 'run2', ['paused'], 'cancelled', { current_stage: null })).toBe(
      true,
    );
    expect((await automation.get(scope, 'run2')).currentStage).toBeNull();
    await t.db
      .updateTable('automation_runs')
      .set({ current_stage: 3 as unknown as string })
      .where('id', '=', 'run3')
      .execute();
    expect((await automation.get(scope, 'run3')).currentStage).toBe(3);

    // The rebuilt tables keep their constraints: one active run per site, the reference to the run.
    await t.db
      .insertInto('automation_runs')
      .values(run('run4', 'paused', null))
      .execute();
    await expect(
      t.db
        .insertInto('automation_runs')
        .values({ ...run('run5', 'paused', null), current_stage: 'write' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      t.db
        .insertInto('run_events')
        .values({ ...event('no-such-run', 1, null), stage: 'write' })
        .execute(),
    ).rejects.toThrow();

    // Down refuses a stage with no number, before changing anything.
    await t.db
      .insertInto('run_events')
      .values({ ...event('run1', 4, null), stage: 'a_later_stage' })
      .execute();
    for (const _ of later) await migrateDown(t.db);
    await expect(migrateDown(t.db)).rejects.toThrow(
      /run_events\.stage holds stages with no number \(a_later_stage\)/,
    );
    expect(await types()).toEqual(['text', 'text']);
    expect(await storedRuns()).toEqual(['write', null, oldNumber(3), null]);
    await t.db.deleteFrom('run_events').where('seq', '=', 4).where('run_id', '=', 'run1').execute();

    expect(await migrateDown(t.db)).toEqual([NAME]);
    expect(await types()).toEqual(['integer', 'integer']);
    expect(await storedRuns()).toEqual([4, null, 3, null]);
    expect(await storedEvents()).toEqual([1, 4, null, 6, 5, null, 2]);
    if (dialect === 'sqlite')
      expect(
        (
          await sql<{ n: number }>`select count(*) as n from sqlite_master where name like '%_0033'`.execute(
            t.db,
          )
        ).rows[0]!.n,
      ).toBe(0);
    expect(await migrateUp(t.db)).toEqual([NAME, ...later]);
    expect(await storedRuns()).toEqual(['write', null, 'tasks', null]);
    expect((await automation.logs(scope, 'run1')).map((e) => e.stage)).toEqual([1, 4, null]);
    // Deleting a run still takes its log lines with it.
    await t.db.deleteFrom('automation_runs').where('id', '=', 'run1').execute();
    expect(await t.db.selectFrom('run_events').select('id').where('run_id', '=', 'run1').execute()).toEqual(
      [],
    );
  });
});

describe('the frozen map of migration 0033', () => {
  it('agrees with the stage list as it was when it was written (stages 1–8)', () => {
    const live = Object.fromEntries(STAGES.filter((s) => s.n <= 8).map((s) => [String(s.n), s.key]));
    expect(STAGE_KEY_OF_NUMBER).toEqual(live);
  });
});
