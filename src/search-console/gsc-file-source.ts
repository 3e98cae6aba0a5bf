import fs from 'node:fs';
import { Igny8Error } from '../errors/index.js';
import { CHUNK_BYTES, bytesSource, type ByteSource } from '../planner/decode-text-stream.js';
import { aggregatedExport } from './gsc-columns.js';

/** A million-row export with long URLs and queries is ~150 MB; larger files are split first. */
const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;

/** The bytes to import, from a path (streamed, never read whole) or an upload already in memory. */
export function gscByteSource(input: { file?: string; bytes?: Uint8Array }): ByteSource {
  if (input.bytes) return bytesSource(input.bytes);
  const file = input.file!;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Igny8Error(
      missing ? 'FILE_NOT_FOUND' : 'IMPORT_FAILED',
      `Cannot open ${file}: ${(cause as Error).message}`,
      {
        hint: missing
          ? 'Check the path (relative paths start from the current folder).'
          : 'Check the file permissions.',
        cause,
      },
    );
  }
  if (!stat.isFile())
    throw new Igny8Error('IMPORT_FAILED', `${file} is not a file`, { hint: 'Pass the exported CSV file.' });
  if (stat.size > MAX_FILE_BYTES)
    throw new Igny8Error('IMPORT_FAILED', `${file} is ${Math.round(stat.size / 1e6)} MB; the limit is 2 GB`, {
      hint: 'Split the export by date range and import each part.',
    });
  return async function* chunks() {
    try {
      for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK_BYTES }))
        yield chunk as Buffer;
    } catch (cause) {
      if (cause instanceof Igny8Error) throw cause;
      throw new Igny8Error('IMPORT_FAILED', `Cannot read ${file}: ${(cause as Error).message}`, {
        hint: 'Check the file permissions.',
        cause,
      });
    }
  };
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const UI_EXPORT_FILES = /(Queries|Pages|Dates|Countries|Devices|Search appearance|Filters|Chart)\.csv/;

/**
 * Refuse a ZIP before decoding: the Search Console UI's "Export → Download CSV" is a zip of period
 * totals (GSC_AGGREGATED_EXPORT); any other archive is unsupported (unzip it and import the CSV).
 */
export async function refuseArchive(open: ByteSource): Promise<void> {
  let head: Uint8Array | null = null;
  for await (const chunk of open()) {
    head = chunk;
    break;
  }
  if (!head || !ZIP.every((b, i) => head![i] === b)) return;
  const names = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 1 << 20)).toString('latin1');
  if (UI_EXPORT_FILES.test(names))
    throw aggregatedExport(
      'This is the Search Console UI export (a zip of Queries.csv, Pages.csv, Dates.csv …)',
    );
  throw new Igny8Error('UNSUPPORTED_FORMAT', 'line 1: this is a ZIP archive, not a CSV file', {
    hint: 'Unzip it and import the CSV with Date, Page and/or Query, Clicks, Impressions and Position columns.',
    details: { line: 1 },
  });
}
