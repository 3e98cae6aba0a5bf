import type { RefreshDiff, RefreshResult, RefreshView } from '../../src/index.js';
import { renderTable } from '../output.js';

/** The unified diff, without the `Index:`/`===` lines the library puts above the file headers. */
const body = (diff: string) => diff.split('\n').filter((l) => !l.startsWith('Index:') && !/^=+$/.test(l));

/** One refresh: the post, where it stands, what the rewrite did, and what to do next. */
export function renderRefresh(r: RefreshView): string {
  const lines = [
    `Refresh ${r.id} of ${r.post.url} (post ${r.post.remoteId}, slug ${r.post.slug}): ${r.status}`,
  ];
  if (r.queries.length) lines.push(`Queries: ${r.queries.join('; ')}`);
  if (r.notes) {
    if (r.notes.sectionsAdded.length) lines.push(`Sections added: ${r.notes.sectionsAdded.join('; ')}`);
    const missed = r.notes.queries.filter((q) => !q.covered).map((q) => q.query);
    if (missed.length) lines.push(`Queries still without a section: ${missed.join('; ')}`);
    lines.push(
      `Grounding: ${r.notes.grounding.status}${r.notes.grounding.cited.length ? ` (${r.notes.grounding.cited.length} source(s) cited)` : r.notes.grounding.reason ? ` (${r.notes.grounding.reason})` : ''}`,
    );
    if (r.notes.links.length)
      lines.push(`Links added: ${r.notes.links.map((l) => `"${l.anchor}" → ${l.href}`).join('; ')}`);
  }
  if (r.credits) lines.push(`Credits: ${r.credits}`);
  if (r.error) lines.push(`Error ${r.errorCode ?? ''}: ${r.error}`.replace('  ', ' '));
  const next: Partial<Record<RefreshView['status'], string>> = {
    review: `Review it: igny8 refresh show ${r.id} --diff, then igny8 refresh approve ${r.id}`,
    approved: `Publish it in place: igny8 refresh publish ${r.id}`,
    publishing: `Publishing was interrupted: igny8 refresh publish ${r.id} (or igny8 runs resume)`,
    published: `Live since ${r.publishedAt}. Before/after: igny8 refresh results`,
    stale: `The live post changed; refresh it again: igny8 refresh run ${r.post.url}`,
  };
  if (next[r.status]) lines.push(next[r.status]!);
  return lines.join('\n');
}

/** `igny8 refresh show --diff`: the refresh and its word diff against the live version. */
export function renderRefreshDiff(r: RefreshView & RefreshDiff): string {
  const head = renderRefresh(r);
  if (!r.diff) return `${head}\n(no draft yet, or no difference from the live version)`;
  return [head, '', `Live version (modified ${r.liveModified}) → draft:`, ...body(r.diff)]
    .join('\n')
    .trimEnd();
}

export function renderRefreshList(items: RefreshView[]): string {
  if (!items.length) return '(no refreshes)';
  return renderTable(
    items.map((r) => ({
      id: r.id,
      status: r.status,
      url: r.post.url,
      queries: r.queries.join(', '),
      credits: r.credits,
      updated: r.updatedAt.replace('T', ' ').slice(0, 16),
    })),
  );
}

const pos = (p: number | null) => (p === null ? '-' : p.toFixed(1));

/** `igny8 refresh results`: before against after for each refresh that went live. */
export function renderRefreshResults(results: RefreshResult[]): string {
  if (!results.length) return '(no refresh has gone live yet)';
  return renderTable(
    results.map((r) => ({
      url: r.url,
      live: r.publishedAt.slice(0, 10),
      clicks: r.after ? `${r.before.clicks} → ${r.after.clicks}` : `${r.before.clicks} → …`,
      impressions: r.after
        ? `${r.before.impressions} → ${r.after.impressions}`
        : `${r.before.impressions} → …`,
      position: r.after
        ? `${pos(r.before.position)} → ${pos(r.after.position)}`
        : `${pos(r.before.position)} → …`,
      status:
        r.status === 'ready' ? `${r.days} days each side` : `waiting: ${r.daysAvailable} of ${r.days} days`,
    })),
  );
}
