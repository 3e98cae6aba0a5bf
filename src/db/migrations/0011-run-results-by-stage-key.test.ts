import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../../test/helpers/test-db.js';
import { seedTenant } from '../../../test/helpers/seed-tenant.js';
import { STAGES } from '../../automation/stages.js';
import { MIGRATION_NAMES, migrateDown, migrateUp } from '../migrate.js';
import { KEY_OF_NUMBER, rekeyResults } from './0011-run-results-by-stage-key.js';

const NAME = '0011-run-results-by-stage-key';
const stage = (n: number, key: string, done: number) => ({ stage: n, key, status: 'done', done, failed: 0 });

describe.each(DIALECTS)(`migration ${NAME} on %s`, (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('renames saved results from stage numbers to stage keys, and back on down', async () => {
    t = await createTestDb(dialect);
    const { accountId, siteId } = await seedTenant(t.db);
    const later = MIGRATION_NAMES.slice(MIGRATION_NAMES.indexOf(NAME) + 1);
    for (const _ of later) await migrateDown(t.db);
    expect(await migrateDown(t.db)).toEqual([NAME]);

    const byNumber = { '1': stage(1, 'cluster', 12), '4': stage(4, 'write', 3), '7': stage(7, 'review', 2) };
    const now = '2026-12-05T00:00:00.000Z';
    const run = (id: string, results: string) => ({
      id,
      account_id: accountId,
      site_id: siteId,
      trigger: 'cli' as const,
      status: 'completed' as const,
      options: '{}',
      results,
      estimate_credits: 0,
      credits_used: 0,
      created_at: now,
      updated_at: now,
    });
    // Enough rows to cross a page of the migration's walk (500).
    const many = Array.from({ length: 520 }, (_, i) =>
      run(`r${String(i).padStart(4, '0')}`, JSON.stringify(byNumber)),
    );
    for (let i = 0; i < many.length; i += 100)
      await t.db
        .insertInto('automation_runs')
        .values(many.slice(i, i + 100))
        .execute();
    await t.db
      .insertInto('automation_runs')
      .values([run('x-empty', '{}'), run('x-broken', 'not json')])
      .execute();

    expect(await migrateUp(t.db)).toEqual([NAME, ...later]);
    const read = async (id: string) =>
      (
        await t.db
          .selectFrom('automation_runs')
          .select('results')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).results;
    const byKey = { cluster: byNumber['1'], write: byNumber['4'], review: byNumber['7'] };
    expect(JSON.parse(await read('r0000'))).toEqual(byKey);
    expect(JSON.parse(await read('r0519'))).toEqual(byKey);
    expect([await read('x-empty'), await read('x-broken')]).toEqual(['{}', 'not json']);

    for (const _ of later) await migrateDown(t.db);
    expect(await migrateDown(t.db)).toEqual([NAME]);
    expect(JSON.parse(await read('r0519'))).toEqual(byNumber);
    expect(await migrateUp(t.db)).toEqual([NAME, ...later]);
  });
});

describe('the frozen map of migration 0011', () => {
  it('agrees with STAGES as they were when it was written (stages 1–7)', () => {
    const live = Object.fromEntries(STAGES.filter((s) => s.n <= 7).map((s) => [String(s.n), s.key]));
    expect(KEY_OF_NUMBER).toEqual(live);
    expect(rekeyResults('{"4":{"done":1},"other":2}', KEY_OF_NUMBER)).toBe('{"write":{"done":1},"other":2}');
  });
});
