import { CompiledQuery } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/helpers/test-db.js';
import { ID_CHUNK, scopeOfIds } from './keywords.repository.js';

// SQLite only: the bug was SQLite's planner choosing the account index (PostgreSQL keeps statistics).
describe('lookups of keywords by id on sqlite', () => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('use the primary key, not a scan of the account (the 100k-keyword clustering slowdown)', async () => {
    t = await createTestDb('sqlite');
    const scope = { accountId: 'a', siteId: 's', sectorId: 'x' };
    // A chunk of ids as the services send them (ID_CHUNK); with a couple of ids SQLite guesses right.
    const ids = Array.from({ length: ID_CHUNK }, (_, i) => `k${i}`);
    const queries = [
      t.db.selectFrom('keywords').select('id').where('id', 'in', ids).where(scopeOfIds(scope)),
      t.db
        .updateTable('keywords')
        .set({ status: 'clustered' })
        .where('id', 'in', ids)
        .where(scopeOfIds(scope)),
      t.db
        .deleteFrom('keywords')
        .where('id', 'in', ids)
        .where(scopeOfIds({ accountId: 'a' })),
    ];
    for (const q of queries) {
      const c = q.compile();
      const plan = await t.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]),
      );
      const details = plan.rows.map((r) => r.detail).join(' | ');
      expect(details).toMatch(/sqlite_autoindex_keywords_1 \(id=\?\)/);
      expect(details).not.toMatch(/keywords_account_site/);
    }
    // The same filter without the guard is what picked the account index.
    const plain = t.db
      .selectFrom('keywords')
      .select('id')
      .where('id', 'in', ids)
      .where('account_id', '=', 'a')
      .compile();
    const before = await t.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${plain.sql}`, [...plain.parameters]),
    );
    expect(before.rows.map((r) => r.detail).join(' ')).toMatch(/keywords_account_site/);
  });
});
