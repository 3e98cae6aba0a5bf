import fs from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixturePath } from '../../test/planner/keyword-fixtures.js';
import { Igny8Error } from '../errors/index.js';
import { byNormalized } from './keyword-batch-pack.js';
import { openKeywordRows, type KeywordRowInput } from './open-keyword-rows.js';
import type { ParsedKeyword } from './parse-keyword-file.js';
import type { KeywordRowStream } from './read-keyword-rows.js';
import { readKeywordRowsInWorker } from './read-keyword-rows-in-worker.js';

// Large imports parse in a worker thread (P4): it must give exactly the rows, batches, tally and
// errors of the parse in this thread, for every layout and encoding, and for failures that come
// before the first row or after many batches.

async function drain(open: Promise<KeywordRowStream & { close?(): void }>, size = 1000) {
  const rows = await open;
  const batches: ParsedKeyword[][] = [];
  try {
    for await (const batch of rows.batches(size)) batches.push(batch);
  } finally {
    rows.close?.();
  }
  return { tally: rows.tally, batches };
}

async function outcome(p: Promise<unknown>) {
  return p.then(
    (v) => ({ ok: true as const, v }),
    (e: unknown) => {
      expect(e).toBeInstanceOf(Igny8Error);
      const err = e as Igny8Error;
      return {
        ok: false as const,
        code: err.code,
        message: err.message,
        hint: err.hint,
        details: err.details,
      };
    },
  );
}

/** Both ways, compared whole: rows (and how they are batched), counts, warnings or the error. */
async function expectSame(input: KeywordRowInput, size = 1000) {
  const here = await outcome(drain(openKeywordRows(input), size));
  const there = await outcome(drain(readKeywordRowsInWorker(input), size));
  // The worker sorts each batch by normalized keyword (the insert order); the rows are the same.
  type Drained = Awaited<ReturnType<typeof drain>>;
  if (there.ok) for (const b of (there.v as Drained).batches) expect(b).toEqual([...b].sort(byNormalized));
  if (here.ok) for (const b of (here.v as Drained).batches) b.sort(byNormalized);
  expect(there).toEqual(here);
  return here;
}

function bigCsv(rows: number, tail = ''): Buffer {
  const lines = ['Keyword,Volume,KD,CPC,Intent'];
  for (let i = 0; i < rows; i++)
    lines.push(
      i % 50 === 7
        ? `bad row ${i},lots,1,1,`
        : `Café Grinder ${i % 9000},${i % 13 === 0 ? '' : i},${i % 101},${(i % 7) / 2},${i % 3 === 0 ? '"Informational, Commercial"' : ''}`,
    );
  return Buffer.from(`${lines.join('\r\n')}\r\n${tail}`, 'utf8');
}

describe('readKeywordRowsInWorker against the parse in this thread', () => {
  it('gives the same rows, batches and tally for every fixture layout and encoding', async () => {
    for (const c of FIXTURES) {
      const r = await expectSame({ file: fixturePath(c.file), format: 'auto' });
      expect(r.ok).toBe(true);
    }
    await expectSame({ bytes: fs.readFileSync(fixturePath(FIXTURES[0]!.file)), format: 'semrush' });
  });

  it('gives the same for a multi-batch file with rejected rows, duplicates, blanks and a legacy code page', async () => {
    const big = await expectSame({ bytes: bigCsv(12_000), format: 'auto' }, 2500);
    expect(big.ok && (big.v as Awaited<ReturnType<typeof drain>>).batches.length).toBe(4);
    expect(big.ok && (big.v as Awaited<ReturnType<typeof drain>>).tally).toMatchObject({
      rows: 12_000,
      rejectedCount: 240,
      duplicatesInFile: 12_000 - 240 - 9000 + 180,
    });
    const legacy = iconv.encode('Keyword,Volume\ncafé crème,10\nnaïve,2\n', 'windows-1252');
    const r = await expectSame({ bytes: legacy, format: 'auto' });
    expect(r.ok && (r.v as Awaited<ReturnType<typeof drain>>).tally.encoding).not.toMatch(/^utf/);
  });

  it('fails the same way, with the same code, message, hint and line', async () => {
    const utf8 = (s: string) => Buffer.from(s, 'utf8');
    const cases: Array<[Uint8Array, string, number]> = [
      [Buffer.from([0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x13, 0x37]), 'UNSUPPORTED_FORMAT', 1],
      [utf8('Term,Volume\nkettle,1\n'), 'UNSUPPORTED_FORMAT', 1],
      [utf8(`Keyword\nnew one\n${'y'.repeat(200_000)}\n`), 'IMPORT_FAILED', 3],
      [Buffer.alloc(0), 'IMPORT_FAILED', 1],
      [utf8('Keyword,Volume\n'), 'IMPORT_FAILED', 1],
      [utf8('Keyword,Volume\nbad,x\n'), 'IMPORT_FAILED', 2],
      // A quote never closed after several batches: the error comes after rows were handed over.
      [bigCsv(6000, '"open quote,1\r\nmore,2\r\n'), 'IMPORT_FAILED', 6002],
    ];
    for (const [bytes, code, line] of cases) {
      const r = await expectSame({ bytes, format: 'auto' });
      expect(r.ok ? null : [r.code, r.details?.line ?? 1]).toEqual([code, line]);
    }
    const missing = await expectSame({ file: '/nonexistent/igny8/keywords.csv', format: 'auto' });
    expect(missing.ok ? null : missing.code).toBe('FILE_NOT_FOUND');
    const dir = await expectSame({ file: fixturePath('.'), format: 'auto' });
    expect(dir.ok ? null : dir.message).toMatch(/is not a file/);
  });

  it('ends its worker when closed before the rows are read', async () => {
    const rows = await readKeywordRowsInWorker({ bytes: bigCsv(3000), format: 'auto' });
    expect(rows.tally.format).toBe('semrush');
    rows.close();
    // Reading after close fails instead of waiting forever for a worker that is gone.
    const r = await outcome(drain(Promise.resolve(rows)));
    expect(r.ok).toBe(false);
  });
});
