import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, fixtureKeywords, fixturePath } from '../../test/planner/keyword-fixtures.js';
import { seedTenant, type SeededTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { Igny8Error } from '../errors/index.js';
import { REBUILD_INDEXES_AFTER, importKeywords } from './keyword-import.service.js';

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

describe.each(DIALECTS)('importKeywords on %s', (dialect) => {
  let t: TestDb;
  let tenant: SeededTenant;
  afterEach(async () => t?.close());

  async function setup(limits: Parameters<typeof seedTenant>[2] = {}) {
    t = await createTestDb(dialect);
    tenant = await seedTenant(t.db, 'a', limits);
    return { accountId: tenant.accountId, siteId: tenant.siteId, sectorId: tenant.sectorId };
  }

  it('imports every fixture format with the counts in the file, once each', async () => {
    const scope = await setup();
    let total = 0;
    for (const c of FIXTURES) {
      // A sector per file, so overlapping fixtures do not dedupe against each other here.
      const sectorId = `sector-${c.format}`;
      const now = new Date().toISOString();
      await t.db
        .insertInto('sectors')
        .values({
          id: sectorId,
          account_id: scope.accountId,
          site_id: scope.siteId,
          name: c.format,
          slug: c.format,
          status: 'active',
          created_at: now,
          updated_at: now,
        })
        .execute();
      const expected = new Set(fixtureKeywords(c));
      const r = await importKeywords(t.db, { ...scope, sectorId }, { file: fixturePath(c.file) });
      expect(r).toMatchObject({
        format: c.format,
        encoding: c.encoding,
        source: c.format,
        rejectedCount: 0,
        dryRun: false,
      });
      expect(r.rows).toBe(fixtureKeywords(c).length);
      expect(r.imported).toBe(expected.size);
      const stored = await t.db
        .selectFrom('keywords')
        .select(['normalized', 'status', 'source'])
        .where('sector_id', '=', sectorId)
        .execute();
      expect(new Set(stored.map((s) => s.normalized))).toEqual(expected);
      expect(stored.every((s) => s.status === 'new' && s.source === c.format)).toBe(true);
      total += expected.size;
    }
    expect(await keywordCount(t)).toBe(total);
  });

  it('keeps existing keywords on re-import and overlap, and reports the duplicates', async () => {
    const scope = await setup();
    const gkp = FIXTURES.find((c) => c.format === 'gkp')!;
    const semrush = FIXTURES.find((c) => c.format === 'semrush')!;
    const first = await importKeywords(t.db, scope, {
      file: fixturePath(gkp.file),
      source: 'planner-export',
    });
    const stamp = await t.db
      .selectFrom('keywords')
      .select(['id', 'source', 'updated_at'])
      .orderBy('id')
      .execute();

    const again = await importKeywords(t.db, scope, { file: fixturePath(gkp.file) });
    expect(again).toMatchObject({ imported: 0, duplicates: first.rows, duplicatesExisting: first.imported });
    expect(again.duplicateRows.every((d) => d.firstLine === null)).toBe(true);

    const overlap = fixtureKeywords(semrush).filter((k) => new Set(fixtureKeywords(gkp)).has(k)).length;
    const r = await importKeywords(t.db, scope, { file: fixturePath(semrush.file) });
    expect(r.duplicatesExisting).toBe(overlap);
    expect(r.imported).toBe(new Set(fixtureKeywords(semrush)).size - overlap);
    expect(await keywordCount(t)).toBe(first.imported + r.imported);
    // The stored rows of the first import were left exactly as they were.
    const after = await t.db
      .selectFrom('keywords')
      .select(['id', 'source', 'updated_at'])
      .where('source', '=', 'planner-export')
      .orderBy('id')
      .execute();
    expect(after).toEqual(stamp);
  });

  it('imports the good rows of a file with bad ones and lists the rejected lines', async () => {
    const scope = await setup();
    const r = await importKeywords(t.db, scope, {
      bytes: utf8(
        'Keyword,Volume,KD\nkettle,10,5\n,3,1\nkettle,11,5\npot,lots,1\nlid,"1,300",99\nbig,1,101\n',
      ),
    });
    expect(r).toMatchObject({
      format: 'csv',
      rows: 6,
      imported: 2,
      duplicates: 1,
      duplicatesInFile: 1,
      rejectedCount: 3,
    });
    expect(r.rejected.map((x) => x.line)).toEqual([3, 5, 7]);
    expect(r.duplicateRows).toEqual([{ line: 4, keyword: 'kettle', firstLine: 2 }]);
    const lid = await t.db
      .selectFrom('keywords')
      .selectAll()
      .where('normalized', '=', 'lid')
      .executeTakeFirstOrThrow();
    expect(lid).toMatchObject({
      volume: 1300,
      difficulty: 99,
      account_id: scope.accountId,
      site_id: scope.siteId,
    });
  });

  it('writes nothing for malformed files and says which line', async () => {
    const scope = await setup();
    await importKeywords(t.db, scope, { file: fixturePath('plain-list.txt') });
    const before = await keywordCount(t);
    const cases: Array<[Uint8Array, string, number]> = [
      [Buffer.from([0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x13, 0x37]), 'UNSUPPORTED_FORMAT', 1],
      [utf8('Term,Volume\nkettle,1\n'), 'UNSUPPORTED_FORMAT', 1],
      [utf8(`Keyword\nnew one\n${'y'.repeat(200_000)}\n`), 'IMPORT_FAILED', 3],
      [Buffer.alloc(0), 'IMPORT_FAILED', 1],
      [utf8('Keyword,Volume\n'), 'IMPORT_FAILED', 1],
      [utf8('Keyword,Volume\nfresh,1\n"open,2\n'), 'IMPORT_FAILED', 3],
    ];
    for (const [bytes, code, line] of cases) {
      const err = await refusal(importKeywords(t.db, scope, { bytes }));
      expect([err.code, err.details?.line]).toEqual([code, line]);
      expect(await keywordCount(t)).toBe(before);
    }
    const missing = await refusal(importKeywords(t.db, scope, { file: path.join(t.dir, 'nope.csv') }));
    expect(missing.code).toBe('FILE_NOT_FOUND');
  });

  it('refuses an import over the plan’s keyword limit and writes none of it', async () => {
    const scope = await setup({ maxKeywords: 50 });
    await importKeywords(t.db, scope, { file: fixturePath('plain-list.txt') });
    const err = await refusal(importKeywords(t.db, scope, { file: fixturePath('semrush-coffee.csv') }));
    expect(err.code).toBe('PLAN_LIMIT_REACHED');
    expect(await keywordCount(t)).toBe(30);
    // Duplicates do not count against the limit: the 30 already stored are skipped, the rest must fit.
    const dry = await importKeywords(t.db, scope, { file: fixturePath('plain-list.txt'), dryRun: true });
    expect(dry).toMatchObject({ imported: 0, duplicatesExisting: 30 });
  });

  it('dry run counts without writing', async () => {
    const scope = await setup();
    const r = await importKeywords(t.db, scope, { file: fixturePath('ahrefs-coffee.csv'), dryRun: true });
    expect(r).toMatchObject({ dryRun: true, imported: new Set(fixtureKeywords(FIXTURES[1]!)).size });
    expect(await keywordCount(t)).toBe(0);
  });

  it('refuses a sector of another tenant', async () => {
    const scope = await setup();
    const other = await seedTenant(t.db, 'b');
    const err = await refusal(
      importKeywords(t.db, { ...scope, sectorId: other.sectorId }, { file: fixturePath('plain-list.txt') }),
    );
    expect(err.code).toBe('SECTOR_NOT_FOUND');
    const err2 = await refusal(
      importKeywords(
        t.db,
        { accountId: scope.accountId, siteId: other.siteId, sectorId: other.sectorId },
        { file: fixturePath('plain-list.txt') },
      ),
    );
    expect(err2.code).toBe('SECTOR_NOT_FOUND');
    expect(await keywordCount(t)).toBe(0);
  });

  it('imports more rows than one INSERT holds, in one transaction', async () => {
    const scope = await setup();
    const lines = ['Keyword,Volume', ...Array.from({ length: 5000 }, (_, i) => `keyword number ${i},${i}`)];
    const r = await importKeywords(t.db, scope, { bytes: utf8(lines.join('\n')) });
    expect(r.imported).toBe(5000);
    expect(await keywordCount(t)).toBe(5000);
    const top = await t.db
      .selectFrom('keywords')
      .select(['keyword', 'volume'])
      .orderBy('volume', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(top).toEqual({ keyword: 'keyword number 4999', volume: 4999 });
  });

  it('fuzz: random files never raise an unexpected error and never import partially', async () => {
    const scope = await setup();
    const line = fc.array(
      fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('"', ',', '\n', '150', '1,300', '', 'kw'),
        fc.nat(99_999).map(String),
      ),
      { maxLength: 5 },
    );
    const file = fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      fc
        .tuple(
          fc.constantFrom('Keyword,Volume,KD', 'Keyword\tVolume', 'Top queries,Impressions', 'x,y'),
          fc.array(line, { maxLength: 12 }),
        )
        .map(([h, rows]) => utf8(`${h}\n${rows.map((r) => r.join(',')).join('\n')}`)),
    );
    await fc.assert(
      fc.asyncProperty(file, async (bytes) => {
        const before = await keywordCount(t);
        try {
          const r = await importKeywords(t.db, scope, { bytes });
          expect(r.rows).toBe(r.imported + r.duplicates + r.rejectedCount);
          expect(await keywordCount(t)).toBe(before + r.imported);
        } catch (err) {
          expect(err).toBeInstanceOf(Igny8Error);
          expect(['IMPORT_FAILED', 'UNSUPPORTED_FORMAT']).toContain((err as Igny8Error).code);
          expect(await keywordCount(t)).toBe(before);
        }
      }),
      { numRuns: dialect === 'sqlite' ? 120 : 60 },
    );
  });
});

describe('importKeywords over REBUILD_INDEXES_AFTER rows (SQLite rebuilds the secondary indexes)', () => {
  let t: TestDb;
  afterEach(async () => t?.close());
  const rows = REBUILD_INDEXES_AFTER + 20_000;
  // The poison row sorts last, so it is inserted after the indexes were dropped.
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
      await sql<{ type: string; name: string; sql: string | null }>`
        select type, name, sql from sqlite_master where tbl_name = 'keywords' order by type, name`.execute(
        t.db,
      )
    ).rows;

  const rootpage = async () =>
    (
      await sql<{ rootpage: number }>`
        select rootpage from sqlite_master where name = 'keywords_list_volume'`.execute(t.db)
    ).rows[0]?.rootpage;

  it('imports with the schema unchanged, and the volume index in use', async () => {
    t = await createTestDb('sqlite');
    const tenant = await seedTenant(t.db, 'a');
    const before = await schema();
    expect(before.map((r) => r.name)).toContain('keywords_list_volume');
    const pageBefore = await rootpage();
    const r = await importKeywords(t.db, tenant, { bytes: file(false) });
    expect(r.imported).toBe(rows);
    expect(await keywordCount(t)).toBe(rows);
    expect(await schema()).toEqual(before);
    // Rebuilt, not kept: the index now starts on another page.
    expect(await rootpage()).not.toBe(pageBefore);
    const { rows: plan } = await sql<{ detail: string }>`
      explain query plan select id from keywords where account_id = ${tenant.accountId}
      and site_id = ${tenant.siteId} order by volume desc, id limit 5`.execute(t.db);
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/keywords_list_volume/);
  });

  it('a failed large import writes nothing and leaves the indexes in place', async () => {
    t = await createTestDb('sqlite');
    const tenant = await seedTenant(t.db, 'a');
    await sql`create trigger poison before insert on keywords when new.normalized = 'zzz poison'
      begin select raise(abort, 'poisoned row'); end`.execute(t.db);
    const before = await schema();
    await expect(importKeywords(t.db, tenant, { bytes: file(true) })).rejects.toThrow(/poisoned row/);
    expect(await keywordCount(t)).toBe(0);
    expect(await schema()).toEqual(before);
  });

  it('a large import over the plan limit writes nothing and leaves the indexes in place', async () => {
    t = await createTestDb('sqlite');
    const tenant = await seedTenant(t.db, 'a', { maxKeywords: rows - 1 });
    const before = await schema();
    const err = await refusal(importKeywords(t.db, tenant, { bytes: file(false) }));
    expect(err.code).toBe('PLAN_LIMIT_REACHED');
    expect(await keywordCount(t)).toBe(0);
    expect(await schema()).toEqual(before);
  });
});

describe('importKeywords input', () => {
  it('names the bad field', async () => {
    const err = await refusal(
      importKeywords(
        {} as never,
        { accountId: 'a', siteId: 's', sectorId: 'x' },
        { format: 'excel' as never, file: 'x' },
      ),
    );
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields?.format).toBeDefined();
    expect(fs.existsSync(fixturePath('semrush-coffee.csv'))).toBe(true);
  });
});
