import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../api/client';
import { paths } from '../api/endpoints';
import { apiQuery } from '../api/queries';
import type { SearchHit, SearchResult } from '../api/types';
import { Badge } from '../components/badge';
import { useDebounced } from '../util/use-debounced';
import { NAV } from './nav';
import { useSite } from './site-context';

interface Item {
  key: string;
  label: string;
  kind: string;
  status?: string;
  go(): void;
}

/** Where a search hit opens. */
export function hitPath(hit: SearchHit): string {
  switch (hit.type) {
    case 'content':
      return `/writer/content/${encodeURIComponent(hit.id)}`;
    case 'idea':
      return `/planner/ideas?idea=${encodeURIComponent(hit.id)}`;
    case 'cluster':
      return `/planner/clusters?cluster=${encodeURIComponent(hit.id)}&q=${encodeURIComponent(hit.title)}`;
    default:
      return `/planner?search=${encodeURIComponent(hit.title)}`;
  }
}

/** Ctrl-K (⌘K): search keywords, clusters, ideas and articles, or jump to a page. */
export function CommandPalette() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const { setSiteId } = useSite();
  const navigate = useNavigate();
  const term = useDebounced(q.trim(), 180);
  const search = useQuery({
    ...apiQuery<SearchResult>(paths.search, { q: term, limit: 8 }),
    enabled: term !== '',
    // Keep showing the last hits while the next term is looked up.
    placeholderData: keepPreviousData,
  });
  const hits: SearchHit[] = q.trim() && search.data ? search.data.hits : [];
  const error = q.trim() && search.error ? errorMessage(search.error) : null;
  const pending = q.trim() !== term || search.isFetching;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        open();
      }
    };
    const onOpen = () => open();
    document.addEventListener('keydown', onKey);
    window.addEventListener('igny8:search', onOpen);
    return () => {
      document.removeEventListener('keydown', onKey);
      window.removeEventListener('igny8:search', onOpen);
    };
  }, []);

  useEffect(() => {
    setActive(0);
  }, [search.data]);

  function open() {
    if (!dialog.current?.open) dialog.current?.showModal();
  }
  function close() {
    dialog.current?.close();
    setQ('');
  }

  const typed = q.trim().toLowerCase();
  const pages: Item[] = NAV.filter((n) => typed && n.label.toLowerCase().includes(typed)).map((n) => ({
    key: `page:${n.to}`,
    label: `Go to ${n.label}`,
    kind: 'page',
    go: () => navigate(n.to),
  }));
  const items: Item[] = [
    ...hits.map((h) => ({
      key: `${h.type}:${h.id}`,
      label: h.title,
      kind: h.type,
      status: h.status,
      go: () => {
        setSiteId(h.siteId);
        navigate(hitPath(h));
      },
    })),
    ...pages,
  ];

  const choose = (item: Item | undefined) => {
    if (!item) return;
    close();
    item.go();
  };

  return (
    <dialog ref={dialog} className="palette" aria-label="Search" onClose={() => setQ('')}>
      <form method="dialog" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`${listId}-q`} className="sr-only">
          Search keywords, clusters, ideas and articles
        </label>
        <input
          id={`${listId}-q`}
          type="search"
          role="combobox"
          aria-expanded={items.length > 0}
          aria-controls={listId}
          aria-activedescendant={items[active] ? `${listId}-${active}` : undefined}
          aria-autocomplete="list"
          placeholder="Search keywords, clusters, ideas, articles…"
          value={q}
          autoFocus
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((a) => Math.min(items.length - 1, a + 1));
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
            else if (e.key === 'Enter') choose(items[active]);
            else return;
            e.preventDefault();
          }}
        />
      </form>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <ul id={listId} role="listbox" aria-label="Results" className="palette-results">
        {items.map((item, i) => (
          <li
            key={item.key}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(item)}
          >
            <span className="kind">{item.kind}</span>
            <span className="grow">{item.label}</span>
            {item.status ? <Badge status={item.status} /> : null}
          </li>
        ))}
      </ul>
      {typed && items.length === 0 && !error ? (
        <p className="muted" role="status">
          {pending ? 'Searching…' : `No matches for “${q.trim()}”.`}
        </p>
      ) : null}
      <p className="muted small palette-help">
        ↑↓ to move, Enter to open, Esc to close.{' '}
        <button type="button" className="link-button" onClick={close}>
          Close
        </button>
      </p>
    </dialog>
  );
}
