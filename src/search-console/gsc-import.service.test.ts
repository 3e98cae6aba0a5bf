import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedTenant, type SeededTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { importGscFile } from './gsc-import.service.js';

const csv = (lines: string[]) => Buffer.from(lines.join('\n') + '\n', 'utf8');

describe.each(DIALECTS)('Search Console file import on %s', (dialect) => {
  let t: TestDb;
  let a: SeededTenant;
  afterEach(async () => t?.close());

  async function setup(domain: string | null = 'example.com') {
    t = await createTestDb(dialect);
    a = await seedTenant(t.db, 'a');
    await t.db.updateTable('sites').set({ domain }).where('id', '=', a.siteId).execute();
    return { accountId: a.accountId, siteId: a.siteId };
  }
  const rows = () =>
    t.db
      .selectFrom('search_console_rows')
      .selectAll()
      .orderBy('date')
      .orderBy('page')
      .orderBy('query')
      .execute();

  it('imports a Looker Studio CSV, then replaces the same range on re-import (idempotent)', async () => {
    const scope = await setup();
    const file = csv([
      'Date,Landing Page,Query,Clicks,Impressions,CTR,Average Position',
      '2026-03-01,https://example.com/kettles,best kettle,3,40,7.5%,4.5',
      '2026-03-01,https://www.example.com/kettles,kettle,1,"1,200",0.1%,"9,5"',
      '2026-03-02,https://example.com/kettles,best kettle,5,50,10%,3.2',
      '2026-03-02,https://other.org/x,best kettle,5,50,10%,3.2',
      '2026-03-02,https://example.com/kettles,best kettle,9,5,10%,3.2',
      '2026/03/03,https://blog.example.com/a,tea,0,10,0%,12',
    ]);
    const first = await importGscFile(t.db, scope, { bytes: file, fileName: 'looker.csv' });
    expect(first).toMatchObject({
      layer: 'page-query',
      dateFrom: '2026-03-01',
      dateTo: '2026-03-03',
      rows: 6,
      stored: 4,
      merged: 0,
      replaced: 0,
      rejectedCount: 1,
      offDomainCount: 1,
      origin: 'looker.csv',
    });
    expect(first.rejected[0]).toEqual({ line: 6, reason: 'clicks (9) exceed impressions (5)' });
    expect(first.offDomain).toEqual([{ line: 5, page: 'https://other.org/x' }]);
    const stored = await rows();
    expect(stored.map((r) => [r.date, r.query, Number(r.impressions), Number(r.position)])).toEqual([
      ['2026-03-01', 'best kettle', 40, 4.5],
      ['2026-03-01', 'kettle', 1200, 9.5],
      ['2026-03-02', 'best kettle', 50, expect.closeTo(3.2, 5)],
      ['2026-03-03', 'tea', 10, 12],
    ]);
    const again = await importGscFile(t.db, scope, { bytes: file, fileName: 'looker.csv' });
    expect(again).toMatchObject({ stored: 4, replaced: 4 });
    expect(await rows()).toHaveLength(4);
    const syncs = await t.db.selectFrom('search_console_syncs').selectAll().orderBy('created_at').execute();
    expect(syncs.map((s) => [s.source, s.date_from, s.date_to, Number(s.rows), Number(s.replaced)])).toEqual([
      ['file', '2026-03-01', '2026-03-03', 4, 0],
      ['file', '2026-03-01', '2026-03-03', 4, 4],
    ]);
  });

  it('reads the BigQuery bulk export: 0-based sum_position, rows split by country summed, other search types left out', async () => {
    const scope = await setup();
    const file = csv([
      'data_date,site_url,url,query,is_anonymized_query,country,search_type,device,impressions,clicks,sum_position',
      '2026-02-01,sc-domain:example.com,https://example.com/a,kettle,false,usa,WEB,DESKTOP,10,2,20',
      '2026-02-01,sc-domain:example.com,https://example.com/a,kettle,false,gbr,WEB,MOBILE,30,1,150',
      '2026-02-01,sc-domain:example.com,https://example.com/a,,true,gbr,WEB,MOBILE,5,0,10',
      '2026-02-01,sc-domain:example.com,https://example.com/a,kettle,false,gbr,IMAGE,MOBILE,7,0,3',
    ]);
    const r = await importGscFile(t.db, scope, { bytes: file });
    expect(r).toMatchObject({ rows: 4, stored: 1, merged: 1, anonymized: 1, otherSearchTypes: 1 });
    const [row] = await rows();
    // usa: 20/10+1 = 3 over 10 impressions; gbr: 150/30+1 = 6 over 30 → (3·10 + 6·30) / 40 = 5.25.
    expect([Number(row!.clicks), Number(row!.impressions), Number(row!.position)]).toEqual([3, 40, 5.25]);
  });

  it('a page-totals file replaces only page totals, not the page × query rows of the same days', async () => {
    const scope = await setup();
    await importGscFile(t.db, scope, {
      bytes: csv(['date,page,query,clicks,impressions,position', '2026-01-05,https://example.com/a,q,1,2,3']),
    });
    const r = await importGscFile(t.db, scope, {
      bytes: csv(['Date,Top pages,Clicks,Impressions,Position', '2026-01-05,https://example.com/a,4,20,2.5']),
    });
    expect(r).toMatchObject({ layer: 'page', stored: 1, replaced: 0 });
    expect((await rows()).map((x) => x.query)).toEqual(['', 'q']);
  });

  it('streams a file from disk and refuses bad files with a stable code, writing nothing', async () => {
    const scope = await setup();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsc-'));
    const bad = async (bytes: Buffer) =>
      importGscFile(t.db, scope, { bytes }).catch((e: { code: string }) => e.code);
    expect(await bad(csv(['Top queries,Clicks,Impressions,CTR,Position', 'kettle,3,40,1%,2']))).toBe(
      'GSC_AGGREGATED_EXPORT',
    );
    const zip = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('Queries.csv'),
    ]);
    expect(await bad(zip)).toBe('GSC_AGGREGATED_EXPORT');
    expect(await bad(csv(['Date,Page,Clicks,Impressions', '2026-01-01,https://example.com/,1,2']))).toBe(
      'UNSUPPORTED_FORMAT',
    );
    expect(
      await bad(csv(['Date,Page,Clicks,Impressions,Position', 'yesterday,https://example.com/,1,2,3'])),
    ).toBe('IMPORT_FAILED');
    expect(
      await bad(csv(['Date,Page,Clicks,Impressions,Position', '2026-01-01,https://else.com/,1,2,3'])),
    ).toBe('GSC_OFF_DOMAIN');
    expect(await bad(Buffer.from(''))).toBe('IMPORT_FAILED');
    expect(
      await bad(
        csv(['Date,Page,Query,Clicks,Impressions,Position', '2026-01-01,"https://example.com/,q,1,2,3']),
      ),
    ).toBe('IMPORT_FAILED');
    expect(await rows()).toHaveLength(0);
    expect(await t.db.selectFrom('search_console_syncs').selectAll().execute()).toHaveLength(0);
    const file = path.join(dir, 'gsc.tsv');
    fs.writeFileSync(file, 'Date\tQuery\tClicks\tImpressions\tPosition\n2026-01-01\tkettle\t1\t9\t2\n');
    const r = await importGscFile(t.db, scope, { file });
    expect(r).toMatchObject({ layer: 'query', stored: 1, origin: 'gsc.tsv' });
    expect(await importGscFile(t.db, scope, { file: path.join(dir, 'none.csv') }).catch((e) => e.code)).toBe(
      'FILE_NOT_FOUND',
    );
    fs.rmSync(dir, { recursive: true });
  });

  it('keeps every page when the site has no domain, and says so', async () => {
    const scope = await setup(null);
    const r = await importGscFile(t.db, scope, {
      bytes: csv(['date,page,clicks,impressions,position', '2026-01-05,https://anything.net/a,1,2,3']),
    });
    expect(r.stored).toBe(1);
    expect(r.warnings.join(' ')).toMatch(/no domain/);
  });

  it('refuses another account’s site', async () => {
    const scope = await setup();
    const b = await seedTenant(t.db, 'b');
    const err = await importGscFile(
      t.db,
      { accountId: a.accountId, siteId: b.siteId },
      {
        bytes: csv(['date,page,clicks,impressions,position', '2026-01-05,https://example.com/a,1,2,3']),
      },
    ).catch((e) => e.code);
    expect(err).toBe('SITE_NOT_FOUND');
    expect(scope.siteId).not.toBe(b.siteId);
  });
});
