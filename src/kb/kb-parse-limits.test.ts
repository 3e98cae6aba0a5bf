import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { pagesPdf, tinyPdf } from '../../test/helpers/tiny-pdf.js';
import { isSqlite } from '../db/index.js';
import { createKbService, type KbServiceOptions } from './kb.service.js';

const FIX = path.resolve(import.meta.dirname, '../../test/fixtures/kb');

/**
 * PDF and DOCX are read in a worker thread with a wall-clock and a heap limit: a document that takes
 * too long or needs too much memory ends its worker and fails with a stable code, and nothing of it
 * is indexed.
 */
describe.each(DIALECTS)('knowledge-base parse limits on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function setup(opts: Partial<KbServiceOptions> = {}) {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const kb = createKbService({ db: t.db, urlGuard: { allowPrivate: true }, ...opts });
    return { kb, scope: { accountId: a.accountId, siteId: a.siteId } };
  }

  async function counts() {
    const n = async (table: 'kb_sources' | 'kb_passages') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    const fts = isSqlite(t.db)
      ? Number((await sql<{ n: number }>`select count(*) as n from kb_passages_fts`.execute(t.db)).rows[0]!.n)
      : 0;
    return { sources: await n('kb_sources'), passages: await n('kb_passages'), fts };
  }

  it('stops a PDF that reads longer than the limit (KB_PARSE_TIMEOUT) and indexes nothing', async () => {
    const { kb, scope } = await setup({ parseTimeoutMs: 1000 });
    // 2,000 pages: many seconds of pdfjs work, far past the 1 s limit.
    const slow = pagesPdf(2000, 50);
    const err = await kb
      .add(scope, { kind: 'bytes', bytes: slow, fileName: 'manual.pdf' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'KB_PARSE_TIMEOUT',
      message: expect.stringMatching(/manual\.pdf.*longer than 1 s/),
      hint: expect.stringMatching(/Split the document|export it as text/),
      details: { timeoutMs: 1000 },
    });
    // The worker was ended, not left parsing: this process (worker threads included) is idle after.
    const cpu = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 1000));
    expect(process.cpuUsage(cpu).user / 1000).toBeLessThan(300);
    expect(await counts()).toEqual({ sources: 0, passages: 0, fts: 0 });

    // The same service still reads a small PDF afterwards.
    const ok = await kb.add(scope, {
      kind: 'bytes',
      bytes: tinyPdf(['A French press steeps coarse coffee for four minutes.'], 'Press Notes'),
      fileName: 'press.pdf',
    });
    expect(ok.source).toMatchObject({ format: 'pdf', title: 'Press Notes', passageCount: 1 });
  });

  it('stops a document that needs more heap than allowed (KB_PARSE_OUT_OF_MEMORY) and indexes nothing', async () => {
    const { kb, scope } = await setup({ parseMemoryMb: 32 });
    await expect(
      kb.add(scope, { kind: 'bytes', bytes: pagesPdf(500, 50), fileName: 'big.pdf' }),
    ).rejects.toMatchObject({
      code: 'KB_PARSE_OUT_OF_MEMORY',
      message: expect.stringMatching(/big\.pdf.*32 MiB/),
      details: { maxMemoryMb: 32 },
    });
    expect(await counts()).toEqual({ sources: 0, passages: 0, fts: 0 });
  });

  it('refuses truncated and corrupt PDF and DOCX files with KB_SOURCE_UNREADABLE and indexes nothing', async () => {
    const { kb, scope } = await setup();
    const pdf = pagesPdf(20, 30);
    const docx = fs.readFileSync(path.join(FIX, 'espresso-care.docx'));
    // Corrupt DOCX: the ZIP directory is intact, the compressed parts are not.
    const corruptDocx = Buffer.from(docx);
    for (let i = 60; i < Math.floor(corruptDocx.length * 0.7); i += 7) corruptDocx[i]! ^= 0x5a;
    const bad: Array<[string, Uint8Array, RegExp]> = [
      ['cut.pdf', pdf.subarray(0, Math.floor(pdf.length * 0.6)), /not a readable PDF/],
      [
        'garbled.pdf',
        Buffer.from(pdf.toString('latin1').replace(/stream\n/g, 'stream\nGARBAGE<<<'), 'latin1'),
        /PDF/,
      ],
      ['cut.docx', docx.subarray(0, Math.floor(docx.length / 2)), /not a readable DOCX/],
      ['corrupt.docx', corruptDocx, /not a readable DOCX/],
    ];
    for (const [fileName, bytes, message] of bad)
      await expect(kb.add(scope, { kind: 'bytes', bytes, fileName }), fileName).rejects.toMatchObject({
        code: 'KB_SOURCE_UNREADABLE',
        message: expect.stringMatching(message),
      });
    expect(await counts()).toEqual({ sources: 0, passages: 0, fts: 0 });
  });
});
