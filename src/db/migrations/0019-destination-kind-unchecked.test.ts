import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../../test/helpers/test-db.js';
import { seedArticle } from '../../../test/helpers/seed-content.js';
import { seedTenant } from '../../../test/helpers/seed-tenant.js';
import { insertDestination } from '../../publishing/destinations.repository.js';
import { MIGRATION_NAMES, migrateDown, migrateUp } from '../migrate.js';

const NAME = '0019-destination-kind-unchecked';
const now = '2026-12-05T00:00:00.000Z';

describe.each(DIALECTS)(`migration ${NAME} on %s`, (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('drops the kind CHECK, keeping rows, their references and the other CHECKs; down restores it', async () => {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    const later = MIGRATION_NAMES.slice(MIGRATION_NAMES.indexOf(NAME) + 1);
    for (const _ of later) await migrateDown(t.db);
    expect(await migrateDown(t.db)).toEqual([NAME]);

    const contentId = await seedArticle(t.db, tenant, 1);
    const dest = (id: string, kind: string) => ({
      id,
      account_id: tenant.accountId,
      site_id: tenant.siteId,
      kind: kind as 'folder',
      name: id,
      config: '{"dir":"out"}',
      secret_enc: null,
      status: 'active' as const,
      created_at: now,
      updated_at: now,
    });
    await t.db.insertInto('publish_destinations').values(dest('d1', 'folder')).execute();
    await expect(
      t.db.insertInto('publish_destinations').values(dest('d0', 'ftp')).execute(),
    ).rejects.toThrow();
    await t.db
      .insertInto('publish_records')
      .values({
        id: 'p1',
        account_id: tenant.accountId,
        site_id: tenant.siteId,
        content_id: contentId,
        destination_id: 'd1',
        status: 'published',
        intent: null,
        marker: 'm1',
        remote_id: 'r1',
        remote_url: null,
        remote_status: 'publish',
        remote_media: '{}',
        scheduled_at: null,
        published_at: now,
        attempts: 1,
        error: null,
        created_at: now,
        updated_at: now,
      })
      .execute();

    expect(await migrateUp(t.db)).toEqual([NAME, ...later]);
    // The row and the record that references it survive the rebuild (no cascade).
    const rows = await t.db.selectFrom('publish_destinations').select(['id', 'kind', 'config']).execute();
    expect(rows).toEqual([{ id: 'd1', kind: 'folder', config: '{"dir":"out"}' }]);
    expect(
      (await t.db.selectFrom('publish_records').select('destination_id').execute()).map(
        (r) => r.destination_id,
      ),
    ).toEqual(['d1']);
    // SQL takes any kind now; the status CHECK, the unique name and the foreign keys still hold.
    await t.db.insertInto('publish_destinations').values(dest('d2', 'ftp')).execute();
    await expect(
      t.db
        .insertInto('publish_destinations')
        .values({ ...dest('d3', 'folder'), status: 'gone' as 'active' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      t.db
        .insertInto('publish_destinations')
        .values({ ...dest('d4', 'folder'), name: 'd1' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      t.db
        .insertInto('publish_destinations')
        .values({ ...dest('d5', 'folder'), site_id: 'no-such-site' })
        .execute(),
    ).rejects.toThrow();
    // Deleting the destination still cascades to its records.
    await t.db.deleteFrom('publish_destinations').where('id', '=', 'd1').execute();
    expect(await t.db.selectFrom('publish_records').select('id').execute()).toEqual([]);

    // The application is the check now: the repository refuses a kind the list does not name.
    await expect(insertDestination(t.db, dest('d6', 'ftp'))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });

    await t.db.deleteFrom('publish_destinations').where('id', '=', 'd2').execute();
    for (const _ of later) await migrateDown(t.db);
    expect(await migrateDown(t.db)).toEqual([NAME]);
    await expect(
      t.db.insertInto('publish_destinations').values(dest('d7', 'ftp')).execute(),
    ).rejects.toThrow();
    if (dialect === 'sqlite')
      expect(
        (
          await sql<{ n: number }>`select count(*) as n from sqlite_master where name like '%_0019'`.execute(
            t.db,
          )
        ).rows[0]!.n,
      ).toBe(0);
    await migrateUp(t.db);
  });
});
