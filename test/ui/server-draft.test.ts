import { describe, expect, it } from 'vitest';

type Fields = Record<string, unknown>;
interface DraftState<T extends Fields> {
  server: T;
  serverVersion: string | undefined;
  base: T;
  draft: T;
  version: string | undefined;
}
interface ServerDraftModule {
  initialDraft<T extends Fields>(server: T, version?: string): DraftState<T>;
  receive<T extends Fields>(s: DraftState<T>, next: T, version?: string): DraftState<T>;
  rebase<T extends Fields>(s: DraftState<T>, next?: T, version?: string): DraftState<T>;
  acceptSaved<T extends Fields>(
    s: DraftState<T>,
    next: T,
    version?: string,
    sent?: Partial<T>,
  ): DraftState<T>;
  discard<T extends Fields>(s: DraftState<T>, next?: T, version?: string): DraftState<T>;
  conflictsOf<T extends Fields>(s: DraftState<T>): string[];
  editedOf<T extends Fields>(s: DraftState<T>): string[];
}

// The dashboard compiles with bundler resolution, so the import path stays out of this tsconfig's sight.
const uiDraft = '../../ui/src/components/server-draft.ts';
const m = (await import(uiDraft)) as ServerDraftModule;

const v1 = { title: 'One', html: '<p>a</p>', days: ['mon'] };
const typed = (s: DraftState<typeof v1>, patch: Partial<typeof v1>) => ({
  ...s,
  draft: { ...s.draft, ...patch },
});

describe("a form's draft over server data that changes while a person types", () => {
  it('a refetch updates the fields the person has not touched and keeps the ones they typed in', () => {
    const s = typed(m.initialDraft(v1, 'T1'), { title: 'Mine' });
    const next = m.receive(s, { title: 'One', html: '<p>theirs</p>', days: ['mon', 'tue'] }, 'T2');
    expect(next.draft).toEqual({ title: 'Mine', html: '<p>theirs</p>', days: ['mon', 'tue'] });
    expect(m.conflictsOf(next)).toEqual([]);
    expect(m.editedOf(next)).toEqual(['title']);
    // Nothing the person edits changed: the draft builds on the new version.
    expect(next.version).toBe('T2');
  });

  it('a field both changed is a conflict; the draft keeps the version it started from', () => {
    const s = typed(m.initialDraft(v1, 'T1'), { title: 'Mine' });
    const next = m.receive(s, { ...v1, title: 'Theirs' }, 'T2');
    expect(next.draft.title).toBe('Mine');
    expect(m.conflictsOf(next)).toEqual(['title']);
    expect(next.version).toBe('T1');
    // Keep mine: no conflict, builds on their version; load theirs: the draft is theirs.
    const kept = m.rebase(next);
    expect([kept.draft.title, m.conflictsOf(kept), kept.version]).toEqual(['Mine', [], 'T2']);
    const theirs = m.discard(next);
    expect([theirs.draft.title, m.editedOf(theirs), theirs.version]).toEqual(['Theirs', [], 'T2']);
  });

  it('the server arriving at what the person typed ends the edit (their own save, or the same words)', () => {
    const s = typed(m.initialDraft(v1), { days: ['mon', 'fri'] });
    const next = m.receive(s, { ...v1, days: ['mon', 'fri'] });
    expect(m.editedOf(next)).toEqual([]);
    expect(m.conflictsOf(next)).toEqual([]);
  });

  it("a save's answer shows the canonical values of what was sent, and keeps typing done since", () => {
    const sent = { ...v1, title: 'Saved ', html: '<p>b<script></script></p>' };
    // While the save was under way the person went on typing in the title.
    const s = typed(m.initialDraft(v1, 'T1'), { ...sent, title: 'Saved and more' });
    const answer = { ...v1, title: 'Saved', html: '<p>b</p>' };
    const next = m.acceptSaved(s, answer, 'T2', sent);
    expect(next.draft).toEqual({ ...answer, title: 'Saved and more' });
    expect(m.editedOf(next)).toEqual(['title']);
    expect(m.conflictsOf(next)).toEqual([]);
    expect(next.version).toBe('T2');
    // The refetch after it brings the same values: nothing changes; nor does an older answer.
    expect(m.receive(next, answer, 'T2')).toEqual(next);
    expect(m.receive(next, v1, 'T1')).toEqual(next);
  });
});
