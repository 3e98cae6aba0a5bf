import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, fixturePath } from '../../test/planner/keyword-fixtures.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { Igny8Error } from '../errors/index.js';
import { REBUILD_INDEXES_AFTER, importKeywords } from './keyword-import.service.js';

// Files of WORKER_MIN_BYTES or more are parsed in a worker thread while this one inserts (P4).
// workerMinBytes: 0 sends small files that way too: the import must store the same rows and report
// the same, and stay all-or-nothing when the parse or the insert fails part-way.

const WORKER = { workerMinBytes: 0 };
const IN_THREAD = { workerMinBytes: Infinity };
const utf8 = (s: string) => Buffer.from(s, 'utf8');

async function keywordCount(t: TestDb): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from keywords`.execute(t.db);
  return Number(rows[0]!.n);
}

async function refusal(p: Promise<unknown>): Promise<Igny8Error> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Igny8Error);
  return err as Igny8Error;
}

describe.each(DIALECTS)('importKeywords through the parse worker on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('stores and reports the same as the parse in this thread, for every fixture', async () => {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const b = await seedTenant(t.db, 'b');
    const stored = (accountId: string) =>
      t.db
        .selectFrom('keywords')
        .select(['keyword', 'normalized', 'volume', 'difficulty', 'cpc', 'intent', 'source', 'status'])
        .where('account_id', '=', accountId)
        .orderBy('normalized')
        .execute();
    for (const c of FIXTURES) {
      const input = { file: fixturePath(c.file) };
      const here = await importKeywords(t.db, a, input, IN_THREAD);
      const there = await importKeywords(t.db, b, input, WORKER);
      expect(there).toEqual(here);
      // Again: every row now a duplicate of a stored one, listed the same way.
      expect(await importKeywords(t.db, b, input, WORKER)).toEqual(
        await importKeywords(t.db, a, input, IN_THREAD),
      );
    }
    expect(await stored(b.accountId)).toEqual(await stored(a.accountId));
    expect((await stored(a.accountId)).length).toBeGreaterThan(50);
  });

  it('lists the same first duplicates of stored keywords, by line, when there are more than 1,000', async () => {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const b = await seedTenant(t.db, 'b');
    // Stored keywords come back in reverse key order, mixed with new ones: a batch sorted by key
    // meets its duplicates in another order than the file's.
    const words = Array.from({ length: 3000 }, (_, i) => `brew ${String(i).padStart(4, '0')}`);
    const first = utf8(['Keyword', ...words.filter((_, i) => i % 2 === 0)].join('\n'));
    const second = utf8(['Keyword', ...[...words].reverse()].join('\n'));
    await importKeywords(t.db, a, { bytes: first }, IN_THREAD);
    await importKeywords(t.db, b, { bytes: first }, WORKER);
    const here = await importKeywords(t.db, a, { bytes: second }, IN_THREAD);
    const there = await importKeywords(t.db, b, { bytes: second }, WORKER);
    expect(there).toEqual(here);
    expect(here).toMatchObject({ imported: 1500, duplicatesExisting: 1500 });
    expect(here.duplicateRows).toHaveLength(1000);
    expect(here.duplicateRows[0]).toEqual({ line: 3, keyword: 'brew 2998', firstLine: null });
  });

  it('writes nothing when the file breaks after many rows, or the plan limit is passed', async () => {
    t = await createTestDb(dialect);
    const lines = ['Keyword,Volume', ...Array.from({ length: 6000 }, (_, i) => `kw ${i},${i}`)];
    const broken = utf8(`${lines.join('\n')}\n"open quote,1\nmore,2\n`);
    const tenant = await seedTenant(t.db, 'a', { maxKeywords: 5999 });
    const err = await refusal(importKeywords(t.db, tenant, { bytes: broken }, WORKER));
    expect([err.code, err.details?.line]).toEqual(['IMPORT_FAILED', 6002]);
    expect(await keywordCount(t)).toBe(0);
    const over = await refusal(importKeywords(t.db, tenant, { bytes: utf8(lines.join('\n')) }, WORKER));
    expect(over.code).toBe('PLAN_LIMIT_REACHED');
    expect(await keywordCount(t)).toBe(0);
    const missing = await refusal(importKeywords(t.db, tenant, { file: fixturePath('nope.csv') }, WORKER));
    expect(missing.code).toBe('FILE_NOT_FOUND');
  });
});

describe('a large SQLite import through the parse worker', () => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('rebuilds the indexes, and a row failing after they were dropped rolls all of it back', async () => {
    t = await createTestDb('sqlite');
    const tenant = await seedTenant(t.db, 'a');
    const rows = REBUILD_INDEXES_AFTER + 20_000;
    const file = (poison: boolean) =>
      utf8(
        [
          'Keyword,Volume',
          ...Array.from({ length: rows }, (_, i) => `kw ${i},${i % 5000}`),
          ...(poison ? ['zzz poison,1'] : []),
        ].join('\n'),
      );
    const schema = async () =>
      (
        await sql<{ name: string; sql: string | null }>`
        select name, sql from sqlite_master where tbl_name = 'keywords' order by type, name`.execute(t.db)
      ).rows;
    const before = await schema();
    await sql`create trigger poison before insert on keywords when new.normalized = 'zzz poison'
      begin select raise(abort, 'poisoned row'); end`.execute(t.db);
    await expect(importKeywords(t.db, tenant, { bytes: file(true) }, WORKER)).rejects.toThrow(/poisoned row/);
    expect(await keywordCount(t)).toBe(0);
    await sql`drop trigger poison`.execute(t.db);
    expect(await schema()).toEqual(before);
    const r = await importKeywords(t.db, tenant, { bytes: file(false) }, WORKER);
    expect(r).toMatchObject({ rows, imported: rows, duplicates: 0 });
    expect(await keywordCount(t)).toBe(rows);
    expect(await schema()).toEqual(before);
  });
});
