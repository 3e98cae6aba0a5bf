import { Igny8Error } from '../errors/index.js';
import { extractHtml } from './extract-html.js';
import type { ExtractedDoc } from './kb.types.js';

/** DOCX → HTML (mammoth keeps headings, paragraphs, lists and tables) → blocks. */
export async function extractDocx(bytes: Uint8Array, name: string): Promise<ExtractedDoc> {
  const mammoth = (await import('mammoth')).default;
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (err) {
    throw new Igny8Error(
      'KB_SOURCE_UNREADABLE',
      `${name} is not a readable DOCX file (${(err as Error).message})`,
      {
        hint: 'Save it again as .docx from a word processor (the older .doc format is not read).',
        cause: err,
      },
    );
  }
  return extractHtml(html, { fragment: true });
}
