import type { KbFormat } from './kb.types.js';

const EXTENSIONS: Record<string, KbFormat> = {
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
  txt: 'text',
  text: 'text',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  pdf: 'pdf',
  docx: 'docx',
};

const MIME: Record<string, KbFormat> = {
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/plain': 'text',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

export const KB_FORMATS: readonly KbFormat[] = ['markdown', 'text', 'html', 'pdf', 'docx'];

/** The format a file name's extension names, or null (unknown or no extension). */
export function formatFromName(name: string): KbFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return ext ? (EXTENSIONS[ext] ?? null) : null;
}

/** The format a Content-Type header names, or null. */
export function formatFromMime(contentType: string | null): KbFormat | null {
  const mime = contentType?.split(';')[0]?.trim().toLowerCase();
  return mime ? (MIME[mime] ?? null) : null;
}

/**
 * The format the bytes themselves show: PDF and ZIP (DOCX) magic numbers, an HTML opening, else
 * text. A NUL byte in the first 8 KiB of what is not PDF or DOCX means binary (null).
 * @example sniffFormat(Buffer.from('%PDF-1.4 …')) // 'pdf'
 */
export function sniffFormat(bytes: Uint8Array): KbFormat | null {
  const head = Buffer.from(bytes.subarray(0, 8192));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'docx';
  if (isBinary(head)) return null;
  const start = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 200)
    .toLowerCase();
  if (
    start.startsWith('<!doctype html') ||
    start.startsWith('<html') ||
    /^<(head|body|article)\b/.test(start)
  )
    return 'html';
  return 'text';
}

/** A NUL byte in the first 8 KiB: no text file has one. */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}
