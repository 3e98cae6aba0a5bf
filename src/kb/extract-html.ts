import type { ExtractedDoc, TextBlock } from './kb.types.js';
import { squash } from './normalize-text.js';

const BLOCKS = 'h1,h2,h3,h4,h5,h6,p,li,blockquote,pre,td,th,dt,dd,figcaption';

interface ElementLike {
  tagName: string;
  textContent: string | null;
  querySelector(sel: string): unknown;
  querySelectorAll(sel: string): Iterable<ElementLike>;
}

/** The leaf text blocks of `root` in document order (an element holding other blocks yields to them). */
function blocksOf(root: ElementLike): TextBlock[] {
  const out: TextBlock[] = [];
  for (const el of root.querySelectorAll(BLOCKS)) {
    if (el.querySelector(BLOCKS)) continue;
    const text = squash(el.textContent ?? '');
    if (!text) continue;
    out.push({ kind: /^h[1-6]$/i.test(el.tagName) ? 'heading' : 'para', text });
  }
  if (out.length === 0) {
    const text = squash(root.textContent ?? '');
    if (text) out.push({ kind: 'para', text });
  }
  return out;
}

/**
 * An HTML page → its main content (Mozilla Readability over a linkedom document: navigation,
 * footers and ads left out), as blocks. `fragment`: the HTML is already the content (DOCX through
 * mammoth), so no main-content pass.
 */
export async function extractHtml(html: string, options: { fragment?: boolean } = {}): Promise<ExtractedDoc> {
  const { parseHTML } = await import('linkedom');
  const wrap = (body: string) => `<!doctype html><html><head></head><body>${body}</body></html>`;
  if (options.fragment) {
    const { document } = parseHTML(wrap(html));
    const blocks = blocksOf(document.body as unknown as ElementLike);
    return { title: blocks.find((b) => b.kind === 'heading')?.text ?? null, blocks };
  }
  const { document } = parseHTML(html);
  const pageTitle = squash(document.querySelector('title')?.textContent ?? '') || null;
  const { Readability } = await import('@mozilla/readability');
  let article: { title?: string | null; content?: string | null } | null = null;
  try {
    article = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
  } catch {
    article = null; // Readability gives up on odd markup: fall back to the whole body below.
  }
  if (article?.content) {
    const { document: content } = parseHTML(wrap(article.content));
    const blocks = blocksOf(content.body as unknown as ElementLike);
    if (blocks.length) return { title: squash(article.title ?? '') || pageTitle, blocks };
  }
  const { document: whole } = parseHTML(html);
  for (const el of whole.querySelectorAll('script,style,noscript,nav,header,footer,aside'))
    (el as unknown as { remove(): void }).remove();
  const body = (whole.body ?? whole.documentElement) as unknown as ElementLike;
  return { title: pageTitle, blocks: body ? blocksOf(body) : [] };
}
