/**
 * Says that someone else changed what the person is editing, keeps their draft, and lets them pick a
 * side: load the other version (their edits go), or keep theirs (a save then replaces the other change).
 * `refused`: a save was just refused for it (409), so nothing of theirs was saved.
 */
export function ChangedElsewhere({
  fields,
  refused = false,
  busy = false,
  onLoadTheirs,
  onKeepMine,
  keepLabel = 'Keep mine',
}: {
  /** Labels of the fields the person edits that changed meanwhile (may be empty when `refused`). */
  fields: string[];
  refused?: boolean;
  busy?: boolean;
  onLoadTheirs: () => void;
  onKeepMine: () => void;
  keepLabel?: string;
}) {
  if (!refused && fields.length === 0) return null;
  const which = fields.length ? ` (${fields.join(', ')})` : '';
  return (
    <div className="notice notice-info" role="alert">
      <p>
        {refused
          ? `Not saved: someone else saved this since you started editing${which}.`
          : `Changed by someone else since you started editing${which}.`}{' '}
        Your draft is kept.
      </p>
      <div className="actions">
        <button type="button" onClick={onLoadTheirs} disabled={busy}>
          Load their version
        </button>
        <button type="button" onClick={onKeepMine} disabled={busy}>
          {keepLabel}
        </button>
      </div>
    </div>
  );
}
