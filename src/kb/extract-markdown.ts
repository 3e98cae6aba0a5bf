import type { ExtractedDoc, TextBlock } from './kb.types.js';
import { squash } from './normalize-text.js';

/** Markdown inline syntax reduced to its text: links and images keep their words, code its content. */
function inline(text: string): string {
  return squash(
    text
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/(\*\*|__)(.*?)\1/g, '$2')
      .replace(/(^|\W)[*_](\S[^*_]*?)[*_](?=\W|$)/g, '$1$2')
      .replace(/<[^>]+>/g, ' '),
  );
}

/**
 * Markdown or plain text → blocks: ATX headings (`# …`) and setext underlines become headings (plain
 * text has none), blank lines separate paragraphs, list items are paragraphs of their own. The first
 * heading is the title.
 */
export function extractMarkdown(source: string, markdown: boolean): ExtractedDoc {
  const blocks: TextBlock[] = [];
  let para: string[] = [];
  const flush = () => {
    const text = inline(para.join(' '));
    if (text) blocks.push({ kind: 'para', text: markdown ? text : squash(para.join(' ')) });
    para = [];
  };
  const lines = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (markdown && /^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      para.push(line);
      continue;
    }
    const atx = markdown ? /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line) : null;
    const setext =
      markdown && para.length === 1 && /^\s{0,3}(=+|-+)\s*$/.test(line) && line.trim().length > 1;
    if (atx) {
      flush();
      blocks.push({ kind: 'heading', text: inline(atx[2]!) });
    } else if (setext) {
      const text = inline(para[0]!);
      para = [];
      blocks.push({ kind: 'heading', text });
    } else if (!line.trim()) flush();
    else if (markdown && /^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      flush();
      para.push(line.replace(/^\s*([-*+]|\d+[.)])\s+/, ''));
      flush();
    } else para.push(line);
  }
  flush();
  const first = blocks.find((b) => b.kind === 'heading');
  return { title: first?.text ?? null, blocks: blocks.filter((b) => b.text) };
}
