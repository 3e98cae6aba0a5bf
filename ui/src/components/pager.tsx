import { num } from '../util/format';

/** Previous/next over a paginated list, with "21–40 of 95". */
export function Pager({
  count,
  offset,
  limit,
  onChange,
  label,
}: {
  count: number;
  offset: number;
  limit: number;
  onChange: (offset: number) => void;
  label: string;
}) {
  if (count <= limit) return null;
  const last = Math.min(count, offset + limit);
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        Previous
      </button>
      <span className="muted small" aria-live="polite">
        {num(offset + 1)}–{num(last)} of {num(count)}
      </span>
      <button type="button" disabled={last >= count} onClick={() => onChange(offset + limit)}>
        Next
      </button>
    </nav>
  );
}
