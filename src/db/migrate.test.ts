import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { migrateDown, migrateUp, migrationStatus, MIGRATION_NAMES } from './index.js';

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('runs up → down → up and reports status', async () => {
    t = await createTestDb(dialect, { migrate: false });
    expect(await migrateUp(t.db)).toEqual(MIGRATION_NAMES);
    const status = await migrationStatus(t.db);
    expect(status.every((m) => m.executedAt)).toBe(true);
    await migrateDown(t.db, true);
    expect((await migrationStatus(t.db)).every((m) => !m.executedAt)).toBe(true);
    await expect(sql`select count(*) as n from accounts`.execute(t.db)).rejects.toThrow();
    expect(await migrateUp(t.db)).toEqual(MIGRATION_NAMES);
    const { rows } = await sql<{ n: number }>`select count(*) as n from accounts`.execute(t.db);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('enforces one active automation run per site and one default model per type', async () => {
    t = await createTestDb(dialect);
    const now = new Date().toISOString();
    await t.db
      .insertInto('plans')
      .values({
        id: 'p',
        name: 'P',
        included_credits: 0,
        max_sites: 1,
        max_users: 1,
        max_keywords: 1,
        created_at: now,
      })
      .execute();
    await t.db
      .insertInto('accounts')
      .values({
        id: 'a',
        name: 'A',
        plan_id: 'p',
        timezone: 'UTC',
        status: 'active',
        modules: '{}',
        settings: '{}',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await t.db
      .insertInto('sites')
      .values({
        id: 's',
        account_id: 'a',
        name: 'S',
        slug: 's',
        domain: null,
        industry: null,
        status: 'active',
        settings: '{}',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const run = (id: string, status: 'running' | 'completed') => ({
      id,
      account_id: 'a',
      site_id: 's',
      trigger: 'cli' as const,
      status,
      options: '{}',
      results: '{}',
      estimate_credits: 0,
      credit_cap: null,
      credits_used: 0,
      current_stage: null,
      lease_owner: null,
      lease_expires_at: null,
      error: null,
      started_at: null,
      finished_at: null,
      created_at: now,
      updated_at: now,
    });
    await t.db.insertInto('automation_runs').values(run('r1', 'running')).execute();
    await t.db.insertInto('automation_runs').values(run('r0', 'completed')).execute();
    await expect(t.db.insertInto('automation_runs').values(run('r2', 'running')).execute()).rejects.toThrow();
  });
});
