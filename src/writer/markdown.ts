import TurndownService from 'turndown';
import { gfm } from 'turndown-plugin-gfm';

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const mdEscape = (s: string) => s.replace(/([\\[\]*_])/g, '\\$1');

let service: TurndownService | undefined;

/**
 * HTML → Markdown with GitHub-flavoured tables (cells stay in rows instead of becoming paragraphs)
 * and figures as one image plus one italic caption line, so a caption is never written twice.
 * @example htmlToMarkdown('<table><tr><th>a</th></tr><tr><td>1</td></tr></table>') // '| a |\n| --- |\n| 1 |'
 */
export function htmlToMarkdown(html: string): string {
  if (!service) {
    service = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced' });
    service.use(gfm);
    service.addRule('figure', {
      filter: 'figure',
      replacement: (_content, node) => {
        // turndown's node is a DOM element; this project's lib has no DOM types, so name what we use.
        const el = node as unknown as {
          querySelector(
            sel: string,
          ): { getAttribute(n: string): string | null; textContent: string | null } | null;
        };
        const img = el.querySelector('img');
        const caption = clean(el.querySelector('figcaption')?.textContent);
        const src = img?.getAttribute('src');
        const image = src ? `![${mdEscape(clean(img?.getAttribute('alt')))}](${src})` : '';
        const lines = [image, caption ? `*${mdEscape(caption)}*` : ''].filter(Boolean);
        return lines.length ? `\n\n${lines.join('\n')}\n\n` : '';
      },
    });
  }
  return service.turndown(html);
}
