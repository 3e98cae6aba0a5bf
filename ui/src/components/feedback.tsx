import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/client';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

/** An error from the API, with field errors and the request id to quote when reporting. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  if (error instanceof ApiError && error.routeMissing) return <Unavailable />;
  const fields = error instanceof ApiError ? Object.entries(error.fieldErrors) : [];
  return (
    <div className="notice notice-error" role="alert">
      {title ? <strong>{title}: </strong> : null}
      {errorMessage(error)}
      {fields.length > 0 ? (
        <ul>
          {fields.map(([field, msgs]) => (
            <li key={field}>
              <code>{field || 'body'}</code>: {msgs.join('; ')}
            </li>
          ))}
        </ul>
      ) : null}
      {error instanceof ApiError && error.hint ? <p className="notice-hint">{error.hint}</p> : null}
      {error instanceof ApiError && error.requestId ? (
        <small className="muted"> (request {error.requestId})</small>
      ) : null}
    </div>
  );
}

/** A feature whose API route this server does not have (an older or partial build). */
export function Unavailable({ what = 'This feature' }: { what?: string }) {
  return (
    <div className="notice notice-info" role="note">
      {what} is not available on this server yet: its API route is missing. Update igny8 and restart{' '}
      <code>igny8 serve</code>.
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** Loading / error / data for one query (`useQuery`'s result fits). */
export function AsyncView<T>({
  state,
  children,
  what,
}: {
  state: { data: T | undefined; error: unknown };
  children: (data: T) => ReactNode;
  what?: string;
}) {
  if (state.data !== undefined) return <>{children(state.data)}</>;
  if (state.error) {
    if (state.error instanceof ApiError && state.error.routeMissing) return <Unavailable what={what} />;
    return <ErrorNotice error={state.error} />;
  }
  return <Loading />;
}
