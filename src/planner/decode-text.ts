import type * as Chardet from 'chardet';
import type * as Iconv from 'iconv-lite';
import { Igny8Error } from '../errors/index.js';
import { lazyRequire } from '../util/lazy-require.js';

/** Unicode encodings by name; a legacy code page by its lower-case name (`windows-1252`, `shift_jis`, …). */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | (string & {});

// Loaded only for files that are not Unicode (P11).
const chardet = lazyRequire<typeof Chardet>('chardet');
const iconv = lazyRequire<typeof Iconv>('iconv-lite');

export interface DecodedText {
  encoding: TextEncodingName;
  text: string;
}

/** How many leading bytes the UTF-16-without-BOM and binary sniffers look at. */
export const SNIFF_BYTES = 8192;

/** Signatures of files users pick by mistake: a spreadsheet instead of its CSV export, an archive. */
const MAGIC: Array<{ bytes: number[]; what: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive or an Excel workbook (.xlsx)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel workbook (.xls)' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
];

export const EXPORT_HINT =
  'Export the keywords as CSV, TSV or a plain text list (UTF-8 or UTF-16) and import that file.';

/**
 * Decode an import file: UTF-8 (with or without BOM), UTF-16 LE/BE with a BOM, or UTF-16 without a
 * BOM recognised by its NUL bytes. A file that is none of these is in a legacy code page (Excel on
 * Windows saves "CSV" as Windows-1252): the code page is detected from the byte statistics
 * (chardet) and decoded with iconv-lite; when no code page fits, it is refused with the line of the
 * first bad byte rather than stored mangled.
 * @example decodeText(fs.readFileSync('keyword-planner.tsv')) // { encoding: 'utf-16le', text }
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  refuseNonText(bytes);
  const bom = bomOf(bytes);
  if (bom) return strict(bom.label, bom.name, bytes, bom.skip);
  const utf16 = sniffUtf16(bytes);
  if (utf16) return strict(utf16, utf16, bytes, 0);
  try {
    return strict('utf-8', 'utf-8', bytes, 0);
  } catch (err) {
    const legacy = legacyEncoding(bytes);
    if (legacy === null) throw err;
    return checked(legacy, iconv().decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), legacy));
  }
}

/** The Unicode encoding a byte-order mark names, and its length. */
export function bomOf(
  bytes: Uint8Array,
): { label: 'utf-8' | 'utf-16le' | 'utf-16be'; name: TextEncodingName; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { label: 'utf-8', name: 'utf-8-bom', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { label: 'utf-16le', name: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { label: 'utf-16be', name: 'utf-16be', skip: 2 };
  return null;
}

/**
 * Refuse what is not text from the first bytes alone: an empty file, a spreadsheet or archive, or
 * NUL bytes in a file that is not UTF-16. The streaming import checks its first chunk with it.
 */
export function refuseNonText(bytes: Uint8Array): void {
  if (bytes.length === 0) {
    throw new Igny8Error('IMPORT_FAILED', 'line 1: the file is empty', {
      hint: 'Pick the exported keyword file; it has no bytes at all.',
      details: { line: 1 },
    });
  }
  for (const m of MAGIC) {
    if (m.bytes.every((b, i) => bytes[i] === b)) {
      throw new Igny8Error('UNSUPPORTED_FORMAT', `line 1: this is ${m.what}, not a keyword list`, {
        hint: EXPORT_HINT,
        details: { line: 1 },
      });
    }
  }
  if (bomOf(bytes) !== null || sniffUtf16(bytes)) return;
  const nul = bytes.subarray(0, SNIFF_BYTES).indexOf(0);
  if (nul >= 0) {
    throw new Igny8Error(
      'UNSUPPORTED_FORMAT',
      `line ${lineOfByte(bytes, nul)}: the file contains binary data (a NUL byte at offset ${nul})`,
      { hint: EXPORT_HINT, details: { line: lineOfByte(bytes, nul), offset: nul } },
    );
  }
}

/**
 * Code pages chardet reports that a keyword export can be in. ISO-8859-1 is read as its superset
 * Windows-1252 (what Windows really writes: € and curly quotes live in 0x80–0x9F, control
 * characters in ISO-8859-1).
 */
const LEGACY: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  'iso-8859-2': 'iso-8859-2',
  'windows-1250': 'windows-1250',
  'iso-8859-5': 'iso-8859-5',
  'windows-1251': 'windows-1251',
  'koi8-r': 'koi8-r',
  'iso-8859-7': 'iso-8859-7',
  'windows-1253': 'windows-1253',
  'iso-8859-8': 'iso-8859-8',
  'windows-1255': 'windows-1255',
  'iso-8859-9': 'iso-8859-9',
  'windows-1254': 'windows-1254',
  'windows-1256': 'windows-1256',
  shift_jis: 'shift_jis',
  'euc-jp': 'euc-jp',
  gb18030: 'gb18030',
  big5: 'big5',
  'euc-kr': 'euc-kr',
};

/** The likeliest legacy code page of bytes that are not UTF-8, or null when none is credible. */
export function legacyEncoding(bytes: Uint8Array): string | null {
  for (const guess of chardet().analyse(bytes)) {
    const name = LEGACY[guess.name.toLowerCase()];
    if (name !== undefined && guess.confidence >= 10 && iconv().encodingExists(name)) return name;
  }
  return null;
}

/** UTF-16 without a BOM: ASCII-range text has a NUL in every other byte, on the odd (LE) or even (BE) side. */
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.3 && even <= pairs * 0.02) return 'utf-16le';
  if (even >= pairs * 0.3 && odd <= pairs * 0.02) return 'utf-16be';
  return null;
}

function strict(
  label: 'utf-8' | 'utf-16le' | 'utf-16be',
  name: TextEncodingName,
  bytes: Uint8Array,
  skip: number,
) {
  const body = bytes.subarray(skip);
  let text: string;
  try {
    text = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    // Decode again leniently to find where it broke: the first replacement character marks the spot.
    const loose = new TextDecoder(label, { ignoreBOM: true }).decode(body);
    const at = loose.indexOf('\uFFFD');
    const line = at < 0 ? 1 : countLines(loose, at);
    const what = label === 'utf-8' ? 'valid UTF-8' : `valid ${label.toUpperCase()}`;
    throw new Igny8Error('UNSUPPORTED_FORMAT', `line ${line}: the file is not ${what} text`, {
      hint:
        label === 'utf-8'
          ? `${EXPORT_HINT} In Excel choose "CSV UTF-8"; this file matches no known code page either.`
          : EXPORT_HINT,
      details: { line, encoding: name },
    });
  }
  return checked(name, text);
}

/** Refuse decoded text that is really binary; drop a DOS end-of-file marker. */
function checked(name: TextEncodingName, text: string): DecodedText {
  const control = binaryMarker(text);
  if (control >= 0) {
    const line = countLines(text, control);
    throw new Igny8Error(
      'UNSUPPORTED_FORMAT',
      `line ${line}: the file contains binary data (control characters)`,
      {
        hint: EXPORT_HINT,
        details: { line, encoding: name },
      },
    );
  }
  // A trailing Ctrl-Z is the end-of-file marker of old DOS tools, not data.
  return { encoding: name, text: text.endsWith('\u001A') ? text.slice(0, -1) : text };
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g;

/**
 * Where binary data starts, or -1. A stray control character in a text export only costs its row
 * (rejected later); NULs, or control characters (C0 and C1) making up over 1% of the first few KB,
 * mean it is not text at all.
 */
export function binaryMarker(text: string): number {
  const head = text.slice(0, SNIFF_BYTES);
  const nul = head.indexOf('\u0000');
  if (nul >= 0) return nul;
  let first = -1;
  let count = 0;
  for (const m of head.matchAll(CONTROL)) {
    if (first < 0) first = m.index;
    count++;
  }
  return count > head.length * 0.01 ? first : -1;
}

/** 1-based line number of character `index`. */
export function countLines(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
