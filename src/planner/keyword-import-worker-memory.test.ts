import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { importKeywords } from './keyword-import.service.js';

// The parse worker runs with a heap limit (it holds a few batches, never the file). Hitting it
// must stop the import with its own code, and roll back what earlier batches had inserted.

async function keywordCount(t: TestDb): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from keywords`.execute(t.db);
  return Number(rows[0]!.n);
}

/**
 * A first batch of short keywords (with a note column, so a chunk of the file is a few thousand
 * records), then a batch of long two-byte ones: ~1 KB each in the worker's heap, 30 MB a batch.
 */
function heavyFile(): Buffer {
  const note = 'n'.repeat(100);
  const short = Array.from({ length: 40_000 }, (_, i) => `kw ${i},${i},${note}`);
  const long = Array.from({ length: 40_000 }, (_, i) => `${'Я'.repeat(190)}${i},${i},`);
  return Buffer.from(['Keyword,Volume,Note', ...short, ...long].join('\n'), 'utf8');
}

describe.each(DIALECTS)('the parse worker out of memory on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('fails with IMPORT_OUT_OF_MEMORY naming the limit and writes nothing; the default limit imports the file', async () => {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db, 'a');
    const bytes = heavyFile();
    await expect(
      importKeywords(t.db, tenant, { bytes }, { workerMinBytes: 0, workerMemoryMb: 24 }),
    ).rejects.toMatchObject({
      code: 'IMPORT_OUT_OF_MEMORY',
      message: expect.stringMatching(/more than 24 MiB.*nothing was imported/),
      details: { maxMemoryMb: 24 },
    });
    expect(await keywordCount(t)).toBe(0);
    const report = await importKeywords(t.db, tenant, { bytes }, { workerMinBytes: 0 });
    expect(report).toMatchObject({ rows: 80_000, imported: 80_000 });
    expect(await keywordCount(t)).toBe(80_000);
  }, 120_000);
});
