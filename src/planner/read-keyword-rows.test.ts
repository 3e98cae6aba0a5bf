import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { Igny8Error } from '../errors/index.js';
import { CHUNK_BYTES, bytesSource, openTextStream } from './decode-text-stream.js';
import { parseKeywordFile, type ParsedKeyword } from './parse-keyword-file.js';
import { readKeywordRows } from './read-keyword-rows.js';

// The streaming parse must give exactly what the whole-file parse gives, also where a chunk
// boundary cuts a character, a \r\n pair or a quoted field, and where the first non-UTF-8 byte comes
// after the first chunk.

async function streamed(bytes: Uint8Array) {
  const rows = await readKeywordRows(await openTextStream(bytesSource(bytes)));
  const keywords: ParsedKeyword[] = [];
  for await (const batch of rows.batches(1000)) keywords.push(...batch);
  return { ...rows.tally, keywords };
}

/** A CSV a little over two chunks long, with `special` keywords placed around the chunk boundary. */
function bigCsv(special: string[], eol = '\r\n'): string {
  const lines = ['Keyword,Volume,Intent'];
  let size = lines[0]!.length + eol.length;
  for (let i = 0; size < CHUNK_BYTES * 2.2; i++) {
    const kw = i % 997 === 0 ? special[(i / 997) % special.length]! : `keyword row ${i}`;
    const line = `${kw},${i},"Informational, Commercial"`;
    lines.push(line);
    size += Buffer.byteLength(line) + eol.length;
  }
  return lines.join(eol) + eol;
}

describe('readKeywordRows (streaming) against parseKeywordFile', () => {
  it('gives the same rows, lines and counts for multi-chunk UTF-8, UTF-16 and CRLF files', async () => {
    const text = bigCsv(['café crème', 'jalapeño', '“smart” kettle', 'naïve', 'keyword row 5']);
    for (const bytes of [
      Buffer.from(text, 'utf8'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      // Shift by one byte so a \r\n or a multi-byte character lands on the boundary in some variant.
      Buffer.from(`x${text.slice(text.indexOf('\n'))}`.replace(/^x/, 'Keyword,Volume,Intent\r'), 'utf8'),
    ]) {
      const whole = parseKeywordFile(bytes);
      const s = await streamed(bytes);
      expect(bytes.length).toBeGreaterThan(CHUNK_BYTES * 2);
      expect(s.encoding).toBe(whole.encoding);
      expect(s.keywords).toEqual(whole.keywords);
      expect([s.rows, s.duplicatesInFile, s.rejectedCount]).toEqual([
        whole.rows,
        whole.duplicatesInFile,
        whole.rejectedCount,
      ]);
      expect(s.duplicates).toEqual(whole.duplicates);
      expect(s.keywords.length).toBeGreaterThan(20_000);
    }
  });

  it('never splits a character made of two UTF-16 units between the pieces csv-parse is handed', async () => {
    // Keywords of emoji only (each two UTF-16 units): the 64K-character pieces of every chunk end
    // inside one of them unless the cut steps back; a split half would read as U+FFFD.
    const emoji = ['😀', '😁', '😂', '🤣', '😃', '😄', '😅', '😆'];
    const lines = ['Keyword,Volume'];
    for (let i = 0, size = 0; size < CHUNK_BYTES * 2.2; i++) {
      let kw = '';
      for (let n = i, d = 0; d < 8; d++, n >>= 3) kw += emoji[n & 7];
      lines.push(`${kw},${i}`);
      size += Buffer.byteLength(lines[lines.length - 1]!) + 1;
    }
    const bytes = Buffer.from(lines.join('\n') + '\n', 'utf8');
    const s = await streamed(bytes);
    expect(s.keywords).toEqual(parseKeywordFile(bytes).keywords);
    expect(s.keywords).toHaveLength(lines.length - 1);
    expect(s.keywords.some((k) => k.keyword.includes('\uFFFD'))).toBe(false);
  });

  it('reads a Windows-1252 file whose first accented byte comes after the first chunk', async () => {
    const lines = ['Keyword;Volume'];
    for (let i = 0, size = 0; size < CHUNK_BYTES * 1.5; i++) {
      lines.push(`plain keyword ${i};${i}`);
      size += lines[lines.length - 1]!.length + 2;
    }
    lines.push('café crème;10', 'price in €;20');
    const bytes = iconv.encode(lines.join('\r\n') + '\r\n', 'windows-1252');
    expect(bytes.subarray(0, CHUNK_BYTES).every((b) => b < 0x80)).toBe(true);
    const s = await streamed(bytes);
    // chardet names the Western code page it finds likeliest (1252 or its Turkish twin 1254, equal for these bytes).
    expect(s.encoding).toBe(parseKeywordFile(bytes).encoding);
    expect(s.encoding).toMatch(/^windows-125[24]$/);
    expect(s.keywords.slice(-2).map((k) => [k.keyword, k.line])).toEqual([
      ['café crème', lines.length - 1],
      ['price in €', lines.length],
    ]);
    expect(s.warnings.join('\n')).toMatch(/not Unicode: read as windows-125/);
  });

  it('names the line of a quote never closed far into the file', async () => {
    const text = bigCsv(['kettle']) + '"open quote,1,x\r\nmore,2,y\r\n';
    const lineOfQuote = text.split('\r\n').length - 2;
    const err = await streamed(Buffer.from(text, 'utf8')).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Igny8Error);
    expect([(err as Igny8Error).code, (err as Igny8Error).details?.line]).toEqual([
      'IMPORT_FAILED',
      lineOfQuote,
    ]);
  });
});
