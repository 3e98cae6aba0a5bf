import { useCallback, useMemo, useState } from 'react';
import {
  acceptSaved,
  conflictsOf,
  discard,
  editedOf,
  initialDraft,
  rebase,
  receive,
  sameFields,
  type DraftState,
  type Fields,
} from './server-draft';

export interface ServerDraft<T extends Fields> {
  /** What the form shows: the person's edits over the server's latest values. */
  draft: T;
  /** The server's latest values as the form knows them: compare with these to build a PATCH. */
  server: T;
  /** The server version the draft builds on (send it as a save's precondition when the API takes one). */
  version: string | undefined;
  /** Fields that differ from the server's latest values. */
  edited: Array<keyof T & string>;
  dirty: boolean;
  /** Fields the person is editing that someone else changed since they started. */
  conflicts: Array<keyof T & string>;
  /** The person typed: change some fields of the draft. */
  update(patch: Partial<T>): void;
  /** Throw the edits away and show `next` (default: the server's latest values). */
  discard(next?: T, version?: string): void;
  /** Keep the edits on top of `next` (default: the latest values): a save now replaces the other change. */
  keepMine(next?: T, version?: string): void;
  /**
   * A save's answer: the server's latest values at once, without waiting for a refetch. Fields still
   * as in `sent` (the draft the save sent) show the answer's canonical values; the rest stay as typed.
   */
  saved(next: T, version?: string, sent?: Partial<T>): void;
}

/**
 * A form's local copy of server data that never loses a person's typing to a refetch: each field the
 * person has not touched takes the server's new values, touched fields keep theirs, and `conflicts`
 * names the touched fields someone else changed meanwhile (so the page can say so).
 * `server` is the form's view of the fetched data (a new object each render is fine: compared by value).
 * @example const form = useServerDraft(draftOf(content), content.updatedAt)
 */
export function useServerDraft<T extends Fields>(server: T, version?: string): ServerDraft<T> {
  const [state, setState] = useState(() => ({
    prop: server,
    propVersion: version,
    s: initialDraft(server, version),
  }));
  let current = state;
  // A refetch brought other values: merged during render (React's "adjust state on a prop change"),
  // so the form never shows one frame of overwritten typing.
  if (!sameFields(state.prop, server) || state.propVersion !== version) {
    current = { prop: server, propVersion: version, s: receive(state.s, server, version) };
    setState(current);
  }
  const s = current.s;
  const apply = useCallback(
    (f: (s: DraftState<T>) => DraftState<T>) => setState((p) => ({ ...p, s: f(p.s) })),
    [],
  );
  const actions = useMemo(
    () => ({
      update: (patch: Partial<T>) => apply((p) => ({ ...p, draft: { ...p.draft, ...patch } })),
      discard: (next?: T, v?: string) => apply((p) => discard(p, next, v)),
      keepMine: (next?: T, v?: string) => apply((p) => rebase(p, next, v)),
      saved: (next: T, v?: string, sent?: Partial<T>) => apply((p) => acceptSaved(p, next, v, sent)),
    }),
    [apply],
  );
  const edited = editedOf(s);
  return {
    draft: s.draft,
    server: s.server,
    version: s.version,
    edited,
    dirty: edited.length > 0,
    conflicts: conflictsOf(s),
    ...actions,
  };
}
