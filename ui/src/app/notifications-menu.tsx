import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { paths } from '../api/endpoints';
import { apiQuery, useInvalidate } from '../api/queries';
import type { Notification, Page } from '../api/types';
import { AsyncView } from '../components/feedback';
import { BellIcon } from '../components/icons';
import { timeAgo } from '../util/format';

/** The bell in the top bar: unread count, the latest notifications, mark read. */
export function NotificationsMenu() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const unread = useQuery({
    ...apiQuery<Page<Notification>>(paths.notifications, { unread: 'true', page_size: 1 }),
    refetchInterval: 60_000,
  });
  const list = useQuery({
    ...apiQuery<Page<Notification>>(paths.notifications, { page_size: 10 }),
    enabled: open,
  });
  const count = unread.data?.count ?? 0;
  const read = useMutation({
    mutationFn: (ids: string[] | 'all') => api(paths.notificationsRead, { method: 'POST', body: { ids } }),
    onSuccess: () => invalidate(paths.notifications),
  });

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const follow = (n: Notification) => {
    if (!n.read) read.mutate([n.id]);
    if (n.actionUrl?.startsWith('/')) {
      setOpen(false);
      navigate(n.actionUrl);
    }
  };

  return (
    <div className="menu" ref={root}>
      <button
        type="button"
        className="icon-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={count ? `Notifications, ${count} unread` : 'Notifications'}
        onClick={() => setOpen(!open)}
      >
        <BellIcon />
        {count ? (
          <span className="count" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="menu-panel notifications" id={panelId} role="region" aria-label="Notifications">
          <div className="card-head">
            <h2>Notifications</h2>
            <button
              type="button"
              className="link-button"
              onClick={() => read.mutate('all')}
              disabled={!count || read.isPending}
            >
              Mark all read
            </button>
          </div>
          <AsyncView state={list} what="Notifications">
            {(page) =>
              page.results.length === 0 ? (
                <p className="muted">Nothing yet.</p>
              ) : (
                <ul className="plain-list">
                  {page.results.map((n) => (
                    <li key={n.id} className={n.read ? 'read' : 'unread'}>
                      <button type="button" className="notification" onClick={() => follow(n)}>
                        <span className={`dot dot-${n.level}`} aria-hidden="true" />
                        <span>
                          <span className="sr-only">{n.level}: </span>
                          <strong>{n.title}</strong>
                          <span className="muted small">{n.message}</span>
                          <span className="muted small">{timeAgo(n.createdAt)}</span>
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              )
            }
          </AsyncView>
        </div>
      ) : null}
    </div>
  );
}
