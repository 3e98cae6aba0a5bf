import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

interface FieldShell {
  label: string;
  hint?: ReactNode;
  error?: string[] | string;
}

function Shell({ id, label, hint, error, children }: FieldShell & { id: string; children: ReactNode }) {
  const errors = typeof error === 'string' ? [error] : (error ?? []);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      ) : null}
      {errors.length > 0 ? (
        <small id={`${id}-error`} className="field-error" role="alert">
          {errors.join('; ')}
        </small>
      ) : null}
    </div>
  );
}

function describedBy(id: string, f: FieldShell): string | undefined {
  const ids = [f.hint ? `${id}-hint` : '', f.error && f.error.length ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A labelled input with its hint and errors wired to aria-describedby. */
export function TextField({
  label,
  hint,
  error,
  ...input
}: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <Shell id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        aria-invalid={error && error.length ? true : undefined}
        aria-describedby={describedBy(id, { label, hint, error })}
        {...input}
      />
    </Shell>
  );
}

export function TextArea({
  label,
  hint,
  error,
  ...input
}: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <Shell id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        aria-invalid={error && error.length ? true : undefined}
        aria-describedby={describedBy(id, { label, hint, error })}
        {...input}
      />
    </Shell>
  );
}

export function SelectField({
  label,
  hint,
  error,
  options,
  ...select
}: FieldShell &
  SelectHTMLAttributes<HTMLSelectElement> & { options: Array<{ value: string; label: string }> }) {
  const id = useId();
  return (
    <Shell id={id} label={label} hint={hint} error={error}>
      <select id={id} aria-describedby={describedBy(id, { label, hint, error })} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}
