import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, type TestDb } from '../../test/helpers/test-db.js';
import { isIgny8Error } from '../errors/index.js';
import { importGscFile } from './gsc-import.service.js';

// Malformed files (broken quotes, stray bytes, huge fields, odd delimiters, empty): a stable error or
// a report, never a crash, and never a partial import (a refused file leaves the tables as they were).
describe('Search Console import under malformed input', () => {
  let t: TestDb;
  let scope: { accountId: string; siteId: string };
  beforeAll(async () => {
    t = await createTestDb('sqlite');
    const a = await seedTenant(t.db, 'a');
    await t.db.updateTable('sites').set({ domain: 'example.com' }).where('id', '=', a.siteId).execute();
    scope = { accountId: a.accountId, siteId: a.siteId };
  });
  afterAll(async () => t?.close());

  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom('search_console_rows')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const cell = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      '2026-01-02',
      'https://example.com/a',
      '"',
      '""',
      '12',
      '-3',
      '1e9',
      '\u0000',
      'x'.repeat(3000),
    ),
  );
  const junk = fc
    .array(cell, { maxLength: 8 })
    .chain((cells) => fc.constantFrom(',', ';', '\t').map((d) => cells.join(d)));
  const valid = fc
    .tuple(
      fc.integer({ min: 1, max: 9 }),
      fc.nat(5),
      fc.nat(5),
      fc.nat(20),
      fc.nat(50),
      fc.integer({ min: 10, max: 900 }),
    )
    .map(([d, p, q, c, i, pos]) => `2026-01-0${d},https://example.com/p${p},q${q},${c},${c + i},${pos / 10}`);
  const line = fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: junk, weight: 1 });
  const header = fc.constantFrom(
    'Date,Page,Query,Clicks,Impressions,Position',
    'data_date,url,query,impressions,clicks,sum_position',
    'Top queries,Clicks,Impressions,Position',
    '',
  );

  it('answers every file with a report or a stable error, writing nothing on an error', async () => {
    let imported = 0;
    await fc.assert(
      fc.asyncProperty(
        header,
        fc.array(line, { maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        async (h, lines, nl) => {
          const before = await count();
          const bytes = Buffer.from([h, ...lines].join(nl), 'utf8');
          try {
            const r = await importGscFile(t.db, scope, { bytes });
            imported++;
            expect(r.rows).toBe(
              r.stored + r.merged + r.rejectedCount + r.offDomainCount + r.anonymized + r.otherSearchTypes,
            );
          } catch (err) {
            expect(isIgny8Error(err), String(err)).toBe(true);
            expect(await count()).toBe(before);
          }
        },
      ),
      { numRuns: 150, seed: 19 },
    );
    // Both branches were exercised: some files imported, others refused.
    expect(imported).toBeGreaterThan(10);
    expect(imported).toBeLessThan(150);
  }, 60_000);
});
