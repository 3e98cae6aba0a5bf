import type TurndownService from 'turndown';
import type * as TurndownGfm from 'turndown-plugin-gfm';
import { lazyRequire } from '../util/lazy-require.js';

// Loaded on first use: turndown brings a DOM (domino, 150 modules), 35–50 ms of every command's
// start, and only exports need it (P11).
const turndown = lazyRequire<typeof TurndownService>('turndown');
const turndownGfm = lazyRequire<typeof TurndownGfm>('turndown-plugin-gfm');

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
    const Turndown = turndown();
    service = new Turndown({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced' });
    service.use(turndownGfm().gfm);
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
