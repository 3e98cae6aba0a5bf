import { Igny8Error } from '../errors/index.js';
import type { ExtractedDoc, TextBlock } from './kb.types.js';
import { squash } from './normalize-text.js';

interface TextItem {
  str?: string;
  hasEOL?: boolean;
}

/**
 * PDF → one paragraph block per run of lines of each page (pdfjs-dist's text layer; no rendering, no
 * fonts, no eval). A PDF that pdfjs cannot open, or that has no text layer (a scan), is refused.
 */
export async function extractPdf(bytes: Uint8Array, name: string): Promise<ExtractedDoc> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: true,
      verbosity: 0,
    }).promise;
  } catch (err) {
    throw new Igny8Error(
      'KB_SOURCE_UNREADABLE',
      `${name} is not a readable PDF (${(err as Error).message})`,
      {
        hint: 'Check that the file opens in a PDF viewer, or export it again.',
        cause: err,
      },
    );
  }
  try {
    const blocks: TextBlock[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let line = '';
      const lines: string[] = [];
      for (const item of content.items as TextItem[]) {
        line += item.str ?? '';
        if (item.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      lines.push(line);
      // An empty line (two EOLs in a row) separates paragraphs.
      let para: string[] = [];
      for (const l of [...lines, '']) {
        if (l.trim()) para.push(l);
        else if (para.length) {
          blocks.push({ kind: 'para', text: squash(para.join(' ').replace(/-\s+(?=\p{Ll})/gu, '')) });
          para = [];
        }
      }
      page.cleanup();
    }
    const info = (await doc.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' && info.Title.trim() ? squash(info.Title) : null;
    return { title, blocks: blocks.filter((b) => b.text) };
  } catch (err) {
    throw new Igny8Error(
      'KB_SOURCE_UNREADABLE',
      `${name}: reading the PDF's text failed (${(err as Error).message})`,
      {
        hint: 'The PDF may be damaged; export it again.',
        cause: err,
      },
    );
  } finally {
    await doc.destroy();
  }
}
