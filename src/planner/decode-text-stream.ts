import type * as Iconv from 'iconv-lite';
import { Igny8Error } from '../errors/index.js';
import { lazyRequire } from '../util/lazy-require.js';
import {
  EXPORT_HINT,
  SNIFF_BYTES,
  binaryMarker,
  bomOf,
  countLines,
  legacyEncoding,
  refuseNonText,
  sniffUtf16,
  type TextEncodingName,
} from './decode-text.js';

const iconv = lazyRequire<typeof Iconv>('iconv-lite');

/** Opens the file's bytes from the start; called more than once (detection, then the real pass). */
export type ByteSource = () => AsyncIterable<Uint8Array>;

export interface TextStream {
  encoding: TextEncodingName;
  /** The decoded text, chunk by chunk (no BOM, no trailing DOS end-of-file marker). */
  chunks: AsyncIterable<string>;
}

/** Bytes per chunk of an in-memory upload; a file is read in chunks of the same size. */
export const CHUNK_BYTES = 1 << 20;

/**
 * Bytes decoded into one string. A chunk's worth (a megabyte) would land in V8's large-object
 * space, and a large import's garbage of those (twice the file: the UTF-8 check, then the text)
 * made the parse run a full collection every few chunks, most of its GC time (P4). Strings of at
 * most 64 KB die young instead.
 */
const DECODE_BYTES = 1 << 15;

/** Chunks of bytes already in memory (an upload), without copying them. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return async function* chunksOf() {
    for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
    if (bytes.length === 0) yield bytes;
  };
}

/**
 * The streaming form of decodeText, with the same rules and errors: the encoding is detected from
 * the first bytes (BOM, UTF-16 NUL pattern, binary signatures); a file without either is checked to
 * be UTF-8 in one cheap pass before anything is parsed, and otherwise read in the legacy code page
 * chardet finds around the first non-UTF-8 bytes. Nothing holds more than a chunk of the file.
 * @example const { encoding, chunks } = await openTextStream(bytesSource(buf)); for await (const s of chunks) …
 */
export async function openTextStream(open: ByteSource): Promise<TextStream> {
  const head = await readHead(open);
  refuseNonText(head);
  const bom = bomOf(head);
  if (bom) return { encoding: bom.name, chunks: decodeUnicode(open, bom.label, bom.skip) };
  const utf16 = sniffUtf16(head);
  if (utf16) return { encoding: utf16, chunks: decodeUnicode(open, utf16, 0) };
  const bad = await firstNonUtf8(open);
  if (bad === null) return { encoding: 'utf-8', chunks: decodeUnicode(open, 'utf-8', 0) };
  const legacy = legacyEncoding(bad.chunk);
  if (legacy === null) {
    const line = bad.linesBefore + lineOfReplacement(bad.chunk, 'utf-8') - 1;
    throw new Igny8Error('UNSUPPORTED_FORMAT', `line ${line}: the file is not valid UTF-8 text`, {
      hint: `${EXPORT_HINT} In Excel choose "CSV UTF-8"; this file matches no known code page either.`,
      details: { line, encoding: 'utf-8' },
    });
  }
  return { encoding: legacy, chunks: decodeLegacy(open, legacy) };
}

async function readHead(open: ByteSource): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const chunk of open()) {
    parts.push(chunk);
    n += chunk.length;
    if (n >= SNIFF_BYTES) break;
  }
  return Buffer.concat(parts);
}

/** The first chunk that is not valid UTF-8 (with the lines before it), or null when all of it is. */
async function firstNonUtf8(open: ByteSource): Promise<{ chunk: Uint8Array; linesBefore: number } | null> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let linesBefore = 1;
  let last: Uint8Array | null = null;
  for await (const chunk of open()) {
    try {
      for (let at = 0; at < chunk.length; at += DECODE_BYTES)
        decoder.decode(chunk.subarray(at, at + DECODE_BYTES), { stream: true });
    } catch {
      return { chunk, linesBefore };
    }
    linesBefore += newlines(chunk);
    last = chunk;
  }
  try {
    decoder.decode();
  } catch {
    // The file ends inside a character: the last chunk holds the bad bytes.
    return last ? { chunk: last, linesBefore: linesBefore - newlines(last) } : null;
  }
  return null;
}

function newlines(chunk: Uint8Array): number {
  let n = 0;
  for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** 1-based line, within the chunk, of the first byte the decoder cannot read. */
function lineOfReplacement(chunk: Uint8Array, label: string): number {
  const loose = new TextDecoder(label, { ignoreBOM: true }).decode(chunk);
  const at = loose.indexOf('\uFFFD');
  return at < 0 ? 1 : countLines(loose, at);
}

function decodeUnicode(
  open: ByteSource,
  label: 'utf-8' | 'utf-16le' | 'utf-16be',
  skip: number,
): AsyncIterable<string> {
  const decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  let linesBefore = 1;
  const fail = (chunk: Uint8Array): never => {
    const line = linesBefore + lineOfReplacement(chunk, label) - 1;
    const what = label === 'utf-8' ? 'valid UTF-8' : `valid ${label.toUpperCase()}`;
    throw new Igny8Error('UNSUPPORTED_FORMAT', `line ${line}: the file is not ${what} text`, {
      hint:
        label === 'utf-8'
          ? `${EXPORT_HINT} In Excel choose "CSV UTF-8"; this file matches no known code page either.`
          : EXPORT_HINT,
      details: { line, encoding: skip === 3 ? 'utf-8-bom' : label },
    });
  };
  return checkedText(skip === 3 ? 'utf-8-bom' : label, async function* unicode() {
    let first = true;
    let last: Uint8Array = new Uint8Array(0);
    for await (const raw of open()) {
      const chunk = first ? raw.subarray(skip) : raw;
      first = false;
      // The whole chunk is decoded before any of it is passed on, as when it was one string.
      const texts: string[] = [];
      try {
        for (let at = 0; at < chunk.length; at += DECODE_BYTES)
          texts.push(decoder.decode(chunk.subarray(at, at + DECODE_BYTES), { stream: true }));
      } catch {
        return fail(chunk);
      }
      // Only UTF-16 and BOM'd UTF-8 can still fail here (plain UTF-8 was checked): count lines for the error.
      if (skip > 0 || label !== 'utf-8') for (const t of texts) linesBefore += countLines(t, t.length) - 1;
      last = chunk;
      yield* texts;
    }
    try {
      yield decoder.decode();
    } catch {
      return fail(last);
    }
  });
}

function decodeLegacy(open: ByteSource, encoding: string): AsyncIterable<string> {
  return checkedText(encoding, async function* legacy() {
    const decoder = iconv().getDecoder(encoding);
    for await (const chunk of open())
      for (let at = 0; at < chunk.length; at += DECODE_BYTES) {
        const end = Math.min(at + DECODE_BYTES, chunk.length);
        yield decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset + at, end - at));
      }
    const rest = decoder.end();
    if (rest) yield rest;
  });
}

/**
 * The checks decodeText makes on the whole text, made on the stream: binary data in the first few
 * KB is refused with its line; one trailing Ctrl-Z (the end-of-file marker of old DOS tools) is dropped.
 */
async function* checkedText(
  encoding: TextEncodingName,
  source: () => AsyncIterable<string>,
): AsyncIterable<string> {
  // Nothing is passed on before the head is checked, as decodeText refuses before parsing.
  let checked = false;
  let held = '';
  for await (const piece of source()) {
    if (piece === '') continue;
    let text = held + piece;
    held = '';
    if (!checked) {
      if (text.length < SNIFF_BYTES) {
        held = text;
        continue;
      }
      refuseBinary(text.slice(0, SNIFF_BYTES), encoding);
      checked = true;
    }
    if (text.endsWith('\u001A')) {
      held = '\u001A';
      text = text.slice(0, -1);
    }
    if (text !== '') yield text;
  }
  if (!checked) {
    refuseBinary(held.slice(0, SNIFF_BYTES), encoding);
    if (held.endsWith('\u001A')) held = held.slice(0, -1);
    if (held !== '') yield held;
  }
}

function refuseBinary(head: string, encoding: TextEncodingName): void {
  const control = binaryMarker(head);
  if (control < 0) return;
  const line = countLines(head, control);
  throw new Igny8Error(
    'UNSUPPORTED_FORMAT',
    `line ${line}: the file contains binary data (control characters)`,
    {
      hint: EXPORT_HINT,
      details: { line, encoding },
    },
  );
}
