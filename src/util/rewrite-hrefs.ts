import { openTag, scanHtml, spliceAll } from './html-scan.js';

/**
 * Give every `<a href>` the href `resolve` returns; a link whose href stays the same is left byte
 * for byte, and nothing outside the rewritten tags changes.
 * @example rewriteHrefs('<p><a href="/a/">A</a></p>', (h) => `https://x.example${h}`) // '<p><a href="https://x.example/a/">A</a></p>'
 */
export function rewriteHrefs(html: string, resolve: (href: string) => string): string {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  scanHtml(html, {
    openTag(name, attribs, start, openEnd) {
      if (name !== 'a' || attribs.href === undefined) return;
      const next = resolve(attribs.href);
      if (next !== attribs.href)
        edits.push({ start, end: openEnd, text: openTag(name, { ...attribs, href: next }) });
    },
  });
  return edits.length === 0 ? html : spliceAll(html, edits);
}
