/*
 * A form's draft over data the server may change while a person edits it (a teammate's save, a run,
 * another tab). Pure functions; `useServerDraft` holds the state. Per field:
 *   - untouched (the draft still equals the value the person started from): takes each new server value;
 *   - touched: keeps what the person typed; when the server changed it too, it is a conflict the page
 *     shows ("changed by someone else since you started editing") until the person picks a side.
 */

/** A form's fields: a plain object of values (strings, numbers, booleans, small arrays and objects). */
export type Fields = object;

export interface DraftState<T extends Fields> {
  /** The server's latest values as the form knows them (a refetch, or a save's answer). */
  server: T;
  serverVersion: string | undefined;
  /** Per field, the server value the person's edit started from (equals `server` when untouched). */
  base: T;
  /** What the form shows. */
  draft: T;
  /** The server version the draft builds on: a save sends it as its precondition. */
  version: string | undefined;
}

const keysOf = <T extends Fields>(v: T) => Object.keys(v) as Array<keyof T & string>;

/** Field values compare by value: strings and numbers as such, arrays and objects by their JSON. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

export function sameFields<T extends Fields>(a: T, b: T): boolean {
  return keysOf(b).every((k) => sameValue(a[k], b[k]));
}

export function initialDraft<T extends Fields>(server: T, version?: string): DraftState<T> {
  return { server, serverVersion: version, base: server, draft: server, version };
}

/** Fields the person changed and the server changed too since they started editing them. */
export function conflictsOf<T extends Fields>(s: DraftState<T>): Array<keyof T & string> {
  return keysOf(s.draft).filter(
    (k) => !sameValue(s.draft[k], s.base[k]) && !sameValue(s.server[k], s.base[k]),
  );
}

/** Fields whose draft differs from the server's latest value (what a save would change). */
export function editedOf<T extends Fields>(s: DraftState<T>): Array<keyof T & string> {
  return keysOf(s.draft).filter((k) => !sameValue(s.draft[k], s.server[k]));
}

/**
 * New server values arrive (a refetch): untouched fields take them, touched ones keep the person's
 * value. The draft builds on the new version only when nothing the person edits changed meanwhile.
 */
export function receive<T extends Fields>(s: DraftState<T>, next: T, version?: string): DraftState<T> {
  // A fetch that left before a save and answered after it: older than what the form has (versions
  // are ISO times, so they compare as text).
  if (version !== undefined && s.serverVersion !== undefined && version < s.serverVersion) return s;
  const base = { ...s.base };
  const draft = { ...s.draft };
  for (const k of keysOf(next)) {
    // A touched field the server now holds as typed (the person's own save) is no longer an edit.
    if (sameValue(draft[k], base[k]) || sameValue(draft[k], next[k])) {
      draft[k] = next[k];
      base[k] = next[k];
    }
  }
  const out: DraftState<T> = { server: next, serverVersion: version, base, draft, version: s.version };
  return { ...out, version: conflictsOf(out).length ? s.version : version };
}

/**
 * The person's edits, now on top of `next` (default: the server's latest): their own save's answer,
 * or "keep mine" after a conflict. Untouched fields take `next`; no conflict is left.
 */
export function rebase<T extends Fields>(s: DraftState<T>, next?: T, version?: string): DraftState<T> {
  const server = next ?? s.server;
  const v = next ? version : s.serverVersion;
  const draft = { ...s.draft };
  for (const k of keysOf(server)) if (sameValue(s.draft[k], s.base[k])) draft[k] = server[k];
  return { server, serverVersion: v, base: server, draft, version: v };
}

/**
 * A save's answer. Fields still as they were sent take the answer (the server's canonical form:
 * sanitized HTML, a trimmed name); fields typed into while the save was under way stay as typed.
 */
export function acceptSaved<T extends Fields>(
  s: DraftState<T>,
  next: T,
  version?: string,
  sent?: Partial<T>,
): DraftState<T> {
  const draft = { ...s.draft };
  for (const k of keysOf(next)) {
    if (sent && k in sent && sameValue(draft[k], sent[k])) draft[k] = next[k];
  }
  return rebase({ ...s, draft }, next, version);
}

/** Throw the person's edits away: the draft becomes `next` (default: the server's latest). */
export function discard<T extends Fields>(s: DraftState<T>, next?: T, version?: string): DraftState<T> {
  return next ? initialDraft(next, version) : initialDraft(s.server, s.serverVersion);
}
