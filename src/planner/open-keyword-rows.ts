import { bytesSource, openTextStream, type ByteSource } from './decode-text-stream.js';
import { importFileSource } from './import-file-source.js';
import { readKeywordRows, type KeywordRowStream } from './read-keyword-rows.js';
import type { FormatOption } from './sniff-layout.js';

/** What a keyword import reads: a file path, or the bytes of an upload. */
export interface KeywordRowInput {
  file?: string | undefined;
  bytes?: Uint8Array | undefined;
  format: FormatOption;
}

/** Larger files are not keyword exports (a million-row export is ~60 MB), and would not fit in a string. */
const MAX_FILE_BYTES = 400 * 1024 * 1024;

/**
 * Decode and sniff an import in this thread and stream its rows: the checks (missing file, too large,
 * not text, no keyword column) throw here, before any transaction opens.
 * @example const rows = await openKeywordRows({ file: 'semrush.csv', format: 'auto' })
 */
export async function openKeywordRows(input: KeywordRowInput): Promise<KeywordRowStream> {
  const text = await openTextStream(input.bytes ? bytesSource(input.bytes) : fileSource(input.file!));
  return readKeywordRows(text, { format: input.format });
}

/** The file in chunks, checked first (missing, not a file, too large) with the same errors as before. */
function fileSource(file: string): ByteSource {
  return importFileSource(file, {
    maxBytes: MAX_FILE_BYTES,
    maxLabel: '400 MB',
    notAFileHint: 'Pass the exported CSV/TSV/TXT file.',
    tooLargeHint: 'Split the export into smaller files and import each.',
  });
}
