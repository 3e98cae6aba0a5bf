import { Igny8Error } from '../errors/index.js';
import { extractHtml } from './extract-html.js';
import type { ExtractedDoc } from './kb.types.js';
import { zipExpandedSize } from './zip-expanded-size.js';

/** DOCX → HTML (mammoth keeps headings, paragraphs, lists and tables) → blocks. */
export async function extractDocx(
  bytes: Uint8Array,
  name: string,
  maxExpandedBytes = 100 * 1024 * 1024,
): Promise<ExtractedDoc> {
  const expanded = zipExpandedSize(bytes);
  if (expanded === null)
    throw new Igny8Error('KB_SOURCE_UNREADABLE', `${name} is not a readable DOCX file (no ZIP directory)`, {
      hint: 'Save it again as .docx from a word processor (the older .doc format is not read).',
    });
  if (expanded > maxExpandedBytes)
    throw new Igny8Error(
      'KB_SOURCE_TOO_LARGE',
      `${name} expands to more than ${Math.round(maxExpandedBytes / 1048576)} MiB`,
      {
        hint: 'Split the document, or save the part you need as a new file.',
      },
    );
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
