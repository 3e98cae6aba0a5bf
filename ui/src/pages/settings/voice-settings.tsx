import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { SiteVoice, VoiceGuide, VoiceGuidePatch } from '../../api/types';
import { useCan } from '../../app/use-session';
import { ChangedElsewhere } from '../../components/changed-elsewhere';
import { AsyncView, ErrorNotice } from '../../components/feedback';
import { SelectField, TextArea, TextField } from '../../components/field';
import { toast } from '../../components/toast';
import { useServerDraft } from '../../components/use-server-draft';

const PERSONS = [
  { value: '', label: 'Not set' },
  { value: 'first-singular', label: 'I (first person singular)' },
  { value: 'first-plural', label: 'We (first person plural)' },
  { value: 'second', label: 'You (second person)' },
  { value: 'third', label: 'They (third person)' },
];

/** The multi-line fields: key, label, rows, hint. */
const LISTS = [
  ['bannedPhrases', 'Banned phrases', 3, 'One per line; no article may contain them.'],
  ['preferredTerms', 'Preferred terms', 3, 'One per line: term: words it replaces (comma-separated).'],
  ['sample', 'Sample passage', 4, "A short passage in the site's voice to imitate (up to 1,500 characters)."],
] as const;

interface Draft {
  tone: string;
  person: string;
  readingLevel: string;
  bannedPhrases: string;
  preferredTerms: string;
  sample: string;
}

/** Preferred terms as one line each: `term: replaced, replaced`. */
function termsText(terms: VoiceGuide['preferredTerms']): string {
  return terms.map((t) => (t.insteadOf.length ? `${t.term}: ${t.insteadOf.join(', ')}` : t.term)).join('\n');
}

function parseTerms(text: string): VoiceGuide['preferredTerms'] {
  return lines(text).map((line) => {
    const [term = '', rest = ''] = line.split(':', 2);
    const insteadOf = rest
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return { term: term.trim(), insteadOf };
  });
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

function draftOf(guide: VoiceGuide | null): Draft {
  return {
    tone: guide?.tone ?? '',
    person: guide?.person ?? '',
    readingLevel: guide?.readingLevel ? String(guide.readingLevel) : '',
    bannedPhrases: (guide?.bannedPhrases ?? []).join('\n'),
    preferredTerms: termsText(guide?.preferredTerms ?? []),
    sample: guide?.sample ?? '',
  };
}

/** The whole form as a patch: blank fields are removed (null), lists replace the stored ones. */
function patchOf(d: Draft): VoiceGuidePatch {
  return {
    tone: d.tone.trim() || null,
    person: (d.person || null) as VoiceGuidePatch['person'],
    readingLevel: d.readingLevel ? Number(d.readingLevel) : null,
    bannedPhrases: lines(d.bannedPhrases),
    preferredTerms: parseTerms(d.preferredTerms),
    sample: d.sample.trim() || null,
  };
}

/** Field errors of the contract name list items by index (`bannedPhrases.2`): show them on the list. */
function fieldError(fields: Record<string, string[]>, name: string): string[] | undefined {
  const out = Object.entries(fields)
    .filter(([k]) => k === name || k.startsWith(`${name}.`))
    .flatMap(([k, msgs]) => msgs.map((m) => (k === name ? m : `line ${Number(k.split('.')[1]) + 1}: ${m}`)));
  return out.length ? out : undefined;
}

const LABELS: Record<keyof Draft, string> = {
  tone: 'tone',
  person: 'person',
  readingLevel: 'reading level',
  bannedPhrases: 'banned phrases',
  preferredTerms: 'preferred terms',
  sample: 'sample passage',
};

/** The fields the person changed, so a save leaves what a teammate saved in the others alone. */
function changedPatch(d: Draft, edited: Array<keyof Draft>): VoiceGuidePatch {
  const full = patchOf(d);
  if (edited.length === 0) return full;
  return Object.fromEntries(edited.map((k) => [k, full[k]])) as VoiceGuidePatch;
}

function VoiceForm({ siteId, voice }: { siteId: string; voice: SiteVoice }) {
  const form = useServerDraft(draftOf(voice.guide));
  const draft = form.draft;
  const canEdit = useCan('admin');
  const invalidate = useInvalidate();
  const save = useMutation({
    mutationFn: ({ sent, edited }: { sent: Draft; edited: Array<keyof Draft> }) =>
      api<SiteVoice>(paths.siteVoice(siteId), { method: 'PATCH', body: changedPatch(sent, edited) }),
    onSuccess: (saved, { sent }) => {
      form.saved(draftOf(saved.guide), undefined, sent);
      toast('Voice guide saved');
      // Not awaited: the form has the saved guide, so Save need not wait for the refetch.
      void invalidate(paths.siteVoice(siteId));
    },
  });
  const clear = useMutation({
    mutationFn: () => api<SiteVoice>(paths.siteVoice(siteId), { method: 'DELETE' }),
    onSuccess: () => {
      toast('Voice guide removed');
      return invalidate(paths.siteVoice(siteId));
    },
  });
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  // What every field of the form shares: its draft value, its setter, its errors, read-only for viewers.
  const bind = (k: keyof Draft) => ({
    value: draft[k],
    onChange: (e: { target: { value: string } }) => form.update({ [k]: e.target.value }),
    error: fieldError(fields, k),
    readOnly: !canEdit,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ sent: draft, edited: form.edited });
  };
  return (
    // noValidate: the API checks every field and names it (the browser would only show a tooltip).
    <form onSubmit={submit} aria-label="Voice and style guide" noValidate>
      <TextField label="Tone" hint='How the site sounds, e.g. "warm, expert, no hype".' {...bind('tone')} />
      <SelectField label="Person" options={PERSONS} {...bind('person')} disabled={!canEdit} />
      <TextField
        label="Reading level"
        type="number"
        hint="US school grade, 3–16 (8 reads easily)."
        {...bind('readingLevel')}
      />
      {LISTS.map(([k, label, rows, hint]) => (
        <TextArea key={k} label={label} rows={rows} hint={hint} {...bind(k)} />
      ))}
      <ChangedElsewhere
        fields={form.conflicts.map((k) => LABELS[k])}
        onLoadTheirs={() => form.discard()}
        onKeepMine={() => form.keepMine()}
      />
      <ErrorNotice error={Object.keys(fields).length ? null : (save.error ?? clear.error)} />
      {canEdit ? (
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            Save voice guide
          </button>
          <button
            type="button"
            disabled={clear.isPending || voice.guide === null}
            onClick={() => clear.mutate()}
          >
            Clear voice guide
          </button>
        </div>
      ) : null}
      {voice.instructions ? (
        <details className="stacked">
          <summary>What the writing prompts get</summary>
          <pre className="voice-instructions">{voice.instructions}</pre>
        </details>
      ) : null}
    </form>
  );
}

/** A site's voice and style guide: tone, person, reading level, banned phrases, preferred terms, sample. */
export function VoiceSettings({ siteId }: { siteId: string }) {
  const voice = useQuery(apiQuery<SiteVoice>(paths.siteVoice(siteId)));
  return (
    <AsyncView state={voice} what="The voice guide">
      {(v) => <VoiceForm siteId={siteId} voice={v} />}
    </AsyncView>
  );
}
