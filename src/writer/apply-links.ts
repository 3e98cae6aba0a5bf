import { escapeAttribute, scanHtml } from '../util/html-scan.js';

export interface LinkSuggestion {
  targetContentId: string;
  targetTitle?: string;
  anchor: string;
  /** Where the link points: the target's slug path, or its live URL once published. */
  href: string;
  reason?: string;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Text inside these is never linked: links, headings, code, and what is not prose. */
const NO_LINK = new Set(
  'a h1 h2 h3 h4 h5 h6 code pre kbd samp var script style template textarea button select option svg math'.split(
    ' ',
  ),
);

/**
 * Link the first plain-text occurrence of each anchor inside a paragraph or list item, never inside
 * an existing link or heading, at most once per target. Returns the new HTML and what was applied.
 */
export function applyLinks(
  html: string,
  suggestions: LinkSuggestion[],
): { html: string; applied: LinkSuggestion[] } {
  let out = html;
  const applied: LinkSuggestion[] = [];
  const linked = new Set<string>();
  for (const s of suggestions) {
    const anchor = s.anchor.trim();
    if (linked.has(s.targetContentId) || !anchor) continue;
    const next = linkFirst(out, anchor, s.href);
    if (next === null) continue;
    out = next;
    applied.push(s);
    linked.add(s.targetContentId);
  }
  return { html: out, applied };
}

/**
 * The first text run inside a paragraph or list item (and outside NO_LINK elements) where the anchor
 * appears as whole words, outside any character reference; linked in place, the rest of the HTML kept
 * byte for byte. Null when the anchor appears nowhere it may be linked.
 */
function linkFirst(html: string, anchor: string, href: string): string | null {
  const re = new RegExp(`\\b${escapeRe(anchor)}\\b`, 'gi');
  let hit: { start: number; end: number } | null = null;
  scanHtml(html, {
    text(run) {
      if (hit || !run.open.some((n) => n === 'p' || n === 'li') || run.open.some((n) => NO_LINK.has(n)))
        return;
      const raw = html.slice(run.start, run.end);
      re.lastIndex = 0;
      for (let m = re.exec(raw); m; m = re.exec(raw)) {
        const start = run.start + m.index;
        const end = start + m[0].length;
        // "&amp;" must stay whole: a link never starts or ends inside a character reference.
        if (run.entities.some(([s, e]) => start < e && end > s && !(start <= s && end >= e))) continue;
        hit = { start, end };
        return false;
      }
    },
  });
  if (!hit) return null;
  const { start, end } = hit;
  return `${html.slice(0, start)}<a href="${escapeAttribute(href)}">${html.slice(start, end)}</a>${html.slice(end)}`;
}
