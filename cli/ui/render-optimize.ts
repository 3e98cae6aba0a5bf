import type { OptimizeDiff, OptimizeResult } from '../../src/index.js';

/** The unified diff, without the `Index:`/`===` lines the library puts above the file headers. */
function body(diff: string): string[] {
  return diff.split('\n').filter((l) => !l.startsWith('Index:') && !/^=+$/.test(l));
}

/** What `igny8 optimize` changed: the phrases found, the word changes, and the text diff. */
export function renderOptimize(r: OptimizeResult, dryRun: boolean): string {
  const lines: string[] = [];
  const what =
    r.mode === 'rewrite' ? `AI rewrite (${r.credits} credits) + phrase scrubber` : 'phrase scrubber';
  if (!r.changed) return `Article ${r.contentId}: nothing to change (${what}).`;
  lines.push(
    `Article ${r.contentId}: ${what}, ${r.changes.length} change(s) ${dryRun ? '(dry run, not saved)' : 'saved'}.`,
  );
  if (r.aiPhrases.length) lines.push(`AI phrasing found: ${r.aiPhrases.join('; ')}`);
  if (r.bannedPhrases.length) lines.push(`Voice guide phrases found: ${r.bannedPhrases.join('; ')}`);
  const words = r.changes.slice(0, 20).map((c) => `"${c.removed.trim()}" → "${c.added.trim()}"`);
  if (words.length)
    lines.push(
      `Changed: ${words.join('; ')}${r.changes.length > 20 ? `; and ${r.changes.length - 20} more` : ''}`,
    );
  lines.push('', ...body(r.diff));
  if (!dryRun) lines.push(`Show it again with: igny8 optimize ${r.contentId} --show-diff`);
  return lines.join('\n').trimEnd();
}

/** The last optimization's diff (`igny8 optimize ID --show-diff`). */
export function renderOptimizeDiff(d: OptimizeDiff): string {
  const head = `Article ${d.contentId}: last optimized ${d.at} (${d.mode}); before → now:`;
  return d.diff ? [head, '', ...body(d.diff)].join('\n').trimEnd() : `${head} no difference.`;
}
