export interface LinkSuggestion {
  targetContentId: string;
  targetTitle?: string;
  anchor: string;
  /** Where the link points: the target's slug path, or its live URL once published. */
  href: string;
  reason?: string;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

/** Walk text runs between tags, tracking whether we are in a p/li and outside a/headings. */
function linkFirst(html: string, anchor: string, href: string): string | null {
  const re = new RegExp(`\\b${escapeRe(anchor)}\\b`, 'i');
  const tokens = html.split(/(<[^>]+>)/);
  let inBlock = 0;
  let inLink = 0;
  let inHeading = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.startsWith('<')) {
      const m = /^<(\/?)([a-z0-9]+)/i.exec(t);
      if (!m) continue;
      const delta = m[1] ? -1 : t.endsWith('/>') ? 0 : 1;
      const tag = m[2]!.toLowerCase();
      if (tag === 'p' || tag === 'li') inBlock += delta;
      else if (tag === 'a') inLink += delta;
      else if (/^h[1-6]$/.test(tag)) inHeading += delta;
      continue;
    }
    if (inBlock <= 0 || inLink > 0 || inHeading > 0) continue;
    const m = re.exec(t);
    if (!m) continue;
    tokens[i] =
      `${t.slice(0, m.index)}<a href="${href.replace(/"/g, '&quot;')}">${m[0]}</a>${t.slice(m.index + m[0].length)}`;
    return tokens.join('');
  }
  return null;
}
