import type { DiffSegment } from '../../api/types';

/** Unchanged text longer than this is cut to its ends, so the changes stay in view. */
const KEEP = 160;

function shorten(text: string): string {
  if (text.length <= KEEP * 2 + 20) return text;
  return `${text.slice(0, KEEP)} … ${text.slice(-KEEP)}`;
}

/**
 * A word diff: insertions in <ins>, deletions in <del> (struck through; both named for screen
 * readers), long unchanged stretches shortened. It wraps at any width: no sideways scrolling.
 */
export function WordDiff({ segments, label }: { segments: DiffSegment[]; label: string }) {
  const changed = segments.filter((s) => s.op !== 'same').length;
  if (changed === 0) return <p className="muted">No changes: the article already read clean.</p>;
  return (
    <div className="word-diff" role="group" aria-label={label}>
      <p className="muted small">
        {changed} changed {changed === 1 ? 'stretch' : 'stretches'}: <ins>added</ins> · <del>removed</del>
      </p>
      <p className="word-diff-text">
        {segments.map((s, i) =>
          s.op === 'added' ? (
            <ins key={i}>
              <span className="sr-only">added: </span>
              {s.text}
            </ins>
          ) : s.op === 'removed' ? (
            <del key={i}>
              <span className="sr-only">removed: </span>
              {s.text}
            </del>
          ) : (
            <span key={i}>{shorten(s.text)}</span>
          ),
        )}
      </p>
    </div>
  );
}
