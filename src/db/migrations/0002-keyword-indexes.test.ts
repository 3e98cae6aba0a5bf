import { CompiledQuery, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../../test/helpers/test-db.js';
import { migrateDown, migrateUp, migrationStatus } from '../migrate.js';
import { isSqlite, type Db } from '../transaction.js';

const NAMES = [
  'keywords_list_volume',
  'images_content',
  'contents_account_created',
  'contents_site_focus_lower',
  'notifications_account_created',
];

async function indexes(db: Db): Promise<Map<string, string>> {
  const { rows } = isSqlite(db)
    ? await sql<{
        name: string;
        def: string;
      }>`select name, sql as def from sqlite_master where type = 'index' and sql is not null`.execute(db)
    : await sql<{
        name: string;
        def: string;
      }>`select indexname as name, indexdef as def from pg_indexes where schemaname = current_schema()`.execute(
        db,
      );
  return new Map(rows.map((r) => [r.name, r.def]));
}

describe.each(DIALECTS)('migration 0002-keyword-indexes on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('adds the list indexes, and migrate down drops exactly them', async () => {
    t = await createTestDb(dialect);
    // Later migrations come off first, so 0002 is the latest and its own indexes are told apart.
    const later: string[] = [];
    for (;;) {
      const applied = (await migrationStatus(t.db)).filter((m) => m.executedAt);
      if (applied.at(-1)?.name === '0002-keyword-indexes') break;
      later.unshift(...(await migrateDown(t.db)));
    }
    const up = await indexes(t.db);
    for (const name of NAMES) expect(up.has(name)).toBe(true);
    // PostgreSQL must store the keyword order as the list asks for it: NULL volumes last.
    if (dialect === 'postgres')
      expect(up.get('keywords_list_volume')).toMatch(/volume DESC NULLS LAST, id\)/);
    // 0002's own down drops exactly its indexes.
    expect(await migrateDown(t.db)).toEqual(['0002-keyword-indexes']);
    const down = await indexes(t.db);
    for (const name of NAMES) expect(down.has(name)).toBe(false);
    expect([...down.keys()].sort()).toEqual([...up.keys()].filter((n) => !NAMES.includes(n)).sort());
    expect(await migrateUp(t.db)).toEqual(['0002-keyword-indexes', ...later]);
  });

  it('serves the default keyword list order without sorting the site (sqlite plan)', async () => {
    if (dialect !== 'sqlite') return;
    t = await createTestDb(dialect);
    const q = t.db
      .selectFrom('keywords')
      .select('id')
      .where('account_id', '=', 'a')
      .where('site_id', '=', 's')
      .orderBy('volume', (ob) => ob.desc().nullsLast())
      .orderBy('id')
      .limit(50)
      .offset(500)
      .compile();
    const plan = await t.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]),
    );
    const details = plan.rows.map((r) => r.detail).join(' | ');
    expect(details).toMatch(/keywords_list_volume/);
    expect(details).not.toMatch(/TEMP B-TREE/);
    const focus = t.db
      .selectFrom('contents')
      .select('title')
      .where('account_id', '=', 'a')
      .where('site_id', '=', 's')
      .where((eb) => eb(eb.fn('lower', ['focus_keyword']), '=', 'cold brew'))
      .compile();
    const focusPlan = await t.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${focus.sql}`, [...focus.parameters]),
    );
    expect(focusPlan.rows.map((r) => r.detail).join(' | ')).toMatch(/contents_site_focus_lower/);
  });
});
