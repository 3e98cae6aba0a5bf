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
  const invalidate = useInvalidate();
  const save = useMutation({
    mutationFn: () =>
      api<Site | Sector>(path, {
        method: 'PATCH',
        body: { language: value.trim() || (inherited !== undefined ? null : undefined) },
      }),
    onSuccess: (saved) => {
      setValue(saved.language ?? '');
      toast(saved.language ? `${label}: ${saved.language}` : `${label}: inherits ${inherited ?? ''}`);
      return invalidate(...invalidates);
    },
  });
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const hint = inherited !== undefined ? `${HINT} Blank: the site's (${inherited}).` : HINT;
  const unchanged = value.trim() === (current ?? '') || (inherited === undefined && !value.trim());
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
