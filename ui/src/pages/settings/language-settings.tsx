import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { useInvalidate } from '../../api/queries';
import type { Sector, Site } from '../../api/types';
import { ErrorNotice } from '../../components/feedback';
import { TextField } from '../../components/field';
import { toast } from '../../components/toast';

const HINT = 'A BCP 47 tag such as en, de, es, ja or pt-BR.';

/**
 * One language form: a site's (always set) or a sector's (blank inherits the site's). The API
 * canonicalizes the tag (`DE` → `de`) and names the field when it is not one.
 */
export function LanguageForm({
  label,
  current,
  inherited,
  path,
  invalidates,
  canEdit,
}: {
  label: string;
  current: string | null;
  /** For a sector: the site's language, used when the field is blank. */
  inherited?: string;
  path: string;
  invalidates: string[];
  canEdit: boolean;
}) {
  const [value, setValue] = useState(current ?? '');
  // What the server holds as far as this form knows: the last save's answer, or the prop once a
  // refetch brings a newer one. Comparing with the prop alone disabled Save when a person blanked
  // the field right after saving, before the refetch landed (the old value still looked current).
  // A refetch that brings another value updates the field only if the person has not edited it.
  const [baseline, setBaseline] = useState({ prop: current, saved: current });
  if (baseline.prop !== current) {
    setBaseline({ prop: current, saved: current });
    if (value.trim() === (baseline.saved ?? '')) setValue(current ?? '');
  }
  const invalidate = useInvalidate();
  const save = useMutation({
    mutationFn: () =>
      api<Site | Sector>(path, {
        method: 'PATCH',
        body: { language: value.trim() || (inherited !== undefined ? null : undefined) },
      }),
    onSuccess: (saved) => {
      setValue(saved.language ?? '');
      setBaseline((b) => ({ ...b, saved: saved.language ?? null }));
      toast(saved.language ? `${label}: ${saved.language}` : `${label}: inherits ${inherited ?? ''}`);
      // Not awaited: the form knows the saved value, so Save need not wait for the list's refetch.
      void invalidate(...invalidates);
    },
  });
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const hint = inherited !== undefined ? `${HINT} Blank: the site's (${inherited}).` : HINT;
  const unchanged = value.trim() === (baseline.saved ?? '') || (inherited === undefined && !value.trim());
  return (
    <form onSubmit={submit} className="inline-form" aria-label={`Language of ${label}`}>
      <TextField
        label={`${label} language`}
        value={value}
        placeholder={inherited}
        onChange={(e) => setValue(e.target.value)}
        error={fields.language}
        hint={hint}
        readOnly={!canEdit}
        autoComplete="off"
        spellCheck={false}
      />
      {canEdit ? (
        <button type="submit" disabled={save.isPending || unchanged}>
          Save {label} language
        </button>
      ) : null}
      <ErrorNotice error={Object.keys(fields).length ? null : save.error} />
    </form>
  );
}
