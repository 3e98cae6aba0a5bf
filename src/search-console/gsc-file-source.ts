import { Igny8Error } from '../errors/index.js';
import { bytesSource, type ByteSource } from '../planner/decode-text-stream.js';
import { importFileSource } from '../planner/import-file-source.js';
import { aggregatedExport } from './gsc-columns.js';

/** A million-row export with long URLs and queries is ~150 MB; larger files are split first. */
const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;

/** The bytes to import, from a path (streamed, never read whole) or an upload already in memory. */
export function gscByteSource(input: { file?: string; bytes?: Uint8Array }): ByteSource {
  if (input.bytes) return bytesSource(input.bytes);
  return importFileSource(input.file!, {
    maxBytes: MAX_FILE_BYTES,
    maxLabel: '2 GB',
    notAFileHint: 'Pass the exported CSV file.',
    tooLargeHint: 'Split the export by date range and import each part.',
  });
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
