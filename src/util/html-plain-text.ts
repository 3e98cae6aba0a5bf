import { scanHtml } from './html-scan.js';

/**
 * The text of a short HTML fragment (a title, a term name, a server's message): entities decoded,
 * scripts and comments left out, whitespace collapsed. `gap` is what each tag stands for.
 * @example htmlPlainText('Caf&eacute; <b>&amp;</b> Tea') // "Café & Tea"
 */
export function htmlPlainText(html: string, gap = ''): string {
  let out = '';
  scanHtml(html, {
    openTag() {
      out += gap;
    },
    text(run) {
      if (!run.open.some((n) => n === 'script' || n === 'style')) out += run.text;
    },
    closeTag(span) {
      if (!span.implied) out += gap;
    },
  });
  return out.replace(/\s+/g, ' ').trim();
}
