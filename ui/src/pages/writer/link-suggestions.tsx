import { Link } from 'react-router';
import type { Content } from '../../api/types';

/** Internal links proposed for review; approving applies them (each target linked once). */
export function LinkSuggestions({ content }: { content: Content }) {
  const links = content.linkSuggestions;
  if (!links || (links.suggestions.length === 0 && links.applied.length === 0))
    return <p className="muted">No internal link suggestions for this article.</p>;
  const applied = new Set(links.applied.map((l) => `${l.targetContentId}:${l.anchor}`));
  return (
    <ul className="plain-list links">
      {links.suggestions.map((l) => (
        <li key={`${l.targetContentId}:${l.anchor}`}>
          “{l.anchor}” →{' '}
          <Link to={`/writer/content/${encodeURIComponent(l.targetContentId)}`}>
            {l.targetTitle ?? l.href}
          </Link>{' '}
          {applied.has(`${l.targetContentId}:${l.anchor}`) ? (
            <span className="badge badge-ok">applied</span>
          ) : (
            <span className="badge badge-info">on approve</span>
          )}
          {l.reason ? <div className="muted small">{l.reason}</div> : null}
        </li>
      ))}
    </ul>
  );
}
